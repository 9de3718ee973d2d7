package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;

/**
 * The noise family of ImageNet-C (gaussian, shot, impulse, speckle noise); see {@link ImageNetC}.
 * Parameters and quantisation follow the reference exactly as documented on {@link ImageNetC}.
 */
final class NoiseCorruptions {
  private NoiseCorruptions() {}

  /** {@code gaussian_noise}: additive N(0, c²) per sample, c = .08 .12 .18 .26 .38. */
  public static RgbImage gaussianNoise(RgbImage img, int s, Rng rng) {
    double c = new double[] {.08, .12, 0.18, 0.26, 0.38}[s - 1];
    FloatImage x = FloatImage.of(img);
    for (int i = 0; i < x.data.length; i++) x.data[i] = (float) (x.data[i] + rng.normal(0, c));
    return x.toRgbTruncated();
  }

  /** {@code shot_noise}: photon counting, Poisson(x·c)/c with c = 60 25 12 5 3 photons at full scale. */
  public static RgbImage shotNoise(RgbImage img, int s, Rng rng) {
    double c = new double[] {60, 25, 12, 5, 3}[s - 1];
    FloatImage x = FloatImage.of(img);
    for (int i = 0; i < x.data.length; i++) x.data[i] = (float) (rng.poisson(x.data[i] * c) / c);
    return x.toRgbTruncated();
  }

  /**
   * {@code impulse_noise}: skimage {@code random_noise(mode='s&p', amount=c)}, c = .03 .06 .09 .17 .27:
   * each sample is replaced with probability c, by 1 or 0 with equal odds.
   */
  public static RgbImage impulseNoise(RgbImage img, int s, Rng rng) {
    double c = new double[] {.03, .06, .09, 0.17, 0.27}[s - 1];
    FloatImage x = FloatImage.of(img);
    for (int i = 0; i < x.data.length; i++) {
      if (rng.nextDouble() < c) x.data[i] = rng.nextBoolean() ? 1f : 0f;
    }
    return x.toRgbTruncated();
  }

  /** {@code speckle_noise}: multiplicative x + x·N(0, c²), c = .15 .2 .35 .45 .6. */
  public static RgbImage speckleNoise(RgbImage img, int s, Rng rng) {
    double c = new double[] {.15, .2, 0.35, 0.45, 0.6}[s - 1];
    FloatImage x = FloatImage.of(img);
    for (int i = 0; i < x.data.length; i++) x.data[i] = (float) (x.data[i] + x.data[i] * rng.normal(0, c));
    return x.toRgbTruncated();
  }
}
