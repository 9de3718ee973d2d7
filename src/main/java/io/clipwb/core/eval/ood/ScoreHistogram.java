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

  /**
   * The bin a score falls in by this histogram's rule: half-open {@code [e[k], e[k+1])}, the last
   * bin closed; scores outside the edges go to the first or last bin. A view drilling down from a
   * bar into the images behind it selects exactly the scores counted in that bar with this.
   */
  public int binOf(double x) {
    return bin(x, edges);
  }

  /** The positions (in input order) of the scores that fall in bin {@code k}. */
  public int[] rowsIn(double[] scores, int k) {
    int n = 0;
    int[] out = new int[scores.length];
    for (int i = 0; i < scores.length; i++) if (bin(scores[i], edges) == k) out[n++] = i;
    return java.util.Arrays.copyOf(out, n);
  }

  private static int bin(double x, double[] e) {
    int bins = e.length - 1;
    double lo = e[0];
    double w = e[bins] - lo;
    int k = (int) ((x - lo) / w * bins);
    if (k >= bins) k = bins - 1;
    if (k < 0) k = 0;
    while (k > 0 && x < e[k]) k--;
    while (k < bins - 1 && x >= e[k + 1]) k++;
    return k;
  }

  private static int[] count(double[] v, double[] e) {
    int[] c = new int[e.length - 1];
    for (double x : v) c[bin(x, e)]++;
    return c;
  }
}
