package io.clipwb.app.view.scatter;

import io.clipwb.app.export.FigureFonts;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import io.clipwb.core.eval.shift.EffectiveRobustness;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The effective-robustness plot (Taori et al. 2020, Fig. 1; Miller et al. 2021): ID accuracy
 * against shift accuracy on logit (or probit) axes, the baseline models as grey points, the
 * baseline's least-squares line, the y = x line (no accuracy lost under the shift), and each
 * evaluated model as a coloured point with a vertical segment from the line to it: its effective
 * robustness, labelled in percentage points. Every number comes from the core's
 * {@link EffectiveRobustness.Result} (the fitted accuracies included), nothing is re-derived here.
 */
public final class ErChart {
  private ErChart() {}

  /**
   * @param r the fit and the models' effective robustness (the core's result)
   * @param highlighted the models drawn in colour with their ER segment (the project's models); the
   *     others of {@code r.models()} are baseline points
   * @param selected the model to ring, or null
   */
  public static JFreeChart create(String title, EffectiveRobustness.Result r, EffectiveRobustness.Axis axis, Set<String> highlighted,
      String selected, FigureStyle style) {
    EffectiveRobustness.Fit fit = axis == EffectiveRobustness.Axis.LOGIT ? r.logitFit() : r.probitFit();
    XYSeriesCollection pts = new XYSeriesCollection();
    XYSeries base = new XYSeries("baseline models", false, true);
    XYSeries own = new XYSeries("project models (ER: vertical distance to the fit)", false, true);
    XYSeries ring = new XYSeries("selected", false, true);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (EffectiveRobustness.ModelEr m : r.models()) {
      if (!(m.shiftAccuracy() > 0 && m.shiftAccuracy() < 1)) continue; // no logit: cannot be drawn
      double x = axis.forward(m.idAccuracy());
      double y = axis.forward(m.shiftAccuracy());
      (highlighted.contains(m.model()) ? own : base).add(x, y);
      if (m.model().equals(selected)) ring.add(x, y);
      lo = Math.min(lo, Math.min(x, y));
      hi = Math.max(hi, Math.max(x, y));
    }
    pts.addSeries(base);
    pts.addSeries(own);
    pts.addSeries(ring);
    double size = ChartKit.markerSize(style);
    float line = ChartKit.hairline(style);
    XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true);
    pr.setSeriesPaint(0, new Color(0x9E9E9E));
    pr.setSeriesShape(0, ChartKit.marker(0, size * 0.8));
    pr.setSeriesPaint(1, ChartKit.colour(0));
    pr.setSeriesShape(1, ChartKit.marker(1, size));
    double rs = size * 2.2;
    pr.setSeriesShape(2, new Ellipse2D.Double(-rs / 2, -rs / 2, rs, rs));
    pr.setSeriesShapesFilled(2, false);
    pr.setSeriesPaint(2, new Color(0xD55E00));
    pr.setSeriesStroke(2, new BasicStroke(line * 2));
    pr.setSeriesVisibleInLegend(2, false);
    pr.setSeriesVisibleInLegend(0, base.getItemCount() > 0);
    pr.setDefaultToolTipGenerator((ds, s, item) -> {
      EffectiveRobustness.ModelEr m = modelOf(r, axis, highlighted, s, item);
      return m == null ? null : tooltip(m, axis);
    });
    if (!Double.isFinite(lo)) {
      lo = -1;
      hi = 1;
    }
    double pad = Math.max(0.15, (hi - lo) * 0.08);
    lo -= pad;
    hi += pad;
    XYSeriesCollection lines = new XYSeriesCollection();
    XYSeries fitLine = new XYSeries(String.format(Locale.ROOT, "baseline fit (%s, R² %.2f)", axis.name().toLowerCase(Locale.ROOT),
        fit.r2()), true, true);
    fitLine.add(lo, fit.slope() * lo + fit.intercept());
    fitLine.add(hi, fit.slope() * hi + fit.intercept());
    XYSeries diag = new XYSeries("y = x", true, true);
    diag.add(lo, lo);
    diag.add(hi, hi);
    lines.addSeries(fitLine);
    lines.addSeries(diag);
    XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
    lr.setSeriesPaint(0, ChartKit.INK);
    lr.setSeriesStroke(0, new BasicStroke(line * 1.5f));
    lr.setSeriesPaint(1, new Color(0x7F7F7F));
    lr.setSeriesStroke(1, ChartKit.dashed(style));

