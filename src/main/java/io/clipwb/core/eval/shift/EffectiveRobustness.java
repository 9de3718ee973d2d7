package io.clipwb.core.eval.shift;

import java.util.ArrayList;
import java.util.List;

/**
 * Effective robustness (Taori et al. 2020, "Measuring Robustness to Natural Distribution Shifts in
 * Image Classification"): fit a line through the baseline models' (ID accuracy, shift accuracy)
 * points on transformed axes, y = a x + b with x = T(ID acc), y = T(shift acc); a model's effective
 * robustness is its measured shift accuracy minus the fitted one, T^-1(a T(its ID acc) + b).
 * T is the logit (Taori et al.) or the probit (Miller et al. 2021, "Accuracy on the Line"). The
 * line is an ordinary least-squares fit.
 */
public final class EffectiveRobustness {
  private EffectiveRobustness() {}

  /** The axis transform. */
  public enum Axis {
    LOGIT, PROBIT;

    public double forward(double p) {
      return this == LOGIT ? Math.log(p / (1 - p)) : probit(p);
    }

    public double inverse(double x) {
      return this == LOGIT ? 1 / (1 + Math.exp(-x)) : normalCdf(x);
    }
  }

  /**
   * A fitted line.
   *
   * @param r2 coefficient of determination on the transformed axes
   * @param models baseline models used
   */
  public record Fit(Axis axis, double slope, double intercept, double r2, int n, List<String> models) {
    /** The fitted shift accuracy at an ID accuracy. */
    public double predict(double idAccuracy) {
      return axis.inverse(slope * axis.forward(idAccuracy) + intercept);
    }
  }

  /** One model's effective robustness on both axes. */
  public record ModelEr(
      String model, double idAccuracy, double shiftAccuracy,
      double fittedLogit, double erLogit, double fittedProbit, double erProbit) {}

  /** A baseline model left out of the fit, and why. */
  public record Excluded(String model, String reason) {}

  /** The fits and the effective robustness of every model given. */
  public record Result(
      String idSetting, String shiftSetting, Fit logitFit, Fit probitFit, List<Excluded> excluded, List<ModelEr> models) {}

  /**
   * Fits the baseline and evaluates the targets.
   *
   * @param baselineModels names of the baseline rows
   * @param baselineId baseline ID accuracies (fractions; NaN = missing)
   * @param baselineShift baseline shift accuracies
   * @param targets models to evaluate: name, ID accuracy, shift accuracy (may include baselines)
   */
  public static Result compute(
      String idSetting, String shiftSetting, List<String> baselineModels, double[] baselineId, double[] baselineShift,
      List<ModelEr> targets) {
    if (baselineModels.size() != baselineId.length || baselineId.length != baselineShift.length) {
      throw new IllegalArgumentException("baseline: mismatched lengths (" + baselineModels.size() + " names, "
          + baselineId.length + " ID and " + baselineShift.length + " shift accuracies)");
    }
    List<Excluded> excluded = new ArrayList<>();
    List<String> used = new ArrayList<>();
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < baselineId.length; i++) {
      double x = baselineId[i];
      double y = baselineShift[i];
      String m = baselineModels.get(i);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        excluded.add(new Excluded(m, "missing accuracy"));
      } else if (!(x > 0 && x < 1 && y > 0 && y < 1)) {
        excluded.add(new Excluded(m, "accuracy of exactly 0 or 1 has no logit/probit"));
      } else {
        used.add(m);
        pts.add(new double[] {x, y});
      }
    }
    double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
    double[] ys = pts.stream().mapToDouble(p -> p[1]).toArray();
    Fit lf = fit(xs, ys, Axis.LOGIT, used, idSetting + " -> " + shiftSetting);
    Fit pf = fit(xs, ys, Axis.PROBIT, used, idSetting + " -> " + shiftSetting);
    List<ModelEr> out = new ArrayList<>();
    for (ModelEr t : targets) out.add(evaluate(t.model(), t.idAccuracy(), t.shiftAccuracy(), lf, pf));
    return new Result(idSetting, shiftSetting, lf, pf, excluded, out);
  }

  /** A target to evaluate (only name and accuracies are read). */
  public static ModelEr target(String model, double idAccuracy, double shiftAccuracy) {
    return new ModelEr(model, idAccuracy, shiftAccuracy, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** ER of one model under both fits. */
  public static ModelEr evaluate(String model, double id, double shift, Fit logit, Fit probit) {
    if (!(id > 0 && id < 1) || !(shift >= 0 && shift <= 1)) {
      throw new IllegalArgumentException(model + ": effective robustness needs 0 < ID accuracy < 1 and a shift accuracy in [0, 1], got "
          + id + " and " + shift);
    }
    double fl = logit.predict(id);
    double fp = probit.predict(id);
    return new ModelEr(model, id, shift, fl, shift - fl, fp, shift - fp);
  }

  /** Least-squares line through (T(x), T(y)). */
  public static Fit fit(double[] x, double[] y, Axis axis, List<String> models, String what) {
    int n = x.length;
    if (n < 2) throw new IllegalArgumentException(what + ": the baseline fit needs at least 2 models with accuracies in (0, 1), got " + n);
    double[] tx = new double[n];
    double[] ty = new double[n];
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      tx[i] = axis.forward(x[i]);
      ty[i] = axis.forward(y[i]);
      mx += tx[i];
      my += ty[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = tx[i] - mx;
      double dy = ty[i] - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx == 0) throw new IllegalArgumentException(what + ": all baseline models have the same ID accuracy; no line can be fitted");
    double a = sxy / sxx;
    double b = my - a * mx;
    double r2 = syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy);
    return new Fit(axis, a, b, r2, n, List.copyOf(models));
  }

  /**
   * Standard normal CDF by Marsaglia's series (2004, "Evaluating the Normal Distribution"):
   * Phi(x) = 1/2 + phi(x) (x + x^3/3 + x^5/(3 5) + ...), accurate to ~1e-15 absolute.
   */
  public static double normalCdf(double x) {
    if (x < -37) return 0;
    if (x > 37) return 1;
    if (x < 0) return 1 - normalCdf(-x);
    double s = x;
    double t = 0;
    double b = x;
    double q = x * x;
    double i = 1;
    int guard = 0;
    while (s != t && guard++ < 10_000) {
      t = s;
      i += 2;
      b *= q / i;
      s = t + b;
    }
    return 0.5 + s * Math.exp(-0.5 * q - 0.91893853320467274178);
  }

  /** Inverse standard normal CDF: safeguarded Newton on {@link #normalCdf} (bracketed bisection fallback). */
  public static double probit(double p) {
    if (!(p > 0 && p < 1)) throw new IllegalArgumentException("probit needs 0 < p < 1, got " + p);
    double lo = -38;
    double hi = 38;
    double x = 0;
    for (int it = 0; it < 200; it++) {
      double f = normalCdf(x) - p;
      if (f == 0) return x;
      if (f > 0) hi = x;
      else lo = x;
      double d = Math.exp(-0.5 * x * x - 0.91893853320467274178);
      double nx = x - f / d;
      if (!(nx > lo && nx < hi) || d == 0) nx = 0.5 * (lo + hi);
      if (Math.abs(nx - x) <= 1e-15 * Math.max(1, Math.abs(x))) return nx;
      x = nx;
    }
    return x;
  }
}
