package io.clipwb.core.corrupt;

import java.util.SplittableRandom;

/**
 * The random source of one corruption call: a {@link SplittableRandom} seeded from (user seed,
 * image key, corruption, severity), so every output is reproducible for a seed and independent of
 * the order or parallelism in which images are processed. The draws are statistically those of
 * NumPy's {@code normal}, {@code uniform}, {@code poisson} and {@code randint} used by the references;
 * the exact streams differ (the reference sets were produced without a recorded seed anyway).
 */
public final class Rng {
  private final SplittableRandom r;

  public Rng(long seed) {
    this.r = new SplittableRandom(seed);
  }

  /** A seed mixing the user seed with the identity of one output. */
  public static long mix(long seed, String imageKey, String corruption, int severity) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (String s : new String[] {imageKey, corruption}) {
      for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001B3L;
      h = Long.rotateLeft(h, 29) ^ 0x632BE59BD9B4E019L;
    }
    h ^= severity * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 31;
    h *= 0x94D049BB133111EBL;
    return h ^ (h >>> 29);
  }

  /** Uniform in [lo, hi). */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /** NumPy {@code randint(lo, hi)}: integer in [lo, hi). */
  public int randint(int lo, int hi) {
    return r.nextInt(lo, hi);
  }

  public double nextDouble() {
    return r.nextDouble();
  }

  public boolean nextBoolean() {
    return r.nextBoolean();
  }

  /** Normal with mean {@code loc} and standard deviation {@code scale}. */
  public double normal(double loc, double scale) {
    return loc + scale * r.nextGaussian();
  }

  /**
   * Poisson with mean {@code lambda}, exact in distribution: Knuth's multiplication method below 10,
   * Hörmann's PTRS transformed rejection above — the two algorithms NumPy's {@code poisson} uses.
   */
  public int poisson(double lambda) {
    if (lambda <= 0) return 0;
    if (lambda < 10) {
      double l = Math.exp(-lambda);
      int k = 0;
      double p = r.nextDouble();
      while (p > l) {
        k++;
        p *= r.nextDouble();
      }
      return k;
    }
    double slam = Math.sqrt(lambda), loglam = Math.log(lambda);
    double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = r.nextDouble() - 0.5, v = r.nextDouble(), us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return (int) k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) {
        return (int) k;
      }
    }
  }

  /** log Γ(x) for x ≥ 1 (Stirling series with the recurrence below 7, as NumPy's {@code loggam}). */
  static double logGamma(double x) {
    double[] a = {8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
        8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
        1.796443723688307e-01, -1.39243221690590e+00};
    if (x == 1.0 || x == 2.0) return 0;
    double x0 = x;
    int n = 0;
    if (x <= 7) {
      n = (int) (7 - x);
      x0 = x + n;
    }
    double x2 = 1.0 / (x0 * x0), gl0 = a[9];
    for (int k = 8; k >= 0; k--) gl0 = gl0 * x2 + a[k];
    double gl = gl0 / x0 + 0.5 * Math.log(2 * Math.PI) + (x0 - 0.5) * Math.log(x0) - x0;
    if (x <= 7) {
      for (int k = 1; k <= n; k++) {
        gl -= Math.log(x0 - 1);
        x0 -= 1;
      }
    }
    return gl;
  }
}