    ProbabilityAxis xa = new ProbabilityAxis("Accuracy on " + r.idSetting() + " (ID)", axis);
    ProbabilityAxis ya = new ProbabilityAxis("Accuracy on " + r.shiftSetting(), axis);
    ChartKit.axis(xa, style);
    ChartKit.axis(ya, style);
    XYPlot plot = new XYPlot(pts, xa, ya, pr);
    plot.setDataset(1, lines);
    plot.setRenderer(1, lr);
    xa.setRange(lo, hi);
    ya.setRange(lo, hi);
    for (EffectiveRobustness.ModelEr m : r.models()) {
      if (!highlighted.contains(m.model()) || !(m.shiftAccuracy() > 0 && m.shiftAccuracy() < 1)) continue;
      double fitted = axis == EffectiveRobustness.Axis.LOGIT ? m.fittedLogit() : m.fittedProbit();
      double er = axis == EffectiveRobustness.Axis.LOGIT ? m.erLogit() : m.erProbit();
      double x = axis.forward(m.idAccuracy());
      double yf = axis.forward(fitted);
      double y = axis.forward(m.shiftAccuracy());
      plot.addAnnotation(new XYLineAnnotation(x, yf, x, y, new BasicStroke(line * 1.5f), er >= 0 ? ChartKit.colour(2) : ChartKit.VERMILLION));
      // names of points in the right half go to their left, so they stay inside the plot
      boolean right = x > (lo + hi) / 2;
      String text = String.format(Locale.ROOT, "%s %+.1f", m.model(), 100 * er);
      XYTextAnnotation t = new XYTextAnnotation(right ? text + "  " : "  " + text, x, y);
      t.setFont(FigureFonts.font(style, false, Math.max(4, style.fontSizePt() - 2)));
      t.setPaint(ChartKit.INK);
      t.setTextAnchor(er >= 0 ? (right ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT) : (right ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT));
      plot.addAnnotation(t);
    }
    return ChartKit.chart(title, plot, true, style);
  }

  static String tooltip(EffectiveRobustness.ModelEr m, EffectiveRobustness.Axis axis) {
    double er = axis == EffectiveRobustness.Axis.LOGIT ? m.erLogit() : m.erProbit();
    double fitted = axis == EffectiveRobustness.Axis.LOGIT ? m.fittedLogit() : m.fittedProbit();
    return String.format(Locale.ROOT, "%s%nID accuracy %.2f %%%nshift accuracy %.2f %%%nfitted %.2f %%%neffective robustness %+.2f pp",
        m.model(), 100 * m.idAccuracy(), 100 * m.shiftAccuracy(), 100 * fitted, 100 * er);
  }

  /** The model behind point {@code item} of series {@code s} (0 = baseline, 1 = evaluated), in the order they were added. */
  private static EffectiveRobustness.ModelEr modelOf(EffectiveRobustness.Result r, EffectiveRobustness.Axis axis, Set<String> highlighted,
      int s, int item) {
    int k = 0;
    for (EffectiveRobustness.ModelEr m : r.models()) {
      if (!(m.shiftAccuracy() > 0 && m.shiftAccuracy() < 1)) continue;
      boolean own = highlighted.contains(m.model());
      if ((s == 1) == own && s < 2) {
        if (k == item) return m;
        k++;
      }
    }
    return null;
  }

  /** The model of the point under a chart entity, if any. */
  public static Optional<String> modelAt(JFreeChart chart, EffectiveRobustness.Result r, EffectiveRobustness.Axis axis,
      Set<String> highlighted, ChartEntity e) {
    if (!(e instanceof XYItemEntity ie) || ie.getDataset() != chart.getXYPlot().getDataset(0)) return Optional.empty();
    EffectiveRobustness.ModelEr m = modelOf(r, axis, highlighted, ie.getSeriesIndex(), ie.getItem());
    return Optional.ofNullable(m).map(EffectiveRobustness.ModelEr::model);
  }

  /** A short text of the fit for subtitles. */
  public static String describe(EffectiveRobustness.Result r, EffectiveRobustness.Axis axis) {
    EffectiveRobustness.Fit f = axis == EffectiveRobustness.Axis.LOGIT ? r.logitFit() : r.probitFit();
    return String.format(Locale.ROOT, "%s fit over %d baseline models: T(shift) = %.3f T(ID) %+.3f, R² = %.3f%s", axis.name().toLowerCase(Locale.ROOT),
        f.n(), f.slope(), f.intercept(), f.r2(), r.excluded().isEmpty() ? "" : "; " + r.excluded().size() + " left out (no logit or missing)");
  }
}
