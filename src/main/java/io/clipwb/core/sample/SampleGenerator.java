package io.clipwb.core.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the sample world's sets to disk, one folder per set ({@code manifest.csv},
 * {@code classes.json}, {@code set.json}, {@code images/}, and {@code depth/} where the set has
 * depth), plus {@code sample-world.json} (the vocabulary) at the top. Same options and seed →
 * byte-identical files, whatever the number of threads.
 */
public final class SampleGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(SampleGenerator.class);

  /** Metres per unit of the 16-bit depth PNGs (depth is stored in millimetres). */
  public static final double DEPTH_SCALE = 0.001;

  /** The metadata columns, in order, after {@code path,label}. */
  public static final List<String> COLUMNS = List.of(
      "path", "label", "class", "shape", "texture", "colour", "background", "style", "texture_class", "colour_class",
      "rotation", "size", "x", "y", "object_depth", "occlusion", "object_fraction", "brightness", "n_objects",
      "caption", "depth", "depth_scale", "seed",
      "factor_pose", "factor_partial_view", "factor_multiple_objects", "factor_smaller", "factor_larger",
      "factor_brighter", "factor_darker", "factor_texture", "factor_colour", "factor_background", "factor_style");

  private static final List<String> MULTIVIEW_COLUMNS = List.of("path_b", "depth_b", "cameras");

  private SampleGenerator() {}

  /**
   * @param out output folder
   * @param seed world seed
   * @param imageSize image side in pixels (48–128)
   * @param size images per class for evaluation sets (null: each set's default)
   * @param trainSize images per class for the train sets (null: default 200)
   * @param sets the sets to write
   * @param depthForAll write depth maps for every set, not only rgbd/multiview
   */
  public record Options(Path out, long seed, int imageSize, Integer size, Integer trainSize, List<SampleSet> sets, boolean depthForAll) {
    public Options {
      if (imageSize < 32 || imageSize > 256) throw new IllegalArgumentException("image size must be 32..256 pixels, got " + imageSize);
      if (size != null && size < 1) throw new IllegalArgumentException("images per class must be >= 1, got " + size);
      if (trainSize != null && trainSize < 1) throw new IllegalArgumentException("train images per class must be >= 1, got " + trainSize);
      if (sets.isEmpty()) throw new IllegalArgumentException("no sets selected");
    }

    public static Options defaults(Path out) {
      return new Options(out, 0, 64, null, null, List.of(SampleSet.values()), false);
    }
  }

  /** One written set. */
  public record SetSummary(String name, String role, int count, String manifest) {}

  /** What was written. */
  public record Summary(String out, long seed, int imageSize, List<SetSummary> sets) {}

  private record Item(int classIndex, int textureClass, String file) {}

  public static Summary generate(Options o, Progress progress, Cancellation cancel) {
    java.util.Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    Path out = o.out();
    writeWorld(out, o);
    List<List<Item>> plans = new ArrayList<>();
    long total = 0;
    for (SampleSet set : o.sets()) {
      List<Item> plan = plan(set, o);
      plans.add(plan);
      total += plan.size();
    }
    AtomicLong done = new AtomicLong();
    List<SetSummary> summaries = new ArrayList<>();
    for (int s = 0; s < o.sets().size(); s++) {
      SampleSet set = o.sets().get(s);
      List<Item> plan = plans.get(s);
      Path dir = out.resolve(set.id());
      boolean depth = set.hasDepth() || o.depthForAll();
      try {
        Files.createDirectories(dir.resolve("images"));
        if (depth) Files.createDirectories(dir.resolve("depth"));
        if (set == SampleSet.MULTIVIEW) Files.createDirectories(dir.resolve("cameras"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
      }
      long totalF = total;
      List<Map<String, String>> rows = IntStream.range(0, plan.size()).parallel().mapToObj(i -> {
        cancel.check();
        Map<String, String> row = item(set, plan.get(i), i, o, dir, depth);
        progress.update(done.incrementAndGet(), totalF, "generating " + set.id());
        return row;
      }).toList();
      List<String> cols = new ArrayList<>(COLUMNS);
      if (set == SampleSet.MULTIVIEW) cols.addAll(MULTIVIEW_COLUMNS);
      AtomicFiles.writeString(dir.resolve("manifest.csv"), SampleManifest.toCsv(cols, rows));
      Json.write(dir.resolve("classes.json"), SampleWorld.CLASSES);
      if (set == SampleSet.CAPTIONS) {
        List<Map<String, String>> caps = rows.stream().map(r -> {
          Map<String, String> m = new LinkedHashMap<>();
          m.put("image", r.get("path"));
          m.put("caption", r.get("caption"));
          return m;
        }).toList();
        AtomicFiles.writeString(dir.resolve("captions.csv"), SampleManifest.toCsv(List.of("image", "caption"), caps));
      }
      ObjectNode meta = Json.object();
      meta.put("name", set.id());
      meta.put("role", set.role());
      meta.put("count", rows.size());
      meta.put("image_size", o.imageSize());
      meta.put("world_seed", o.seed());
      meta.put("depth_scale_m", DEPTH_SCALE);
      meta.put("depth_format", "16-bit grayscale PNG, millimetres along the camera z axis");
      meta.set("intrinsics", Json.mapper().valueToTree(Camera.front(o.imageSize()).intrinsics()));
      Json.write(dir.resolve("set.json"), meta);
      summaries.add(new SetSummary(set.id(), set.role(), rows.size(), out.relativize(dir.resolve("manifest.csv")).toString()));
      LOG.info("wrote {} images of set {} to {}", rows.size(), set.id(), dir);
    }
    return new Summary(out.toString(), o.seed(), o.imageSize(), summaries);
  }

  private static void writeWorld(Path out, Options o) {
    ObjectNode w = Json.object();
    w.put("generator", "clipwb sample world v1");
    w.put("seed", o.seed());
    w.put("image_size", o.imageSize());
    w.set("classes", Json.mapper().valueToTree(SampleWorld.CLASSES));
    w.set("class_textures", Json.mapper().valueToTree(SampleWorld.TEXTURES));
    w.set("class_colours", Json.mapper().valueToTree(SampleWorld.COLOURS));
    w.set("backgrounds", Json.mapper().valueToTree(SampleWorld.BACKGROUNDS));
    w.set("novel_textures", Json.mapper().valueToTree(SampleWorld.NOVEL_TEXTURES));
    w.set("novel_backgrounds", Json.mapper().valueToTree(SampleWorld.NOVEL_BACKGROUNDS));
    w.set("ood_shapes", Json.mapper().valueToTree(SampleWorld.OOD_SHAPES));
    w.set("prompt_templates", Json.mapper().valueToTree(SampleWorld.PROMPT_TEMPLATES));
    w.set("vocabulary", Json.mapper().valueToTree(SampleWorld.vocabulary()));
    w.put("cue_probability", SceneSampler.CUE_P);
    Json.write(out.resolve("sample-world.json"), w);
  }

  private static List<Item> plan(SampleSet set, Options o) {
    int k = SampleWorld.CLASSES.size();
    int per = set.isTrain() ? (o.trainSize() != null ? o.trainSize() : set.defaultSize())
        : (o.size() != null ? o.size() : set.defaultSize());
    List<Item> items = new ArrayList<>();
    switch (set) {
      case CUE_CONFLICT -> {
        int perPair = Math.max(1, Math.round(per / 20f));
        int[] shapeCount = new int[k], texCount = new int[k];
        for (int rep = 0; rep < perPair; rep++)
          for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) {
              if (a == b) continue;
              String file = SampleWorld.CLASSES.get(a) + (++shapeCount[a]) + "-" + SampleWorld.CLASSES.get(b) + (++texCount[b]) + ".png";
              items.add(new Item(a, b, file));
            }
      }
      case OOD -> {
        for (int i = 0; i < per * 8; i++) {
          String shape = SampleWorld.OOD_SHAPES.get(i % SampleWorld.OOD_SHAPES.size());
          items.add(new Item(-1, -1, String.format(Locale.ROOT, "%05d_%s.png", i, shape)));
        }
      }
      default -> {
        for (int i = 0; i < per * k; i++) {
          items.add(new Item(i % k, -1, String.format(Locale.ROOT, "%05d_%s.png", i, SampleWorld.CLASSES.get(i % k))));
        }
      }
    }
    return items;
  }

  private static Map<String, String> item(SampleSet set, Item it, int index, Options o, Path dir, boolean withDepth) {
    SceneSampler.Draw d = SceneSampler.draw(set, it.classIndex(), it.textureClass(), index, o.seed(), o.imageSize());
    SceneSpec spec = d.spec();
    SceneRenderer.View v = SceneRenderer.render(spec, Camera.front(o.imageSize()));
    String path = "images/" + it.file();
    write(dir.resolve(path), Png.encodeRgb(v.image()));
    String depthPath = "";
    if (withDepth) {
      depthPath = "depth/" + it.file();
      write(dir.resolve(depthPath), Png.encodeGray16(o.imageSize(), o.imageSize(), depthUnits(v.depth())));
    }
    SceneSpec.ObjectSpec m = spec.main();
    Map<String, String> row = new LinkedHashMap<>();
    String cls = it.classIndex() >= 0 ? SampleWorld.CLASSES.get(it.classIndex()) : "";
    row.put("path", path);
    row.put("label", cls);
    row.put("class", cls);
    row.put("shape", m.shape());
    row.put("texture", m.texture() == null ? "" : m.texture());
    row.put("colour", m.colour() == null ? "" : m.colour());
    row.put("background", spec.background());
    row.put("style", spec.style());
    row.put("texture_class", d.textureClass() >= 0 ? SampleWorld.CLASSES.get(d.textureClass()) : "");
    row.put("colour_class", d.colourClass() >= 0 ? SampleWorld.CLASSES.get(d.colourClass()) : "");
    double rot = m.rotation() % 360;
    if (rot > 180) rot -= 360;
    if (rot <= -180) rot += 360;
    row.put("rotation", num(rot, 2));
    row.put("size", num(m.radius() / o.imageSize(), 4));
    row.put("x", num(m.x() / o.imageSize(), 4));
    row.put("y", num(m.y() / o.imageSize(), 4));
    row.put("object_depth", num(m.depth(), 4));
    row.put("occlusion", num(v.occlusion(), 4));
    row.put("object_fraction", num(v.objectFraction(), 4));
    row.put("brightness", num(spec.brightness(), 4));
    row.put("n_objects", Integer.toString(spec.objects().size()));
    row.put("caption", SampleWorld.caption(spec.style(), m.colour(), m.texture(), m.shape(), spec.background(), spec.objects().size()));
    row.put("depth", depthPath);
    row.put("depth_scale", withDepth ? Double.toString(DEPTH_SCALE) : "");
    row.put("seed", Long.toUnsignedString(spec.seed()));
    // ImageNet-X-style binary factors (Idrissi et al. 2023): 1 where the image departs from the typical
    // training image in that respect; thresholds documented in docs/sample-lab.md
    double size = m.radius() / o.imageSize();
    int ci = it.classIndex();
    row.put("factor_pose", flag(Math.abs(rot) > 15));
    row.put("factor_partial_view", flag(v.occlusion() > 0.05));
    row.put("factor_multiple_objects", flag(spec.objects().size() > 1));
    row.put("factor_smaller", flag(size < 0.25));
    row.put("factor_larger", flag(size > 0.31));
    row.put("factor_brighter", flag(spec.brightness() > 1.07));
    row.put("factor_darker", flag(spec.brightness() < 0.93));
    row.put("factor_texture", flag(ci >= 0 && d.textureClass() != ci));
    row.put("factor_colour", flag(ci >= 0 && d.colourClass() != ci));
    row.put("factor_background", flag(!SampleWorld.BACKGROUNDS.contains(spec.background())));
    row.put("factor_style", flag(!"photo".equals(spec.style())));
    if (set == SampleSet.MULTIVIEW) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(spec.seed() ^ 0x7F4A7C15L);
      double yaw = (r.nextBoolean() ? 1 : -1) * SceneSampler.uni(r, 6, 12), pitch = SceneSampler.uni(r, -5, 5);
      Camera a = Camera.front(o.imageSize());
      Camera b = Camera.orbit(o.imageSize(), m.depth(), yaw, pitch);
      SceneRenderer.View vb = SceneRenderer.render(spec, b);
      String stem = it.file().substring(0, it.file().length() - 4);
      String pathB = "images/" + stem + "_b.png", depthB = "depth/" + stem + "_b.png", cams = "cameras/" + stem + ".json";
      write(dir.resolve(pathB), Png.encodeRgb(vb.image()));
      write(dir.resolve(depthB), Png.encodeGray16(o.imageSize(), o.imageSize(), depthUnits(vb.depth())));
      ObjectNode c = Json.object();
      c.set("K", Json.mapper().valueToTree(a.intrinsics()));
      c.set("cam_from_world_a", Json.mapper().valueToTree(a.camFromWorld()));
      c.set("cam_from_world_b", Json.mapper().valueToTree(b.camFromWorld()));
      c.put("yaw_deg", yaw);
      c.put("pitch_deg", pitch);
      c.put("depth_scale_m", DEPTH_SCALE);
      c.put("convention", "x right, y down, z forward; pixel centres at integer + 0.5; depth = camera z");
      write(dir.resolve(cams), (Json.toString(c) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      row.put("path_b", pathB);
      row.put("depth_b", depthB);
      row.put("cameras", cams);
    }
    return row;
  }

  private static String flag(boolean b) {
    return b ? "1" : "0";
  }

  static int[] depthUnits(float[] depth) {
    int[] u = new int[depth.length];
    for (int i = 0; i < depth.length; i++) u[i] = (int) Math.round(depth[i] / DEPTH_SCALE);
    return u;
  }

  private static String num(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
