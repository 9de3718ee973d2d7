package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;

/**
 * The single entry point of the generators: one call corrupts one image at one severity.
 * ImageNet-C corruptions ignore the depth map; 3DCC corruptions that need one
 * ({@link Corruption#needsDepth()}) fail clearly without it.
 */
public final class Corruptions {
  private Corruptions() {}

  /**
   * @param depth the image's depth map (same size), or null for 2D corruptions
   * @param rng the random source; build it with {@link Rng#mix} for per-item determinism
   */
  public static RgbImage apply(Corruption c, int severity, RgbImage image, DepthMap depth, Rng rng) {
    Corruption.checkSeverity(severity);
    if (c.family() != Corruption.Family.THREE_D) return ImageNetC.apply(c, severity, image, rng);
    if (c.needsDepth()) {
      if (depth == null) throw new IllegalArgumentException(c.id() + " needs a depth map for the image");
      depth.checkMatches(image);
    }
    return ThreeDCC.apply(c, severity, image, depth, rng);
  }

  /** Convenience: seeded by (seed, imageKey, corruption, severity). */
  public static RgbImage apply(Corruption c, int severity, RgbImage image, DepthMap depth, long seed, String imageKey) {
    return apply(c, severity, image, depth, new Rng(Rng.mix(seed, imageKey, c.id(), severity)));
  }
}
