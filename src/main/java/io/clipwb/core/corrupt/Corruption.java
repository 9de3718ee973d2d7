package io.clipwb.core.corrupt;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every corruption the workbench generates, named as in the reference sets' folders
 * ({@code <root>/<name>/<severity>/<class>/…}). Families: the 15 ImageNet-C benchmark corruptions,
 * its 4 held-out "extra" ones, and the 12 3D Common Corruptions (3DCC) this workbench can
 * synthesise from RGB + depth.
 */
public enum Corruption {
  GAUSSIAN_NOISE(Family.IMAGENET_C, "noise", false),
  SHOT_NOISE(Family.IMAGENET_C, "noise", false),
  IMPULSE_NOISE(Family.IMAGENET_C, "noise", false),
  DEFOCUS_BLUR(Family.IMAGENET_C, "blur", true),
  GLASS_BLUR(Family.IMAGENET_C, "blur", false),
  MOTION_BLUR(Family.IMAGENET_C, "blur", false),
  ZOOM_BLUR(Family.IMAGENET_C, "blur", true),
  SNOW(Family.IMAGENET_C, "weather", false),
  FROST(Family.IMAGENET_C, "weather", false),
  FOG(Family.IMAGENET_C, "weather", false),
  BRIGHTNESS(Family.IMAGENET_C, "digital", true),
  CONTRAST(Family.IMAGENET_C, "digital", true),
  ELASTIC_TRANSFORM(Family.IMAGENET_C, "digital", false),
  PIXELATE(Family.IMAGENET_C, "digital", true),
  JPEG_COMPRESSION(Family.IMAGENET_C, "digital", true),
  SPECKLE_NOISE(Family.IMAGENET_C_EXTRA, "noise", false),
  GAUSSIAN_BLUR(Family.IMAGENET_C_EXTRA, "blur", true),
  SPATTER(Family.IMAGENET_C_EXTRA, "weather", false),
  SATURATE(Family.IMAGENET_C_EXTRA, "digital", true),

  NEAR_FOCUS(Family.THREE_D, "depth of field", true),
  FAR_FOCUS(Family.THREE_D, "depth of field", true),
  FOG_3D(Family.THREE_D, "weather", true),
  FLASH(Family.THREE_D, "lighting", true),
  COLOR_QUANT(Family.THREE_D, "noise", true),
  LOW_LIGHT(Family.THREE_D, "noise", false),
  XY_MOTION_BLUR(Family.THREE_D, "camera motion", false),
  Z_MOTION_BLUR(Family.THREE_D, "camera motion", false),
  ISO_NOISE(Family.THREE_D, "noise", false),
  BIT_ERROR(Family.THREE_D, "video", false),
  H265_ABR(Family.THREE_D, "video", true),
  H265_CRF(Family.THREE_D, "video", true);

  /** Where a corruption comes from. */
  public enum Family { IMAGENET_C, IMAGENET_C_EXTRA, THREE_D }

  public static final int MIN_SEVERITY = 1;
  public static final int MAX_SEVERITY = 5;

  private final Family family;
  private final String group;
  private final boolean deterministic;

  Corruption(Family family, String group, boolean deterministic) {
    this.family = family;
    this.group = group;
    this.deterministic = deterministic;
  }

  /** The folder name used by the reference sets ({@code gaussian_noise}, {@code fog_3d}, …). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Family family() {
    return family;
  }

  /** Reference grouping (noise / blur / weather / digital; 3DCC's own groups). */
  public String group() {
    return group;
  }

  /** True when the output does not depend on random draws (seed-independent). */
  public boolean deterministic() {
    return deterministic;
  }

  /** True for 3DCC corruptions that read the depth map (all 3D ones except the non-3D noises/quantisation/codecs). */
  public boolean needsDepth() {
    return switch (this) {
      case NEAR_FOCUS, FAR_FOCUS, FOG_3D, FLASH, XY_MOTION_BLUR, Z_MOTION_BLUR -> true;
      default -> false;
    };
  }

  public static List<Corruption> imagenetC() {
    return Arrays.stream(values()).filter(c -> c.family != Family.THREE_D).toList();
  }

  public static List<Corruption> threeD() {
    return Arrays.stream(values()).filter(c -> c.family == Family.THREE_D).toList();
  }

  /** Parses a folder name ({@code zoom_blur}); also accepts ImageNet-C's common aliases ({@code jpeg}, {@code elastic}). */
  public static Corruption parse(String s) {
    String k = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    switch (k) {
      case "jpeg": return JPEG_COMPRESSION;
      case "elastic": return ELASTIC_TRANSFORM;
      case "color_quantization": return COLOR_QUANT;
      default: break;
    }
    for (Corruption c : values()) if (c.id().equals(k)) return c;
    throw new IllegalArgumentException("unknown corruption '" + s + "'; known: "
        + Arrays.stream(values()).map(Corruption::id).toList());
  }

  public static void checkSeverity(int severity) {
    if (severity < MIN_SEVERITY || severity > MAX_SEVERITY) {
      throw new IllegalArgumentException("severity must be 1..5, got " + severity);
    }
  }
}
