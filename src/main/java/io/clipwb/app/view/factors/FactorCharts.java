package io.clipwb.app.view.factors;

import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import io.clipwb.core.eval.factors.FactorAnalysis;
import io.clipwb.core.eval.factors.FactorTrend;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of the visual-factor view as plain JFreeCharts (no JavaFX), after ImageNet-X's figures
 * (Idrissi et al. 2022): the error ratio per factor per model as grouped bars, factors sorted by
 * their mean error ratio, with the line at 1 (a factor above it costs more than the model's average
 * error); and one factor's accuracy against the overall accuracy, one colour and marker per model
 * group, with the group's least-squares line from the core's {@link FactorTrend} and the dashed
 * y = x.
 */
public final class FactorCharts {
  private FactorCharts() {}

  /** What a click on a bar hit. */
  public record Bar(String model, String factor) {}

  /** @param order the factors to draw, in this order */
  public static JFreeChart errorRatio(String title, FactorData.Outcome o, List<String> order, FigureStyle style) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    Map<String, String> keyOf = new LinkedHashMap<>();
    for (FactorData.ModelResult m : o.models()) {
      for (String f : order) {
        Double v = m.result().errorRatio().get(f);
        keyOf.put(FactorData.display(f), f);
        ds.addValue(v == null || !Double.isFinite(v) ? null : v, m.model(), FactorData.display(f));
      }
    }
    CategoryAxis x = new CategoryAxis("Factor");
    ChartKit.axis(x, style);
    x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    x.setCategoryMargin(0.15);
    NumberAxis y = ChartKit.numberAxis("Error ratio", style);
    y.setAutoRangeIncludesZero(true);
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    r.setItemMargin(o.models().size() > 6 ? 0.02 : 0.06);
    for (int i = 0; i < o.models().size(); i++) r.setSeriesPaint(i, ChartKit.colour(i));
    Map<String, FactorAnalysis.Result> byModel = new LinkedHashMap<>();
    o.models().forEach(m -> byModel.put(m.model(), m.result()));
    r.setDefaultToolTipGenerator((d, row, col) -> {
      FactorAnalysis.Result res = byModel.get((String) d.getRowKey(row));
      String f = keyOf.get((String) d.getColumnKey(col));
      if (res == null || f == null) return null;
      return String.format(Locale.ROOT, "%s, %s: error ratio %.2f; accuracy %.1f %% on %d images (overall %.1f %%)", d.getRowKey(row),
          d.getColumnKey(col), res.errorRatio().get(f), 100 * res.factorAccuracy().get(f), res.overall().factorCount().get(f),
          100 * res.factorAccuracy().get("average"));
    });
    CategoryPlot plot = new CategoryPlot(ds, x, y, r);
    plot.addRangeMarker(new ValueMarker(1.0, ChartKit.INK, ChartKit.dashed(style)));
    return ChartKit.chart(title, plot, true, style);
  }

  /** One factor's accuracy against the overall accuracy, per model group with the core's fit. */
  public static JFreeChart factorVsOverall(String title, FactorData.Outcome o, String factor, FigureStyle style) {
    XYSeriesCollection pts = new XYSeriesCollection();
    XYSeriesCollection lines = new XYSeriesCollection();
    XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true);
    XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
    Map<String, List<FactorTrend.ModelPoint>> groups = new LinkedHashMap<>();
    for (FactorTrend.ModelPoint p : o.trend().points()) groups.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p);
    double lo = 1; // the models' overall accuracies: the y = x line spans them only
    double hi = 0;
    int g = 0;
    List<List<FactorTrend.ModelPoint>> order = new ArrayList<>();
    for (Map.Entry<String, List<FactorTrend.ModelPoint>> e : groups.entrySet()) {
      FactorTrend.Fit fit = o.trend().fits().getOrDefault(e.getKey(), Map.of()).get(factor);
      String name = e.getKey().length() > 40 ? e.getKey().substring(0, 37) + "…" : e.getKey();
      XYSeries s = new XYSeries(fit != null && Double.isFinite(fit.slope())
          ? String.format(Locale.ROOT, "%s (slope %.2f, R² %.2f)", name, fit.slope(), fit.r2()) : name, false, true);
      List<FactorTrend.ModelPoint> kept = new ArrayList<>();
      for (FactorTrend.ModelPoint p : e.getValue()) {
        Double y = p.factorAccuracy().get(factor);
        if (y == null || !Double.isFinite(y)) continue;
        s.add(100 * p.overall(), 100 * y);
        kept.add(p);
        lo = Math.min(lo, p.overall());
        hi = Math.max(hi, p.overall());
      }
      order.add(kept);
      pts.addSeries(s);
      pr.setSeriesPaint(g, ChartKit.colour(g));
      pr.setSeriesShape(g, ChartKit.marker(g, ChartKit.markerSize(style)));
      XYSeries l = new XYSeries("fit " + g, true, true);
      if (fit != null && Double.isFinite(fit.slope()) && !kept.isEmpty()) {
        double a = kept.stream().mapToDouble(FactorTrend.ModelPoint::overall).min().orElse(0);
        double b = kept.stream().mapToDouble(FactorTrend.ModelPoint::overall).max().orElse(0);
        l.add(100 * a, 100 * (fit.intercept() + fit.slope() * a));
        l.add(100 * b, 100 * (fit.intercept() + fit.slope() * b));
      }
      lines.addSeries(l);
      lr.setSeriesPaint(g, ChartKit.colour(g));
      lr.setSeriesStroke(g, new BasicStroke(ChartKit.hairline(style) * 1.5f));
      lr.setSeriesVisibleInLegend(g, false);
      g++;
    }
    pr.setDefaultToolTipGenerator((d, s, i) -> {
      FactorTrend.ModelPoint p = order.get(s).get(i);
      return String.format(Locale.ROOT, "%s%noverall %.1f %%%n%s %.1f %%", p.model(), 100 * p.overall(), FactorData.display(factor),
          100 * p.factorAccuracy().get(factor));
    });
    XYSeries diag = new XYSeries("y = x", true, true);
    if (hi >= lo) {
      diag.add(100 * lo, 100 * lo);
      diag.add(100 * hi, 100 * hi);
    }
    lines.addSeries(diag);
    lr.setSeriesPaint(g, new Color(0x7F7F7F));
    lr.setSeriesStroke(g, ChartKit.dashed(style));
    NumberAxis x = ChartKit.numberAxis("Overall accuracy on " + o.set() + " (%)", style);
    NumberAxis y = ChartKit.numberAxis("Accuracy with factor \"" + FactorData.display(factor) + "\" (%)", style);
    XYPlot plot = new XYPlot(pts, x, y, pr);
    plot.setDataset(1, lines);
    plot.setRenderer(1, lr);
    return ChartKit.chart(title, plot, true, style);
  }

  /**
   * The bar under a chart entity of an {@link #errorRatio} chart: the model and the factor's key
   * (not its display name).
   */
  public static Optional<Bar> barAt(ChartEntity e, List<String> factors) {
    if (!(e instanceof CategoryItemEntity ce)) return Optional.empty();
    String shown = String.valueOf(ce.getColumnKey());
    return factors.stream().filter(f -> FactorData.display(f).equals(shown)).findFirst()
        .map(f -> new Bar(String.valueOf(ce.getRowKey()), f));
  }
}
