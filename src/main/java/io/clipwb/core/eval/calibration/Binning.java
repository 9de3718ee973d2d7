package io.clipwb.core.eval.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Confidence binning: the equal-width scheme of the seed paper's authors and of ImageNet-X, and the
 * equal-mass (adaptive) scheme. Pure functions of per-sample confidence and correctness, O(n) per
 * call (O(n log n) for equal-mass, which sorts).
 */
public final class Binning {
  private Binning() {}

  /**
   * Equal-width edges exactly as {@code numpy.linspace(0, 1, bins + 1)} computes them
   * ({@code i * (1 / bins)}, last edge forced to 1).
   */
  public static double[] equalWidthEdges(int bins) {
    checkBins(bins);
    double step = 1.0 / bins;
    double[] e = new double[bins + 1];
    for (int i = 0; i < bins; i++) e[i] = i * step;
    e[bins] = 1.0;
    return e;
  }

  /**
   * The equal-width bin of a confidence under the (lower, upper] rule of
   * Klaus-Tu/VLM_calibrate {@code _ECELoss.eval} ({@code conf > lo and conf <= hi}); -1 when the
   * confidence lies in no bin (conf &lt;= 0 or &gt; 1).
   */
  static int equalWidthBin(double c, double[] edges) {
    int bins = edges.length - 1;
    if (!(c > 0) || c > 1) return -1;
    int k = (int) (c * bins);
    if (k >= bins) k = bins - 1;
    while (k > 0 && c <= edges[k]) k--;
    while (k < bins - 1 && c > edges[k + 1]) k++;
    return (c > edges[k] && c <= edges[k + 1]) ? k : -1;
  }

  /**
   * The bin ImageNet-X assigns: {@code np.searchsorted(bins[1:-1], p)} (side "left"), i.e. the number
   * of interior edges strictly below p. Identical to {@link #equalWidthBin} on (0, 1], but p &lt;= 0
   * goes to bin 0 and p &gt; 1 to the last bin instead of being dropped.
   */
  static int imagenetXBin(double p, double[] edges) {
    int bins = edges.length - 1;
    if (p <= edges[1]) return 0;
    if (p > edges[bins - 1]) return bins - 1;
    return equalWidthBin(p, edges);
  }

  /**
   * Equal-width reliability diagram, (lo, hi] bins.
   *
   * @param ids source row of each sample (kept in the bins when {@code keepItems})
   */
  public static List<ReliabilityBin> equalWidth(double[] conf, boolean[] correct, int[] ids, int bins, boolean keepItems) {
    double[] edges = equalWidthEdges(bins);
    int[] binOf = new int[conf.length];
    for (int i = 0; i < conf.length; i++) binOf[i] = equalWidthBin(conf[i], edges);
    return diagram(conf, correct, ids, edges, binOf, keepItems);
  }

  /**
   * Equal-mass edges as torrvision/focal_calibration {@code AdaptiveECELoss.histedges_equalN}:
   * {@code np.interp(np.linspace(0, n, bins + 1), np.arange(n), np.sort(conf))}.
   */
  public static double[] equalMassEdges(double[] conf, int bins) {
    double[] s = conf.clone();
    Arrays.sort(s);
    return equalMassEdgesSorted(s, bins);
  }

  /** {@link #equalMassEdges} from confidences already sorted ascending (a cached sort). */
  public static double[] equalMassEdgesSorted(double[] s, int bins) {
    checkBins(bins);
    int n = s.length;
    double step = (double) n / bins;
    double[] e = new double[bins + 1];
    for (int k = 0; k <= bins; k++) {
      double x = k == bins ? n : k * step;
      if (x >= n - 1) {
        e[k] = s[n - 1];
      } else {
        int j = (int) Math.floor(x);
        double slope = s[j + 1] - s[j];
        e[k] = slope * (x - j) + s[j];
      }
    }
    return e;
  }

  /**
   * Equal-mass (adaptive) reliability diagram: edges from {@link #equalMassEdges}, membership
   * (lo, hi] as in the reference. As there, the sample(s) with the lowest confidence sit on the
   * first edge and fall in no bin, while the ECE still divides by all n.
   */
  public static List<ReliabilityBin> equalMass(double[] conf, boolean[] correct, int[] ids, int bins, boolean keepItems) {
    return equalMass(conf, correct, ids, bins, keepItems, null);
  }

