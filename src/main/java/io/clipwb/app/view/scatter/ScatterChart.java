package io.clipwb.app.view.scatter;

import io.clipwb.app.export.FigureFonts;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The cross-model scatter as a plain JFreeChart (no JavaFX): one marker shape and colour per group
 * of {@link ScatterData}, each group's least-squares line over the group's x range in the same
 * colour, the model names beside the points when there are few, and a ring around the selected
 * model. Each point's entity leads back to its model ({@link #modelAt}); its tooltip is the model
 * and its card.
 */
public final class ScatterChart {
  /** Points are labelled with the model name up to this many points. */
  static final int MAX_LABELS = 12;

  private ScatterChart() {}

  /**
   * @param selected the model to ring, or null
   * @param labels write the model names beside the points (when at most {@link #MAX_LABELS})
   */
  public static JFreeChart create(String title, ScatterData d, String selected, boolean labels, FigureStyle style) {
    XYSeriesCollection points = new XYSeriesCollection();
    XYSeriesCollection fits = new XYSeriesCollection();
    XYSeriesCollection ring = new XYSeriesCollection();
    double size = ChartKit.markerSize(style);
    float line = ChartKit.hairline(style);
    XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true);
    XYLineAndShapeRenderer fr = new XYLineAndShapeRenderer(true, false);
    for (int g = 0; g < d.groups().size(); g++) {
      ScatterData.Group grp = d.groups().get(g);
      XYSeries s = new XYSeries(legend(grp), false, true);
      for (ScatterData.Point p : grp.points()) s.add(p.x(), p.y());
      points.addSeries(s);
      pr.setSeriesPaint(g, ChartKit.colour(g));
      pr.setSeriesShape(g, ChartKit.marker(g, size));
      XYSeries f = new XYSeries("fit " + g, true, true);
      if (grp.fit().defined()) {
        double lo = grp.points().stream().mapToDouble(ScatterData.Point::x).min().orElse(0);
        double hi = grp.points().stream().mapToDouble(ScatterData.Point::x).max().orElse(0);
        f.add(lo, grp.fit().slope() * lo + grp.fit().intercept());
        f.add(hi, grp.fit().slope() * hi + grp.fit().intercept());
      }
      fits.addSeries(f);
      fr.setSeriesPaint(g, ChartKit.colour(g));
      fr.setSeriesStroke(g, new BasicStroke(line * 1.5f));
      fr.setSeriesVisibleInLegend(g, false);
    }
    pr.setDefaultToolTipGenerator((ds, series, item) -> {
      ScatterData.Point p = d.groups().get(series).points().get(item);
      return ScatterData.tooltip(p, d.xLabel(), d.yLabel());
    });
    XYSeries sel = new XYSeries("selected", false, true);
    d.points().stream().filter(p -> p.model().equals(selected)).findFirst().ifPresent(p -> sel.add(p.x(), p.y()));
    ring.addSeries(sel);
    XYLineAndShapeRenderer rr = new XYLineAndShapeRenderer(false, true);
    double rs = size * 2.2;
    rr.setSeriesShape(0, new Ellipse2D.Double(-rs / 2, -rs / 2, rs, rs));
    rr.setSeriesShapesFilled(0, false);
    rr.setUseOutlinePaint(false);
    rr.setSeriesPaint(0, new Color(0xD55E00));
    rr.setSeriesStroke(0, new BasicStroke(line * 2));
    rr.setSeriesVisibleInLegend(0, false);

    NumberAxis x = ChartKit.numberAxis(d.xLabel(), style);
    NumberAxis y = ChartKit.numberAxis(d.yLabel(), style);
    XYPlot plot = new XYPlot(points, x, y, pr);
    plot.setDataset(1, fits);
    plot.setRenderer(1, fr);
    plot.setDataset(2, ring);
    plot.setRenderer(2, rr);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
    List<ScatterData.Point> all = d.points();
    if (labels && all.size() <= MAX_LABELS) {
      double lo = all.stream().mapToDouble(ScatterData.Point::x).min().orElse(0);
      double hi = all.stream().mapToDouble(ScatterData.Point::x).max().orElse(0);
      for (ScatterData.Point p : all) {
        // names of points in the right half go to their left, so they stay inside the plot
        boolean right = hi > lo && p.x() > lo + 0.5 * (hi - lo);
        XYTextAnnotation a = new XYTextAnnotation(right ? p.model() + "  " : "  " + p.model(), p.x(), p.y());
        a.setFont(FigureFonts.font(style, false, Math.max(4, style.fontSizePt() - 2)));
        a.setPaint(ChartKit.INK);
        a.setTextAnchor(right ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
        plot.addAnnotation(a);
      }
      y.setUpperMargin(0.1);
    }
    boolean legend = d.groups().size() > 1 || !ScatterData.NO_FACTOR.equals(d.factor());
    return ChartKit.chart(title, plot, legend, style);
  }

  /** The legend text of a group: its factor value, its models' count and the fit's slope. */
  static String legend(ScatterData.Group g) {
    String name = g.name().length() > 48 ? g.name().substring(0, 45) + "…" : g.name();
    return g.fit().defined() ? String.format(java.util.Locale.ROOT, "%s (n=%d, slope %.2f)", name, g.points().size(), g.fit().slope())
        : name + " (n=" + g.points().size() + ")";
  }

  /** The model of the point under a chart entity, if it is one. */
  public static Optional<String> modelAt(JFreeChart chart, ScatterData d, ChartEntity e) {
    if (!(e instanceof XYItemEntity ie)) return Optional.empty();
    if (ie.getDataset() != chart.getXYPlot().getDataset(0)) return Optional.empty();
    if (ie.getSeriesIndex() >= d.groups().size()) return Optional.empty();
    List<ScatterData.Point> ps = d.groups().get(ie.getSeriesIndex()).points();
    return ie.getItem() < ps.size() ? Optional.of(ps.get(ie.getItem()).model()) : Optional.empty();
  }
}
