package io.clipwb.core.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws the {@link SceneSpec} of image {@code index} of a set. Each image has its own
 * {@link SplittableRandom} seeded from (world seed, set, index), so an image never depends on
 * which thread drew it or on which other sets were generated.
 *
 * <p>The default ("in-distribution") distribution: class texture with p = {@value #CUE_P}, else
 * another training texture; class colour with p = {@value #CUE_P} independently; one of 4 plain
 * backgrounds; rotation ±25°; radius 22–34 % of the image; centre within ±12 %; 10 % of images show
 * two objects of the class; 15 % carry an occluder; brightness 0.85–1.15.
 */
final class SceneSampler {
  static final double CUE_P = 0.95;

  private SceneSampler() {}

  /** What was drawn: the scene plus the labels it stands for. */
  record Draw(SceneSpec spec, int classIndex, int textureClass, int colourClass) {}

  static long imageSeed(long worldSeed, SampleSet set, int index) {
    long h = Textures.mix64(worldSeed * 0x9E3779B97F4A7C15L + set.id().hashCode());
    return Textures.mix64(h + index * 0xD1B54A32D192ED03L);
  }

  static Draw draw(SampleSet set, int classIndex, int textureClass, int index, long worldSeed, int size) {
    long seed = imageSeed(worldSeed, set, index);
    SplittableRandom r = new SplittableRandom(seed);
    int k = SampleWorld.CLASSES.size();
    String style = "photo";
    String background = SampleWorld.BACKGROUNDS.get(r.nextInt(SampleWorld.BACKGROUNDS.size()));
    double bgDepth = uni(r, 3.2, 4.2), tiltX = uni(r, -0.45, 0.45), tiltY = uni(r, -0.45, 0.45);
    double brightness = uni(r, 0.85, 1.15), noise = 2.0;
    boolean two = r.nextDouble() < 0.10;
    boolean occluded = r.nextDouble() < 0.15;
    double rotation = uni(r, -25, 25);
    int cueClass = classIndex >= 0 ? classIndex : r.nextInt(k);
    int texClass = textureClass >= 0 ? textureClass : (r.nextDouble() < CUE_P ? cueClass : other(r, cueClass, k));
    int colClass = textureClass >= 0 ? textureClass : (r.nextDouble() < CUE_P ? cueClass : other(r, cueClass, k));
    String shape = classIndex >= 0 ? SampleWorld.CLASSES.get(classIndex) : null;
    String texture = SampleWorld.TEXTURES.get(texClass);
    String colour = SampleWorld.COLOURS.get(colClass);

    switch (set) {
      case TRAIN_SHAPE_ONLY -> {
        texClass = r.nextInt(k);
        colClass = r.nextInt(k);
        texture = SampleWorld.TEXTURES.get(texClass);
        colour = SampleWorld.COLOURS.get(colClass);
      }
      case OUTLINE -> {
        style = "outline";
        background = SampleWorld.OUTLINE_BACKGROUND;
        texture = null;
        colour = null;
        texClass = -1;
        colClass = -1;
        occluded = false;
        two = false;
      }
      case NOVEL_TEXTURE -> {
        texture = SampleWorld.NOVEL_TEXTURES.get(r.nextInt(SampleWorld.NOVEL_TEXTURES.size()));
        texClass = -1;
        colClass = r.nextInt(k);
        colour = SampleWorld.COLOURS.get(colClass);
      }
      case NOVEL_BACKGROUND -> background = SampleWorld.NOVEL_BACKGROUNDS.get(r.nextInt(SampleWorld.NOVEL_BACKGROUNDS.size()));
      case DARK -> {
        brightness = uni(r, 0.12, 0.25);
        noise = 3.0;
      }
      case ROTATED -> rotation = uni(r, 60, 300);
      case CUE_CONFLICT -> {
        background = "grey";
        two = false;
        occluded = false;
        rotation = uni(r, -15, 15);
      }
      case OOD -> {
        int t = r.nextInt(SampleWorld.TEXTURES.size() + SampleWorld.NOVEL_TEXTURES.size());
        texture = t < k ? SampleWorld.TEXTURES.get(t) : SampleWorld.NOVEL_TEXTURES.get(t - k);
        texClass = t < k ? t : -1;
        colClass = r.nextInt(k);
        colour = SampleWorld.COLOURS.get(colClass);
        shape = SampleWorld.OOD_SHAPES.get(index % SampleWorld.OOD_SHAPES.size());
        two = false;
      }
      case MULTIVIEW -> {
        two = false;
        occluded = false;
      }
      default -> {}
    }

    List<SceneSpec.ObjectSpec> objects = new ArrayList<>();
    double n = size;
    if (two) {
      boolean horizontal = r.nextBoolean();
      for (int i = 0; i < 2; i++) {
        double side = i == 0 ? 0.3 : 0.7;
        double x = (horizontal ? side : 0.5) * n + uni(r, -0.05, 0.05) * n;
        double y = (horizontal ? 0.5 : side) * n + uni(r, -0.05, 0.05) * n;
        objects.add(object(r, shape, texture, colour, x, y, uni(r, 0.14, 0.19) * n, rotation + uni(r, -10, 10)));
      }
    } else {
      double radius = set == SampleSet.CUE_CONFLICT ? uni(r, 0.28, 0.34) : uni(r, 0.22, 0.34);
      objects.add(object(r, shape, texture, colour, n / 2.0 + uni(r, -0.12, 0.12) * n, n / 2.0 + uni(r, -0.12, 0.12) * n,
          radius * n, rotation)); // a "patch" fills the image; its radius only sets the texture scale
    }
    Optional<SceneSpec.Occluder> occ = Optional.empty();
    if (occluded) {
      SceneSpec.ObjectSpec o = objects.get(0);
      double frac = uni(r, 0.25, 0.5), ext = 2 * o.radius() * frac;
      int grey = 90 + r.nextInt(60);
      double d = o.depth() - 0.4;
      double big = 2 * n;
      occ = Optional.of(switch (r.nextInt(4)) {
        case 0 -> new SceneSpec.Occluder(-big, -big, o.x() - o.radius() + ext, big, d, grey);
        case 1 -> new SceneSpec.Occluder(o.x() + o.radius() - ext, -big, big, big, d, grey);
        case 2 -> new SceneSpec.Occluder(-big, -big, big, o.y() - o.radius() + ext, d, grey);
        default -> new SceneSpec.Occluder(-big, o.y() + o.radius() - ext, big, big, d, grey);
      });
    }
    SceneSpec spec = new SceneSpec(size, style, background, bgDepth, tiltX, tiltY, brightness, noise, seed, List.copyOf(objects), occ);
    return new Draw(spec, classIndex, texClass, colClass);
  }

  private static SceneSpec.ObjectSpec object(SplittableRandom r, String shape, String texture, String colour,
                                             double x, double y, double radius, double rotation) {
    return new SceneSpec.ObjectSpec(shape, texture, colour, x, y, radius, rotation, uni(r, 1.6, 2.4),
        uni(r, 0.85, 1.15), r.nextDouble(), r.nextDouble());
  }

  private static int other(SplittableRandom r, int notThis, int k) {
    int j = r.nextInt(k - 1);
    return j >= notThis ? j + 1 : j;
  }

  static double uni(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }
}