  /**
   * {@link #equalMass} with the confidences' ascending sort supplied (cached across bin changes), or
   * null to sort here.
   */
  public static List<ReliabilityBin> equalMass(
      double[] conf, boolean[] correct, int[] ids, int bins, boolean keepItems, double[] sortedConf) {
    double[] edges = sortedConf == null ? equalMassEdges(conf, bins) : equalMassEdgesSorted(sortedConf, bins);
    int[] binOf = new int[conf.length];
    for (int i = 0; i < conf.length; i++) {
      double c = conf[i];
      // smallest k with c <= edges[k + 1]
      int lo = 0;
      int hi = bins - 1;
      if (c > edges[bins]) {
        binOf[i] = -1;
        continue;
      }
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (c <= edges[mid + 1]) hi = mid;
        else lo = mid + 1;
      }
      binOf[i] = c > edges[lo] ? lo : -1;
    }
    return diagram(conf, correct, ids, edges, binOf, keepItems);
  }

  private static List<ReliabilityBin> diagram(
      double[] conf, boolean[] correct, int[] ids, double[] edges, int[] binOf, boolean keepItems) {
    int bins = edges.length - 1;
    int[] count = new int[bins];
    double[] sumConf = new double[bins];
    int[] nCorrect = new int[bins];
    for (int i = 0; i < conf.length; i++) {
      int b = binOf[i];
      if (b < 0) continue;
      count[b]++;
      sumConf[b] += conf[i];
      if (correct[i]) nCorrect[b]++;
    }
    int[][] items = new int[bins][];
    if (keepItems) {
      int[] fill = new int[bins];
      for (int b = 0; b < bins; b++) items[b] = new int[count[b]];
      for (int i = 0; i < conf.length; i++) {
        int b = binOf[i];
        if (b >= 0) items[b][fill[b]++] = ids[i];
      }
    }
    List<ReliabilityBin> out = new ArrayList<>(bins);
    for (int b = 0; b < bins; b++) {
      double mc = count[b] > 0 ? sumConf[b] / count[b] : Double.NaN;
      double acc = count[b] > 0 ? (double) nCorrect[b] / count[b] : Double.NaN;
      double gap = count[b] > 0 ? Math.abs(mc - acc) : 0;
      out.add(new ReliabilityBin(b, edges[b], edges[b + 1], count[b], mc, acc, gap, keepItems ? items[b] : null));
    }
    return out;
  }

  /** Sum over bins of gap x count / n (n = all samples, binned or not), as every reference does. */
  public static double ece(List<ReliabilityBin> diagram, int n) {
    double e = 0;
    for (ReliabilityBin b : diagram) if (b.count() > 0) e += b.gap() * ((double) b.count() / n);
    return e;
  }

  /** The largest gap over non-empty bins. */
  public static double mce(List<ReliabilityBin> diagram) {
    double m = 0;
    for (ReliabilityBin b : diagram) if (b.count() > 0) m = Math.max(m, b.gap());
    return m;
  }

  /**
   * ImageNet-X's {@code estimated_calibration_error(corrects, probabilities, n_bins)}: bincount of
   * {@code searchsorted(bins[1:-1], p)}, sum over non-empty bins of |acc - conf| x count / n.
   */
  public static double eceImagenetX(double[] conf, boolean[] correct, int bins) {
    double[] edges = equalWidthEdges(bins);
    int[] count = new int[bins];
    double[] sumConf = new double[bins];
    double[] sumCorrect = new double[bins];
    for (int i = 0; i < conf.length; i++) {
      int b = imagenetXBin(conf[i], edges);
      count[b]++;
      sumConf[b] += conf[i];
      if (correct[i]) sumCorrect[b] += 1;
    }
    double e = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] == 0) continue;
      e += Math.abs(sumCorrect[b] / count[b] - sumConf[b] / count[b]) * ((double) count[b] / conf.length);
    }
    return e;
  }

  static void checkBins(int bins) {
    if (bins < 1 || bins > 100_000) throw new IllegalArgumentException("bins must be in [1, 100000], got " + bins);
  }
}
