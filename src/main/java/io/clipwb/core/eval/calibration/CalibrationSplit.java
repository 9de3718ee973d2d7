package io.clipwb.core.eval.calibration;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An explicit, reproducible split of an in-distribution set into a calibration part (where T is
 * fitted) and an evaluation part (where ID calibration after T is reported). Same (n, fraction,
 * seed) gives the same rows on every machine: a Fisher-Yates shuffle driven by
 * {@link SplittableRandom}(seed), the first round(fraction x n) rows form the calibration part.
 * With fraction 1 the temperature is fitted on the whole set, as the reference does, and the ID
 * "after" numbers are then in-sample.
 *
 * @param n rows in the set
 * @param fraction share used for calibration, in (0, 1]
 * @param seed shuffle seed
 * @param calibration calibration rows (sorted)
 * @param evaluation the other rows (sorted); equal to calibration when fraction = 1
 */
public record CalibrationSplit(int n, double fraction, long seed, int[] calibration, int[] evaluation) {

  /** Splits rows 0..n-1. */
  public static CalibrationSplit of(int n, double fraction, long seed) {
    if (n <= 0) throw new IllegalArgumentException("calibration split of an empty set");
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("calibration fraction must be in (0, 1], got " + fraction);
    }
    if (fraction == 1.0) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return new CalibrationSplit(n, fraction, seed, all, all.clone());
    }
    int[] perm = new int[n];
    Arrays.setAll(perm, i -> i);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int k = (int) Math.round(fraction * n);
    k = Math.max(1, Math.min(n - 1, k));
    int[] cal = Arrays.copyOfRange(perm, 0, k);
    int[] ev = Arrays.copyOfRange(perm, k, n);
    Arrays.sort(cal);
    Arrays.sort(ev);
    return new CalibrationSplit(n, fraction, seed, cal, ev);
  }

  /** Whether the ID "after temperature" numbers are measured on the rows T was fitted on. */
  public boolean inSample() {
    return fraction == 1.0;
  }
}
