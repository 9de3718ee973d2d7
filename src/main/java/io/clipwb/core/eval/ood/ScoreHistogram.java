package io.clipwb.core.eval.ood;

/**
 * ID and OOD score histograms on common equal-width bins over [min, max] of all scores (as
 * {@code numpy.histogram}: the last bin includes the maximum).
 */
public record ScoreHistogram(double[] edges, int[] idCounts, int[] oodCounts) {

  public static ScoreHistogram of(double[] id, double[] ood, int bins) {
    if (bins < 1) throw new IllegalArgumentException("histogram bins must be >= 1, got " + bins);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : id) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    for (double v : ood) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (lo == hi) { lo -= 0.5; hi += 0.5; }
    double[] e = new double[bins + 1];
    for (int i = 0; i <= bins; i++) e[i] = lo + (hi - lo) * i / bins;
    e[bins] = hi;
    return new ScoreHistogram(e, count(id, e), count(ood, e));
  }

  private static int[] count(double[] v, double[] e) {
    int bins = e.length - 1;
    int[] c = new int[bins];
    double lo = e[0];
    double w = e[bins] - lo;
    for (double x : v) {
      int k = (int) ((x - lo) / w * bins);
      if (k >= bins) k = bins - 1;
      if (k < 0) k = 0;
      while (k > 0 && x < e[k]) k--;
      while (k < bins - 1 && x >= e[k + 1]) k++;
      c[k]++;
    }
    return c;
  }
}
