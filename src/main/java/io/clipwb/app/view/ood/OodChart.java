package io.clipwb.app.view.ood;

import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import io.clipwb.core.eval.ood.OodMetrics;
import io.clipwb.core.eval.ood.OodResult;
import io.clipwb.core.eval.ood.OodScore;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.ColumnArrangement;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The OOD charts as plain JFreeCharts (no window, no JavaFX), shared by the view and
 * {@code clipwb figures}:
 *
 * <ul>
 *   <li>{@link #histogram}: the score histogram of the ID set and one OOD set for one score
 *       function, on the core's common bins ({@code ScoreHistogram}, 50 equal-width bins by
 *       default), bars = share of each set's images, translucent so the overlap reads; AUROC and
 *       FPR@95 of that score in the legend; an optional threshold line;
 *   <li>{@link #roc}: the ROC curves of several scores (the core's points, OpenOOD orientation:
 *       x = share of ID images flagged OOD, y = share of OOD images flagged), AUROC and FPR@95 in
 *       the legend, the chance diagonal, an optional operating point.
 * </ul>
 */
public final class OodChart {
  private static final Color ID = new Color(0x0072B2);
  private static final Color OOD = new Color(0xD55E00);
  private static final DecimalFormat THREE = new DecimalFormat("0.000", DecimalFormatSymbols.getInstance(Locale.ROOT));
  private static final DecimalFormat ONE = new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT));

  private OodChart() {}

  /** What a click on a histogram bar hit: {@code series} 0 = ID, 1 = OOD; {@code bin} into the core's histogram. */
  public record BarRef(int series, int bin) {}

  /** One ROC curve: a score of one model on one ID/OOD pair. */
  public record RocCurve(String label, OodResult.PerScore score) {}

  /** The display name of a score function ("MSP", "Max-logit", "Energy", "MCM"). */
  public static String name(OodScore s) {
    return switch (s) {
      case MSP -> "MSP";
      case MAX_LOGIT -> "Max-logit";
      case ENERGY -> "Energy";
      case MCM -> "MCM";
    };
  }

  /** "AUROC 0.912, FPR@95 41.3%": the core's AUROC and OpenOOD FPR at its TPR level. */
  public static String metricsLine(OodMetrics.Metrics m) {
    String level = Math.abs(m.tprLevel() - 0.95) < 1e-9 ? "95" : ONE.format(100 * m.tprLevel());
    return "AUROC " + THREE.format(m.auroc()) + ", FPR@" + level + " " + ONE.format(100 * m.fprOpenOod()) + "%";
  }

  /**
   * The ID-vs-OOD histogram of one score.
   *
   * @param title chart title, or null for none
   * @param threshold a threshold to mark (dashed line), or null
   */
  public static JFreeChart histogram(String title, OodResult r, OodResult.PerScore s, FigureStyle style, Double threshold) {
    float h = ChartKit.hairline(style);
    HistogramDataset data = new HistogramDataset(s.histogram(), "ID: " + r.idSet(), "OOD: " + r.oodSet());
    NumberAxis x = new NumberAxis(name(s.score()) + " score");
    x.setAutoRangeIncludesZero(false);
    double lo = s.histogram().edges()[0];
    double hi = s.histogram().edges()[s.histogram().edges().length - 1];
    double pad = (hi - lo) * 0.02;
    x.setRange(lo - pad, hi + pad);
    NumberAxis y = new NumberAxis("Share of images");
    y.setUpperMargin(0.08);
    y.setNumberFormatOverride(new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    XYBarRenderer bars = new XYBarRenderer();
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(true);
    bars.setMargin(0.05);
    bars.setSeriesPaint(0, ChartKit.alpha(ID, 0x8C));
    bars.setSeriesPaint(1, ChartKit.alpha(OOD, 0x8C));
    bars.setSeriesOutlinePaint(0, ID.darker());
    bars.setSeriesOutlinePaint(1, OOD.darker());
    bars.setSeriesOutlineStroke(0, new BasicStroke(h));
    bars.setSeriesOutlineStroke(1, new BasicStroke(h));
    bars.setDefaultToolTipGenerator((d, series, item) -> tooltip((HistogramDataset) d, series, item));
    XYPlot plot = new XYPlot(data, x, y, bars);
    ChartKit.plot(plot, style);
    plot.setDomainGridlinesVisible(false);
    LegendItemCollection items = new LegendItemCollection();
    Rectangle2D box = new Rectangle2D.Double(-3, -3, 6, 6);
    items.add(new LegendItem("ID: " + r.idSet() + " (" + data.total(0) + ")", null, null, null, box,
        ChartKit.alpha(ID, 0x8C), new BasicStroke(h), ID.darker()));
    items.add(new LegendItem("OOD: " + r.oodSet() + " (" + data.total(1) + ")", null, null, null, box,
        ChartKit.alpha(OOD, 0x8C), new BasicStroke(h), OOD.darker()));
    items.add(textItem(metricsLine(s.metrics()), h));
    // inside the upper corner where the mass is not: ID scores are high, so usually the upper left
    boolean left = massRight(data);
    plot.addAnnotation(new XYTitleAnnotation(left ? 0.015 : 0.985, 0.985, cornerLegend(items, style, h),
        left ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT));
    JFreeChart chart = ChartKit.chart(title, plot, false, style);
    setThreshold(chart, threshold, style);
    return chart;
  }

  /** Whether more of the bars' mass lies right of the middle (the legend then goes left). */
  private static boolean massRight(HistogramDataset d) {
    double left = 0;
    double right = 0;
    int n = d.getItemCount(0);
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < n; i++) {
        double v = d.getY(s, i).doubleValue();
        if (i < n / 2) left += v;
        else right += v;
      }
    }
    return right >= left;
  }

  /**
   * ROC curves of several scores (or models) on one pair.
   *
   * @param point an operating point to mark on curve {@code pointCurve} (x = FPR, y = TPR), or null
   */
  public static JFreeChart roc(String title, List<RocCurve> curves, FigureStyle style, double[] point, int pointCurve) {
    float h = ChartKit.hairline(style);
    XYSeriesCollection data = new XYSeriesCollection();
    for (int i = 0; i < curves.size(); i++) {
      XYSeries s = new XYSeries(i + ": " + curves.get(i).label(), false, true);
      OodMetrics.Roc roc = curves.get(i).score().roc();
      for (int k = 0; k < roc.fpr().length; k++) s.add(roc.fpr()[k], roc.tpr()[k]);
      data.addSeries(s);
    }
    NumberAxis x = unit("FPR: ID images flagged OOD");
    NumberAxis y = unit("TPR: OOD images flagged");
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    LegendItemCollection items = new LegendItemCollection();
    for (int i = 0; i < curves.size(); i++) {
      Color c = ChartKit.colour(i);
      lines.setSeriesPaint(i, c);
      lines.setSeriesStroke(i, new BasicStroke(h * 3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      items.add(new LegendItem(curves.get(i).label() + ": " + metricsLine(curves.get(i).score().metrics()), null, null, null,
          new java.awt.geom.Line2D.Double(-5, 0, 5, 0), new BasicStroke(h * 3), c));
    }
    XYPlot plot = new XYPlot(data, x, y, lines);
    ChartKit.plot(plot, style);
    plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, dashed(h * 2), Color.GRAY));
    plot.addAnnotation(new XYTitleAnnotation(0.985, 0.015, cornerLegend(items, style, h), RectangleAnchor.BOTTOM_RIGHT));
    JFreeChart chart = ChartKit.chart(title, plot, false, style);
    if (pointCurve >= 0 && pointCurve < curves.size()) setPoint(chart, point, pointCurve, style);
    return chart;
  }

  /** The histogram bar behind a chart entity, if it is one of {@link #histogram}'s bars. */
  public static Optional<BarRef> barAt(ChartEntity entity) {
    if (entity instanceof XYItemEntity e && e.getDataset() instanceof HistogramDataset d) {
      int s = e.getSeriesIndex();
      int i = e.getItem();
      if (s >= 0 && s < 2 && i >= 0 && i < d.getItemCount(s)) return Optional.of(new BarRef(s, i));
    }
    return Optional.empty();
  }

  /** Moves (or removes, {@code t} null) the threshold line of a {@link #histogram} chart. */
  public static void setThreshold(JFreeChart histogram, Double t, FigureStyle style) {
    XYPlot plot = histogram.getXYPlot();
    plot.clearDomainMarkers();
    if (t == null) return;
    float h = ChartKit.hairline(style);
    ValueMarker m = new ValueMarker(t, ChartKit.INK, dashed(h * 2));
    m.setLabel("threshold");
    m.setLabelFont(ChartKit.small(style));
    m.setLabelPaint(ChartKit.INK);
    m.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
    m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    plot.addDomainMarker(m);
  }

  /** Moves (or removes, {@code point} null) the operating point of a {@link #roc} chart. */
  public static void setPoint(JFreeChart roc, double[] point, int curve, FigureStyle style) {
    XYPlot plot = roc.getXYPlot();
    for (Object a : List.copyOf(plot.getAnnotations())) {
      if (a instanceof PointAnnotation p) plot.removeAnnotation(p);
    }
    if (point != null) {
      plot.addAnnotation(new PointAnnotation(point[0], point[1], style.fontSizePt() * 0.45, ChartKit.colour(curve),
          ChartKit.hairline(style)));
    }
  }

  private static NumberAxis unit(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setRange(0, 1);
    a.setTickUnit(new NumberTickUnit(0.2, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    return a;
  }

  private static BasicStroke dashed(float w) {
    return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {w * 3, w * 2.5f}, 0);
  }

  private static LegendItem textItem(String text, float h) {
    Rectangle2D box = new Rectangle2D.Double(-3, -3, 6, 6);
    BasicStroke thin = new BasicStroke(h);
    return new LegendItem(text, null, null, null, false, box, false, Color.WHITE, false, Color.WHITE, thin, false, box, thin,
        Color.WHITE);
  }

  private static LegendTitle cornerLegend(LegendItemCollection items, FigureStyle style, float h) {
    ColumnArrangement col = new ColumnArrangement(HorizontalAlignment.LEFT, VerticalAlignment.TOP, 0, 0);
    LegendTitle legend = new LegendTitle(() -> items, col, col);
    legend.setItemFont(ChartKit.small(style));
    legend.setItemPaint(ChartKit.INK);
    legend.setItemLabelPadding(new RectangleInsets(0.3, 2, 0.3, 1));
    legend.setLegendItemGraphicPadding(new RectangleInsets(0.3, 1, 0.3, 1));
    legend.setBackgroundPaint(new Color(255, 255, 255, 225));
    legend.setFrame(new BlockBorder(new RectangleInsets(h, h, h, h), ChartKit.GRID));
    legend.setPadding(new RectangleInsets(1, 1, 1, 1));
    return legend;
  }

  private static String tooltip(HistogramDataset d, int series, int item) {
    var hist = d.histogram();
    return String.format(Locale.ROOT, "%s: score [%.4g, %.4g%s, %d images (%.1f%%)", d.getSeriesKey(series), hist.edges()[item],
        hist.edges()[item + 1], item == hist.idCounts().length - 1 ? "]" : ")", d.count(series, item),
        100 * d.getY(series, item).doubleValue());
  }
}
