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
   * Poisson with mean {@code lambda}: Knuth's multiplication method below 30 (exact), a
   * continuity-corrected normal approximation above (error in the cdf below 1e-3 at lambda = 30,
   * shrinking as 1/sqrt(lambda)) — ample for image noise, whose lambdas stay below ~1,200.
   */
  public int poisson(double lambda) {
    if (lambda <= 0) return 0;
    if (lambda < 30) {
      double l = Math.exp(-lambda);
      int k = 0;
      double p = r.nextDouble();
      while (p > l) {
        k++;
        p *= r.nextDouble();
      }
      return k;
    }
    long k = Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian());
    return (int) Math.max(0, k);
  }
}
