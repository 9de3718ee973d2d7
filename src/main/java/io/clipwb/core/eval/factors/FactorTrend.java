package io.clipwb.core.eval.factors;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-model view of factors (the "effective robustness" reading of ImageNet-X used by the
 * holistic CLIP evaluation): for each model group and each factor, a least-squares line
 * {@code factor accuracy = intercept + slope x overall accuracy} over the group's models, with
 * R² and each model's residual (its factor accuracy above or below its group's line). Plain linear
 * axes; a group needs two models with distinct overall accuracy for a line.
 */
public final class FactorTrend {
  private FactorTrend() {}

  /** One model's point: overall accuracy and per-factor accuracy. */
  public record ModelPoint(String model, String group, double overall, Map<String, Double> factorAccuracy) {}

  /** A fitted line; NaN fields when the group cannot define one. */
  public record Fit(
      double slope, double intercept, @JsonProperty("r2") double r2, int n,
      Map<String, Double> residuals) {}

  /** Per group, per factor: the fit. */
  public record Result(List<ModelPoint> points, Map<String, Map<String, Fit>> fits) {}

  public static Result compute(List<ModelPoint> points, List<String> factors) {
    Map<String, List<ModelPoint>> byGroup = new LinkedHashMap<>();
    for (ModelPoint p : points) byGroup.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p);
    Map<String, Map<String, Fit>> fits = new LinkedHashMap<>();
    byGroup.forEach((g, ps) -> {
      Map<String, Fit> m = new LinkedHashMap<>();
      for (String f : factors) m.put(f, fit(ps, f));
      fits.put(g, m);
    });
    return new Result(List.copyOf(points), fits);
  }

  static Fit fit(List<ModelPoint> ps, String factor) {
    List<double[]> xy = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ModelPoint p : ps) {
      Double y = p.factorAccuracy().get(factor);
      if (y != null && Double.isFinite(y) && Double.isFinite(p.overall())) {
        xy.add(new double[] {p.overall(), y});
        names.add(p.model());
      }
    }
    int n = xy.size();
    double mx = 0;
    double my = 0;
    for (double[] v : xy) {
      mx += v[0];
      my += v[1];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (double[] v : xy) {
      sxx += (v[0] - mx) * (v[0] - mx);
      sxy += (v[0] - mx) * (v[1] - my);
      syy += (v[1] - my) * (v[1] - my);
    }
    if (n < 2 || sxx == 0) return new Fit(Double.NaN, Double.NaN, Double.NaN, n, Map.of());
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double r2 = syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy);
    Map<String, Double> res = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) res.put(names.get(i), xy.get(i)[1] - (intercept + slope * xy.get(i)[0]));
    return new Fit(slope, intercept, r2, n, res);
  }
}
