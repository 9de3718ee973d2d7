package io.clipwb.cli;

import io.clipwb.core.eval.correspondence.Correspondence;
import io.clipwb.core.eval.correspondence.CorrespondenceFiles;
import io.clipwb.core.eval.correspondence.DenseFeatures;
import io.clipwb.core.eval.correspondence.GridFootprint;
import io.clipwb.core.eval.correspondence.PatchFeatureExtractor;
import io.clipwb.core.eval.correspondence.PatchFeatureFiles;
import io.clipwb.core.eval.correspondence.Pck;
import io.clipwb.core.eval.correspondence.Probe3dCorrespondence;
import io.clipwb.core.eval.correspondence.RgbdFrames;
import io.clipwb.core.eval.correspondence.SpairPair;
import io.clipwb.core.eval.correspondence.SpairReader;
import io.clipwb.core.image.ImageDecodeException;
import io.clipwb.core.image.ImageDecoder;
import io.clipwb.core.image.RgbImage;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.PatchFeatures;
import io.clipwb.djl.DjlClipModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipwb correspondence}: 3D awareness by geometric correspondence on calibrated RGB-D
 * frames, or semantic correspondence (PCK) on SPair-71k-style pairs, from patch features given as
 * {@code .npy} files or computed with a bundle's patch-token output.
 */
@Command(
    name = "correspondence",
    mixinStandardHelpOptions = true,
    description = {
      "Geometric correspondence (recall at 5/10/20 px, binned by rotation) on RGB-D frames (--frames, --pairs),",
      "or semantic correspondence PCK@alpha on SPair-71k pairs (--spair). Patch features come from .npy files",
      "(--patches-a/--patches-b, or --patches-dir with <frame or image name>.npy) or a bundle (--model).",
      "Writes correspondence.json + matches.csv (or pck.json + keypoints.csv) to --out; prints a JSON summary.",
      "--protocol probe3d: Probe3D's published setting (scale 0.25, its 1,000 ratio-test matches among pixels with",
      "depth, recall in scaled pixels; SPair PCK counted with <). See docs/retrieval-and-correspondence.md."
    })
public final class CorrespondenceCommand implements Callable<Integer> {
  @Option(names = "--frames", description = "RGB-D folder in Open3D's layout (color/, depth/, trajectory.log, camera_*.json)")
  Path frames;

  @Option(names = "--pairs", split = ";", description = "frame pairs A,B (0-based, file-name order), e.g. --pairs 0,1 --pairs 0,4")
  List<String> pairs = new ArrayList<>();

  @Option(names = "--depth-scale", defaultValue = "1000", description = "raw depth units per metre (default: ${DEFAULT-VALUE}, millimetres)")
  double depthScale;

  @Option(names = "--spair", description = "SPair-71k pair JSON file, folder of them, or JSON array")
  Path spair;

  @Option(names = "--images", description = "SPair image folder (JPEGImages): <dir>/<category>/<name> or <dir>/<name>")
  Path images;

  @Option(names = "--patches-a", description = "patch features of view A (.npy) — single pair only")
  Path patchesA;

  @Option(names = "--patches-b", description = "patch features of view B (.npy) — single pair only")
  Path patchesB;

  @Option(names = "--patches-dir", description = "folder of <frame name>.npy (e.g. 00000.npy) or <image stem>.npy")
  Path patchesDir;

  @Option(names = "--grid", description = "patch grid GHxGW for .npy token sequences of shape (GH*GW, D)")
  String grid;

  @Option(names = "--footprint", defaultValue = "full",
      description = "where .npy patch grids lie on the image: full (whole image) or clip (resize + center crop) (default: ${DEFAULT-VALUE})")
  String footprint;

  @Option(names = "--input-size", defaultValue = "224", description = "crop size for --footprint clip (default: ${DEFAULT-VALUE})")
  int inputSize;

  @Option(names = "--resize", description = "shorter-side resize for --footprint clip (default: --input-size)")
  Integer resize;

  @Option(names = "--model", description = "bundle folder whose patch-token output computes the features")
  Path model;

  @Option(names = "--samples", defaultValue = "1000", description = "query pixels per pair (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--stride", defaultValue = "1", description = "candidate pixel stride in B; 1 = exact (default: ${DEFAULT-VALUE})")
  int stride;

  @Option(names = "--depth-tolerance", defaultValue = "0.05",
      description = "metres of depth disagreement that mark a point occluded in B; 0 disables (default: ${DEFAULT-VALUE})")
  double depthTolerance;

  @Option(names = "--alpha", defaultValue = "0.1", description = "PCK alpha of the target box (default: ${DEFAULT-VALUE})")
  double alpha;

  @Option(names = "--protocol", defaultValue = "default", paramLabel = "NAME",
      description = "default (sampled visible pixels, full resolution; PCK with <=) or probe3d (Probe3D's setting) (default: ${DEFAULT-VALUE})")
  String protocol;

  @Option(names = "--out", description = "output folder")
  Path out;

  @Spec CommandSpec spec;

