package io.clipwb.app.view.scatter;

import io.clipwb.core.project.MetricTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The points of a cross-model scatter, without any window: one point per model at (metric x,
 * metric y) of the project's {@link MetricTable}, grouped by one of the model cards' six factors,
 * with an ordinary least-squares line per group. The view and {@code clipwb figures} both draw from
 * this, so what the screen shows and what a paper gets are the same numbers.
 *
 * <p>Besides the table's columns there is one derived metric, {@link #MEAN_SHIFT}: a model's mean
 * accuracy over the shifted sets (NaN unless it has every shifted set the table has, so a model with
 * a missing run is not flattered by its easier sets).
 *
 * @param xLabel axis label of x
 * @param yLabel axis label of y
 * @param factor the grouping factor ({@link #FACTORS}), or {@link #NO_FACTOR}
 * @param groups the groups in first-appearance order
 */
public record ScatterData(String xKey, String yKey, String xLabel, String yLabel, String factor, List<Group> groups) {

  /** The key of the derived mean accuracy over the shifted sets. */
  public static final String MEAN_SHIFT = "acc/mean_shift";

  /** "Colour by nothing": one group. */
  public static final String NO_FACTOR = "none";

  /** The card factors one can colour by ({@link MetricTable.ModelFactors#cardFactors()} names). */
  public static final List<String> FACTORS = List.of("architecture_family", "architecture_name", "training_data",
      "training_samples", "fine_tuning", "loss", "prompts");

  /** A selectable metric: key and display name. */
  public record Axis(String key, String label) {
    @Override
    public String toString() {
      return label;
    }
  }

  /** One model's point. */
  public record Point(String model, double x, double y, MetricTable.ModelFactors factors) {}

  /** A least-squares line y = slope x + intercept; NaN when fewer than two distinct x. */
  public record Fit(double slope, double intercept, double r2, int n) {
    public boolean defined() {
      return Double.isFinite(slope) && Double.isFinite(intercept);
    }
  }

  /** A group of models sharing a factor value. */
  public record Group(String name, List<Point> points, Fit fit) {}

  /** Every metric one can plot: the table's columns in order, then {@link #MEAN_SHIFT} after the accuracies. */
  public static List<Axis> axes(MetricTable t, Map<String, String> roles) {
    List<Axis> out = new ArrayList<>();
    boolean meanAdded = false;
    for (MetricTable.Metric m : t.metrics()) {
      if (!meanAdded && m.kind() != MetricTable.Kind.ACCURACY && !shiftedSets(t, roles).isEmpty()) {
        out.add(new Axis(MEAN_SHIFT, "mean accuracy over shifted sets"));
        meanAdded = true;
      }
      out.add(new Axis(m.key(), m.displayName()));
    }
    if (!meanAdded && !shiftedSets(t, roles).isEmpty()) out.add(new Axis(MEAN_SHIFT, "mean accuracy over shifted sets"));
    return out;
  }

  /** The accuracy columns of shifted sets (role {@code shift}), in table order. */
  static List<String> shiftedSets(MetricTable t, Map<String, String> roles) {
    List<String> out = new ArrayList<>();
    for (MetricTable.Metric m : t.metrics()) {
      if (m.kind() == MetricTable.Kind.ACCURACY && "shift".equals(roles.get(m.set()))) out.add(m.key());
    }
    return out;
  }

  /** A model's value of a metric (a table column or {@link #MEAN_SHIFT}), NaN when missing. */
  public static double value(MetricTable t, Map<String, String> roles, String model, String key) {
    if (!MEAN_SHIFT.equals(key)) return t.value(model, key);
    List<String> cols = shiftedSets(t, roles);
    if (cols.isEmpty()) return Double.NaN;
    double s = 0;
    for (String c : cols) s += t.value(model, c);
    return s / cols.size();
  }

  /** The display name of a metric key. */
  public static String label(MetricTable t, Map<String, String> roles, String key) {
    for (Axis a : axes(t, roles)) if (a.key().equals(key)) return a.label();
    return key;
  }

  /** A model's value of a card factor ("(no card)" without a card). */
  public static String factorValue(MetricTable.ModelFactors f, String factor) {
    if (NO_FACTOR.equals(factor)) return "all models";
    if (f.card() == null) return "(no card)";
    String v = f.cardFactors().get(factor);
    return v == null || v.isEmpty() ? "(none)" : v;
  }

  /**
   * The scatter of {@code yKey} against {@code xKey}, grouped by {@code factor}. Models with a NaN on
   * either axis are left out (their run of that set is missing).
   */
  public static ScatterData of(MetricTable t, Map<String, String> roles, String xKey, String yKey, String factor) {
    Map<String, List<Point>> byGroup = new LinkedHashMap<>();
    for (int r = 0; r < t.models().size(); r++) {
      String m = t.models().get(r);
      double x = value(t, roles, m, xKey);
      double y = value(t, roles, m, yKey);
      if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
      MetricTable.ModelFactors f = t.factors().get(r);
      byGroup.computeIfAbsent(factorValue(f, factor), k -> new ArrayList<>()).add(new Point(m, x, y, f));
    }
    List<Group> groups = new ArrayList<>();
    byGroup.forEach((g, ps) -> groups.add(new Group(g, List.copyOf(ps), fit(ps))));
    return new ScatterData(xKey, yKey, label(t, roles, xKey), label(t, roles, yKey), factor, List.copyOf(groups));
  }

  /** Ordinary least squares of y on x. */
  static Fit fit(List<Point> ps) {
    int n = ps.size();
    if (n < 2) return new Fit(Double.NaN, Double.NaN, Double.NaN, n);
    double mx = 0;
    double my = 0;
    for (Point p : ps) {
      mx += p.x();
      my += p.y();
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (Point p : ps) {
      sxx += (p.x() - mx) * (p.x() - mx);
      sxy += (p.x() - mx) * (p.y() - my);
      syy += (p.y() - my) * (p.y() - my);
    }
    if (sxx == 0) return new Fit(Double.NaN, Double.NaN, Double.NaN, n);
    double a = sxy / sxx;
    return new Fit(a, my - a * mx, syy == 0 ? 1.0 : sxy * sxy / (sxx * syy), n);
  }

  /** All points, group by group. */
  public List<Point> points() {
    List<Point> out = new ArrayList<>();
    groups.forEach(g -> out.addAll(g.points()));
    return out;
  }

  /** Hover text: the model, both values and its card. */
  public static String tooltip(Point p, String xLabel, String yLabel) {
    StringBuilder sb = new StringBuilder(p.model()).append('\n');
    sb.append(String.format(Locale.ROOT, "%s: %.4f%n%s: %.4f", xLabel, p.x(), yLabel, p.y()));
    if (p.factors().card() != null) {
      p.factors().cardFactors().forEach((k, v) -> sb.append('\n').append(k.replace('_', ' ')).append(": ").append(v));
    } else {
      sb.append("\n(no model card)");
    }
    return sb.toString();
  }
}
