package io.clipwb.core.eval.calibration;

import io.clipwb.core.eval.EvalInputs;
import io.clipwb.core.util.Cancellation;
import java.util.List;

/**
 * Temperature scaling (Guo et al. 2017): one scalar T &gt; 0 that minimises the NLL of
 * softmax(logits / T) on a calibration split.
 *
 * <p>Search exactly as Klaus-Tu/VLM_calibrate {@code temperature_scaling.py tune_temp} (binary_search
 * = True), the seed paper's authors' code: start at t = (lower + upper) / 2; while upper - lower &gt;
 * eps, if dNLL/dT at t is &gt; 0 then upper = mid else lower = mid, and t = the new mid; finally return
 * whichever of {lower, mid, upper} has the lowest NLL (the first on ties, as Python's {@code min}).
 * The bisection is on the sign of the <em>derivative</em> of the mean cross-entropy, which the
 * reference gets by autograd; here it is the closed form dNLL/dT = mean_i (z_iy - sum_c p_ic z_ic) / T^2.
 * NLL is convex in 1/T, so the derivative changes sign once and the bisection brackets the minimiser.
 */
public final class TemperatureScaling {
  private TemperatureScaling() {}

  /**
   * The fitted temperature.
   *
   * @param temperature T
   * @param nll NLL at T on the calibration rows
   * @param nllAtOne NLL at T = 1 on the calibration rows
   * @param iterations bisection steps
   * @param rows number of calibration rows used
   * @param lower final lower bracket
   * @param upper final upper bracket
   */
  public record Fit(double temperature, double nll, double nllAtOne, int iterations, int rows, double lower, double upper) {}

  /**
   * Fits T on the given rows of {@code logits} (rows with label -1 are skipped).
   *
   * @param rows rows to use (the calibration split), or null for all rows
   */
  public static Fit fit(
      double[][] logits, int[] labels, int[] rows, double lower, double upper, double eps, Cancellation cancel) {
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    EvalInputs.checkMatrix(logits, "calibration logits", 2);
    EvalInputs.checkLabels(labels, logits.length, logits[0].length, "calibration logits");
    if (!(lower > 0) || !(upper > lower) || !(eps > 0)) {
      throw new IllegalArgumentException(
          "temperature search needs 0 < lower < upper and eps > 0, got " + lower + ", " + upper + ", " + eps);
    }
    int[] use = rows == null ? EvalInputs.range(logits.length) : rows;
    EvalInputs.checkRows(use, logits.length, "calibration split");
    use = java.util.Arrays.stream(use).filter(r -> labels[r] >= 0).toArray();
    if (use.length == 0) throw new IllegalArgumentException("calibration split: no labelled rows to fit the temperature on");
    Cancellation c = cancel;
    double lo = lower;
    double hi = upper;
    double t = 0.5 * (lo + hi);
    int it = 0;
    while (hi - lo > eps) {
      c.check();
      if (derivative(logits, labels, use, t) > 0) hi = 0.5 * (lo + hi);
      else lo = 0.5 * (lo + hi);
      t = 0.5 * (lo + hi);
      it++;
    }
    double best = Double.NaN;
    double bestNll = Double.POSITIVE_INFINITY;
    for (double cand : List.of(lo, 0.5 * (lo + hi), hi)) {
      double v = nll(logits, labels, use, cand);
      if (v < bestNll) {
        bestNll = v;
        best = cand;
      }
    }
    return new Fit(best, bestNll, nll(logits, labels, use, 1.0), it, use.length, lo, hi);
  }

  /** Mean NLL of softmax(logits / t) over the given rows. */
  public static double nll(double[][] logits, int[] labels, int[] rows, double t) {
    double s = 0;
    for (int r : rows) {
      double[] z = logits[r];
      double zmax = Double.NEGATIVE_INFINITY;
      for (double v : z) if (v > zmax) zmax = v;
      double max = zmax / t;
      double sum = 0;
      for (double v : z) sum += Math.exp(v / t - max);
      s += Math.log(sum) + max - z[labels[r]] / t;
    }
    return s / rows.length;
  }

  /** d/dt of the mean NLL of softmax(logits / t): mean (z_y - E_p[z]) / t^2. */
  public static double derivative(double[][] logits, int[] labels, int[] rows, double t) {
    double s = 0;
    double inv = 1.0 / t;
    for (int r : rows) {
      double[] z = logits[r];
      double zmax = Double.NEGATIVE_INFINITY;
      for (double v : z) if (v > zmax) zmax = v;
      double max = zmax * inv;
      double sum = 0;
      double wz = 0;
      for (double v : z) {
        double e = Math.exp(v * inv - max);
        sum += e;
        wz += e * v;
      }
      s += z[labels[r]] - wz / sum;
    }
    return s / rows.length / (t * t);
  }
}