  private boolean probe3d;
  private ClipModel clip;
  private ImageEncoder encoder;
  private PatchFeatureExtractor extractor;

  @Override
  public Integer call() {
    if ((frames == null) == (spair == null)) {
      throw new IllegalArgumentException("give either --frames (geometric correspondence) or --spair (semantic correspondence)");
    }
    int sources = (patchesA != null || patchesB != null ? 1 : 0) + (patchesDir != null ? 1 : 0) + (model != null ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException("give exactly one feature source: --patches-a/--patches-b, --patches-dir, or --model");
    }
    if ((patchesA == null) != (patchesB == null)) throw new IllegalArgumentException("--patches-a and --patches-b go together");
    boolean probe3d = switch (protocol.strip().toLowerCase(Locale.ROOT)) {
      case "default" -> false;
      case "probe3d" -> true;
      default -> throw new IllegalArgumentException("--protocol must be default or probe3d, got " + protocol);
    };
    if (probe3d) {
      for (String o : List.of("--samples", "--seed", "--stride", "--depth-tolerance")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
          throw new IllegalArgumentException(o + " does not apply to --protocol probe3d (it keeps its 1,000 ratio-test matches"
              + " among all pixels with depth, exhaustively)");
        }
      }
    }
    this.probe3d = probe3d;
    try {
      if (model != null) {
        Bundle bundle = BundleLoader.load(model);
        if (bundle.patchEncoder().isEmpty()) {
          throw new IllegalArgumentException(model + ": bundle " + bundle.name() + " exports no patch-token output (patch_encoder)");
        }
        clip = DjlClipModel.load(bundle);
        encoder = clip.newImageEncoder();
        extractor = new PatchFeatureExtractor(encoder, bundle.preprocessing());
      }
      Map<String, Object> summary = frames != null ? geometric() : semantic();
      System.out.println(Json.toString(summary));
      return 0;
    } finally {
      if (encoder != null) encoder.close();
      if (clip != null) clip.close();
    }
  }

  private Map<String, Object> geometric() {
    RgbdFrames seq = RgbdFrames.openOpen3d(frames, depthScale);
    if (pairs.isEmpty()) throw new IllegalArgumentException("--frames needs at least one --pairs A,B");
    List<int[]> ab = new ArrayList<>();
    for (String p : pairs) ab.add(parsePair(p));
    if (patchesA != null && ab.size() != 1) throw new IllegalArgumentException("--patches-a/--patches-b describe one pair; use --patches-dir for several");
    Map<Integer, DenseFeatures> cache = new HashMap<>();
    List<Correspondence.Pair> list = new ArrayList<>();
    for (int[] x : ab) {
      Correspondence.View va = view(seq, x[0], cache, patchesA);
      Correspondence.View vb = view(seq, x[1], cache, patchesB);
      list.add(new Correspondence.Pair(seq.frame(x[0]).name() + "-" + seq.frame(x[1]).name(), va, vb));
    }
    if (probe3d) return probe3d(list);
    Correspondence.Params params = new Correspondence.Params(samples, seed, stride, depthTolerance,
        new double[] {5, 10, 20}, new double[] {0, 15, 30, 60, 180}, 10);
    Correspondence.Result r = CtrlC.run(cancel -> Correspondence.compute(list, params, new StderrProgress(new java.io.PrintWriter(System.err, true)), cancel));
    Map<String, Object> summary = new LinkedHashMap<>(r.summary());
    List<Map<String, Object>> per = new ArrayList<>();
    for (Correspondence.PairResult p : r.pairs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pair", p.id());
      m.put("rotation_deg", p.rotationDeg());
      m.put("translation_m", p.translationM());
      m.put("sampled", p.sampled());
      m.put("recall", p.recall());
      per.add(m);
    }
    summary.put("per_pair", per);
    if (out != null) {
      CorrespondenceFiles.writeGeometric(out, frames, seq.intrinsics(), r);
      summary.put("out", out.toString());
    }
    return summary;
  }

  private Map<String, Object> probe3d(List<Correspondence.Pair> list) {
    Probe3dCorrespondence.Result r = CtrlC.run(cancel -> Probe3dCorrespondence.compute(list, Probe3dCorrespondence.Params.published(),
        new StderrProgress(new java.io.PrintWriter(System.err, true)), cancel));
    Map<String, Object> summary = new LinkedHashMap<>(r.summary());
    List<Map<String, Object>> per = new ArrayList<>();
    for (Probe3dCorrespondence.PairResult p : r.pairs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pair", p.id());
      m.put("rotation_deg", p.rotationDeg());
      m.put("points_a", p.pointsA());
      m.put("points_b", p.pointsB());
      m.put("matches", p.matches().size());
      m.put("recall", p.recall());
      per.add(m);
    }
    summary.put("per_pair", per);
    if (out != null) {
      CorrespondenceFiles.writeProbe3d(out, frames, r);
      summary.put("out", out.toString());
    }
    return summary;
  }

  private Correspondence.View view(RgbdFrames seq, int index, Map<Integer, DenseFeatures> cache, Path single) {
    RgbdFrames.Frame f = seq.frame(index);
    int w = seq.intrinsics().width();
    int h = seq.intrinsics().height();
    DenseFeatures feats;
    if (single != null) {
      feats = fromNpy(single, w, h);
    } else {
      feats = cache.computeIfAbsent(index, i -> patchesDir != null
          ? fromNpy(patchesDir.resolve(f.name() + ".npy"), w, h)
          : fromModel(f.color(), w, h));
    }
    return new Correspondence.View(f.name(), seq.intrinsics(), f.cameraToWorld(), seq.depth(index), feats);
  }

  private Map<String, Object> semantic() {
    List<SpairPair> list = SpairReader.read(spair);
    Map<String, DenseFeatures> cache = new HashMap<>();
    List<Pck.PairFeatures> feats = new ArrayList<>();
    for (SpairPair p : list) {
      feats.add(new Pck.PairFeatures(
          semanticFeatures(p, p.srcImage(), p.srcSize(), cache),
          semanticFeatures(p, p.trgImage(), p.trgSize(), cache)));
    }
    Pck.Result r = CtrlC.run(cancel -> Pck.computeFromFeatures(list, feats, new Pck.Params(alpha, probe3d), stride, new StderrProgress(new java.io.PrintWriter(System.err, true)), cancel));
    Map<String, Object> summary = new LinkedHashMap<>(r.summary());
    if (out != null) {
      CorrespondenceFiles.writeSemantic(out, spair, r);
      summary.put("out", out.toString());
    }
    return summary;
  }

  private DenseFeatures semanticFeatures(SpairPair p, String name, int[] size, Map<String, DenseFeatures> cache) {
    return cache.computeIfAbsent(p.category() + "/" + name, k -> {
      Path img = imagePath(p, name);
      if (model != null) {
        if (img == null) throw new IllegalArgumentException("--model needs --images to find " + name);
        return fromModel(img, -1, -1);
      }
      int[] wh = size;
      if (wh == null) {
        if (img == null) {
          throw new IllegalArgumentException("pair " + p.id() + ": no src_imsize/trg_imsize for " + name + "; give --images so its size can be read");
        }
        wh = imageSize(img);
      }
      String stem = name.replaceFirst("\\.[^.]*$", "");
      return fromNpy(patchesDir.resolve(stem + ".npy"), wh[0], wh[1]);
    });
  }

  private Path imagePath(SpairPair p, String name) {
    if (images == null) return null;
    Path a = images.resolve(p.category()).resolve(name);
    if (!p.category().isEmpty() && Files.isRegularFile(a)) return a;
    Path b = images.resolve(name);
    if (Files.isRegularFile(b)) return b;
    throw new IllegalArgumentException("image " + name + " not found under " + images + " (tried " + a + " and " + b + ")");
  }

  private static int[] imageSize(Path img) {
    try (ImageInputStream in = ImageIO.createImageInputStream(img.toFile())) {
      var readers = ImageIO.getImageReaders(in);
      if (in == null || !readers.hasNext()) throw new IllegalArgumentException(img + ": not a readable image");
      ImageReader r = readers.next();
      try {
        r.setInput(in);
        return new int[] {r.getWidth(0), r.getHeight(0)};
      } finally {
        r.dispose();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(img + ": cannot read the image size: " + e.getMessage(), e);
    }
  }

  private DenseFeatures fromNpy(Path file, int w, int h) {
    PatchFeatures pf = PatchFeatureFiles.read(file, parseGrid());
    GridFootprint fp = switch (footprint.toLowerCase(Locale.ROOT)) {
      case "full" -> GridFootprint.full(w, h);
      case "clip" -> GridFootprint.clipPreprocessing(w, h, resize == null ? inputSize : resize, inputSize, true);
      default -> throw new IllegalArgumentException("--footprint must be full or clip, got " + footprint);
    };
    return new DenseFeatures(pf, 0, fp, w, h);
  }

  /** Encodes one image with the bundle's patch-token output; w/h &lt; 0 take the decoded size. */
  private DenseFeatures fromModel(Path file, int w, int h) {
    RgbImage rgb;
    try {
      rgb = ImageDecoder.decode(file);
    } catch (ImageDecodeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    if (w >= 0 && (rgb.width() != w || rgb.height() != h)) {
      throw new IllegalArgumentException(file + ": image is " + rgb.width() + "x" + rgb.height() + " but the intrinsics are for " + w + "x" + h);
    }
    return extractor.features(rgb);
  }

  private int[] parseGrid() {
    if (grid == null) return null;
    String[] p = grid.toLowerCase(Locale.ROOT).split("x");
    try {
      if (p.length == 2) return new int[] {Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip())};
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException("--grid must look like 14x14, got " + grid);
  }

  private static int[] parsePair(String s) {
    String[] p = s.split(",");
    try {
      if (p.length == 2) return new int[] {Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip())};
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("--pairs expects A,B frame indices (e.g. 0,1), got \"" + s + "\"");
  }
}
