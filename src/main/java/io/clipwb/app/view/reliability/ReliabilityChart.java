package io.clipwb.app.view.reliability;

import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import io.clipwb.core.eval.calibration.CalibrationMetrics;
import io.clipwb.core.eval.calibration.ReliabilityBin;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
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
import org.jfree.chart.block.Arrangement;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.ColumnArrangement;
import org.jfree.chart.block.FlowArrangement;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.VerticalAlignment;

/**
 * Builds the reliability diagram as a plain JFreeChart (no window, no JavaFX), so the GUI's view
 * and {@code clipwb figures} draw the same figure.
 *
 * <p>The layout follows the reliability diagrams of Guo et al. 2017 ("On Calibration of Modern
 * Neural Networks", Fig. 1 and 4): on top, per confidence bin, a bar up to the bin's accuracy and a
 * translucent red bar for the gap between the accuracy and the bin's <em>mean confidence</em> (not
 * the bin centre: the gap then is exactly the bin's term of the ECE), with the dashed diagonal of
 * perfect calibration; under it, sharing the confidence axis, the histogram of sample counts per
 * bin. The gap bars are translucent and hatched (vector strokes), so they still read as gap where
 * they lie over an accuracy bar. The legend gives each series' ECE, MCE (in %) and NLL: for one
 * series inside the upper-left corner when no bar reaches there (a calibrated or over-confident
 * model leaves it empty), else, and for several series, under the chart.
 * Up to three series are drawn side by side within each bin in the Okabe–Ito colour-blind-safe
 * palette (vermillion is kept for a single series' gap; several series shade their gaps in a lighter
 * tint of their own colour); more series become lines with markers through (mean confidence,
 * accuracy) of each bin, and through the bin centres' counts below, the gap being the distance to
 * the diagonal.
 */
public final class ReliabilityChart {
  /** A single series' gap: Guo et al.'s red, the house style's vermillion. */
  private static final Color GAP_FILL = ChartKit.alpha(ChartKit.VERMILLION, 0x40);
  private static final Color GAP_LINE = ChartKit.VERMILLION;
  /** Up to this many series are drawn as side-by-side bars; more as lines through the bins. */
  static final int MAX_BAR_SERIES = 3;

  private ReliabilityChart() {}

  /**
   * One series of a reliability diagram: a model on a set, before or after temperature scaling.
   *
   * @param model model name
   * @param set data set name
   * @param afterTemperature whether {@code metrics} are after temperature scaling
   * @param metrics the set's calibration metrics with their bins (equal-width or adaptive, see
   *     {@code adaptive})
   * @param adaptive draw the adaptive (equal-mass) bins instead of the equal-width ones
   */
  public record Series(String model, String set, boolean afterTemperature, CalibrationMetrics metrics, boolean adaptive) {
    /** The bins this series draws: {@code adaptiveReliability()} or {@code reliability()}. */
    public List<ReliabilityBin> bins() {
      List<ReliabilityBin> b = adaptive ? metrics.adaptiveReliability() : metrics.reliability();
      if (b == null) throw new IllegalArgumentException(model + " / " + set + ": the metrics carry no reliability bins");
      return b;
    }
  }

  /**
   * What a click on a bar hit.
   *
   * @param series index into the series list given to {@link #create}
   * @param bin index into that series' {@link Series#bins()}
   */
  public record BinRef(int series, int bin) {}

  /**
   * The diagram of one or several series overlaid: accuracy bars per confidence bin with the gap
   * to the diagonal shaded, the diagonal, a confidence histogram (counts per bin) under it, ECE /
   * MCE / NLL in the legend. Each bar's entity carries (series index, bin index) so a click can
   * drill down into {@code metrics().reliability().get(bin).items()} ({@link #binAt}). Empty bins
   * draw nothing.
   *
   * @param title the chart title, or null / blank for none (a paper's caption usually replaces it)
   */
  public static JFreeChart create(String title, List<Series> series, FigureStyle style) {
    if (series.isEmpty()) throw new IllegalArgumentException("a reliability diagram needs at least one series");
    Font small = ChartKit.small(style);

    List<String> keys = labels(series);
    List<List<ReliabilityBin>> bins = series.stream().map(Series::bins).toList();
    boolean curves = series.size() > MAX_BAR_SERIES;
    BinDataset accuracy = new BinDataset(BinDataset.Quantity.ACCURACY, curves, keys, bins);
    BinDataset gap = new BinDataset(BinDataset.Quantity.GAP, false, keys, bins);
    BinDataset counts = new BinDataset(BinDataset.Quantity.COUNT, curves, keys, bins);
    float hairline = ChartKit.hairline(style);

    NumberAxis confidence = unitAxis("Confidence");
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(confidence);
    plot.setGap(style.fontSizePt() * 0.6);
    plot.setOrientation(PlotOrientation.VERTICAL);

    XYPlot top = new XYPlot(accuracy, null, unitAxis("Accuracy"),
        curves ? lines(series.size(), hairline) : bars(series.size(), hairline, false));
    if (!curves) {
      top.setDataset(1, gap);
      top.setRenderer(1, gapRenderer(series.size(), hairline));
    }
    top.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    top.addAnnotation(new XYLineAnnotation(0, 0, 1, 1,
        new BasicStroke(hairline * 2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {hairline * 8, hairline * 6}, 0),
        ChartKit.INK));
    boolean inside = series.size() == 1 && cornerIsFree(series.get(0));
    LegendTitle legend = legend(series, keys, small, hairline, curves, inside);
    if (inside) top.addAnnotation(new XYTitleAnnotation(0.015, 0.985, legend, RectangleAnchor.TOP_LEFT));
    ChartKit.plot(top, style);

    NumberAxis countAxis = new NumberAxis("Count");
    countAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    countAxis.setUpperMargin(0.1);
    XYPlot bottom = new XYPlot(counts, null, countAxis,
        curves ? lines(series.size(), hairline) : bars(series.size(), hairline, true));
    ChartKit.plot(bottom, style);

    plot.add(top, 3);
    plot.add(bottom, 1);
    ChartKit.axis(confidence, style);

    JFreeChart chart = ChartKit.chart(title, plot, false, style);
    plot.setOutlineVisible(false);
    if (!inside) chart.addSubtitle(legend);
    // room on the right for the last tick label ("1.0"), centred on the plot's right edge
    double pad = style.fontSizePt() * 0.4;
    chart.setPadding(new RectangleInsets(pad, pad, pad, style.fontSizePt() * 1.4));
    return chart;
  }

  /**
   * The bin behind a chart entity (a bar of accuracy, gap or count), if it is one of this class's
   * bars; the GUI maps a mouse click on the chart to the rows behind the bar with it:
   * {@code series.get(ref.series()).bins().get(ref.bin()).items()}.
   */
  public static Optional<BinRef> binAt(ChartEntity entity) {
    if (entity instanceof XYItemEntity e && e.getDataset() instanceof BinDataset d) {
      int s = e.getSeriesIndex();
      int i = e.getItem();
      if (s >= 0 && s < d.getSeriesCount() && i >= 0 && i < d.getItemCount(s)) {
        return Optional.of(new BinRef(s, d.binPosition(s, i)));
      }
    }
    return Optional.empty();
  }

  /**
   * The standard title of a one-series diagram, "model / set" or "model / set, T = 1.52" after
   * temperature scaling: the view and {@code clipwb figures} use it, so their files are identical.
   */
  public static String title(Series s, double temperature) {
    String t = s.model() + " / " + s.set();
    return s.afterTemperature() ? t + String.format(Locale.ROOT, ", T = %.2f", temperature) : t;
  }

  /** The colour series {@code i} is drawn in (the view reuses it for its own controls). */
  public static Color colour(int i) {
    return ChartKit.colour(i);
  }

  /**
   * Short series names: only the parts that differ between the series (model, set, before/after
   * temperature scaling); a single series is called "Accuracy".
   */
  static List<String> labels(List<Series> series) {
    boolean models = series.stream().map(Series::model).distinct().count() > 1;
    boolean sets = series.stream().map(Series::set).distinct().count() > 1;
    boolean temps = series.stream().map(Series::afterTemperature).distinct().count() > 1;
    boolean bins = series.stream().map(Series::adaptive).distinct().count() > 1;
    List<String> out = new ArrayList<>();
    for (Series s : series) {
      List<String> parts = new ArrayList<>();
      if (models) parts.add(s.model());
      if (sets) parts.add(s.set());
      if (temps) parts.add(s.afterTemperature() ? "after T" : "before T");
      if (bins) parts.add(s.adaptive() ? "adaptive bins" : "equal-width bins");
      String base = parts.isEmpty() ? "Accuracy" : String.join(", ", parts);
      // keys must be unique for JFreeChart's series lookup
      String key = base;
      for (int k = 2; out.contains(key); k++) key = base + " (" + k + ")";
      out.add(key);
    }
    return out;
  }

  /** "ECE 3.2%, MCE 10.1%, NLL 0.853". */
  static String metricsLine(CalibrationMetrics m) {
    DecimalFormat pct = new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    DecimalFormat nll = new DecimalFormat("0.000", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return "ECE " + pct.format(100 * m.ece()) + "%, MCE " + pct.format(100 * m.mce()) + "%, NLL " + nll.format(m.nll());
  }

  private static NumberAxis unitAxis(String name) {
    NumberAxis a = new NumberAxis(name);
    a.setRange(0, 1);
    a.setTickUnit(new NumberTickUnit(0.2, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    return a;
  }

  private static XYBarRenderer bars(int n, float hairline, boolean histogram) {
    XYBarRenderer r = new XYBarRenderer();
    r.setBarPainter(new StandardXYBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(true);
    r.setMargin(0);
    for (int i = 0; i < n; i++) {
      r.setSeriesPaint(i, histogram ? lighter(colour(i)) : colour(i));
      r.setSeriesOutlinePaint(i, colour(i).darker());
      r.setSeriesOutlineStroke(i, new BasicStroke(hairline));
    }
    r.setDefaultToolTipGenerator((dataset, s, item) -> tooltip((BinDataset) dataset, s, item));
    return r;
  }

  /** Lines with small markers, one per series: readable where side-by-side bars get too thin. */
  private static XYLineAndShapeRenderer lines(int n, float hairline) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    double m = hairline * 5;
    for (int i = 0; i < n; i++) {
      r.setSeriesPaint(i, colour(i));
      r.setSeriesStroke(i, new BasicStroke(hairline * 2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-m / 2, -m / 2, m, m));
    }
    r.setDefaultToolTipGenerator((dataset, s, item) -> tooltip((BinDataset) dataset, s, item));
    return r;
  }

  private static XYBarRenderer gapRenderer(int n, float hairline) {
    XYBarRenderer r = new XYBarRenderer();
    r.setBarPainter(new HatchedBarPainter(hairline * 6, hairline));
    r.setShadowVisible(false);
    r.setUseYInterval(true);
    r.setDrawBarOutline(true);
    r.setMargin(0);
    for (int i = 0; i < n; i++) {
      // one series: Guo et al.'s red; several: each series' own colour, lighter
      r.setSeriesPaint(i, n == 1 ? GAP_FILL : gapFill(colour(i)));
      r.setSeriesOutlinePaint(i, n == 1 ? GAP_LINE : colour(i));
      r.setSeriesOutlineStroke(i, new BasicStroke(hairline));
    }
    r.setDefaultToolTipGenerator((dataset, s, item) -> tooltip((BinDataset) dataset, s, item));
    return r;
  }

  private static Color lighter(Color c) {
    return ChartKit.tint(c, 0.5);
  }

  private static String tooltip(BinDataset d, int s, int item) {
    ReliabilityBin b = d.bin(s, item);
    return String.format(Locale.ROOT, "%s: confidence (%.3f, %.3f], %d images, accuracy %.3f, mean confidence %.3f",
        d.getSeriesKey(s), b.lower(), b.upper(), b.count(), b.accuracy(), b.meanConfidence());
  }

  /**
   * The legend: one line per series with its metrics, and the gap. A single series gets it inside
   * the upper-left corner of the accuracy plot (empty unless the model is strongly under-confident);
   * several series get it under the chart, where it cannot cover bars.
   */
  private static LegendTitle legend(List<Series> series, List<String> keys, Font font, float hairline, boolean curves,
      boolean inside) {
    LegendItemCollection items = new LegendItemCollection();
    Rectangle2D box = new Rectangle2D.Double(-3, -3, 6, 6);
    Stroke thin = new BasicStroke(hairline);
    if (series.size() == 1) {
      items.add(new LegendItem(keys.get(0), null, null, null, box, colour(0), thin, colour(0).darker()));
      items.add(new LegendItem("Gap", null, null, null, box, GAP_FILL, thin, GAP_LINE));
      // the metrics as a text-only line, aligned with the labels above
      items.add(new LegendItem(metricsLine(series.get(0).metrics()), null, null, null, false, box, false, Color.WHITE,
          false, Color.WHITE, thin, false, box, thin, Color.WHITE));
    } else {
      for (int i = 0; i < series.size(); i++) {
        String text = keys.get(i) + ": " + metricsLine(series.get(i).metrics());
        items.add(new LegendItem(text, null, null, null, box, colour(i), thin, colour(i).darker()));
      }
      if (!curves) {
        items.add(new LegendItem("Gap to mean confidence (hatched)", null, null, null, box, gapFill(Color.GRAY),
            thin, Color.GRAY));
      }
    }
    // one column, except a single series' legend under the chart: one row, to keep the plot tall
    Arrangement arrangement = !inside && series.size() == 1
        ? new FlowArrangement(HorizontalAlignment.LEFT, VerticalAlignment.CENTER, font.getSize2D() * 0.5, 0)
        : new ColumnArrangement(HorizontalAlignment.LEFT, VerticalAlignment.TOP, 0, 0);
    LegendTitle legend = new LegendTitle(() -> items, arrangement, arrangement);
    legend.setItemFont(font);
    legend.setItemPaint(ChartKit.INK);
    legend.setItemLabelPadding(new RectangleInsets(0.3, 2, 0.3, 1));
    legend.setLegendItemGraphicPadding(new RectangleInsets(0.3, 1, 0.3, 1));
    legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
    if (inside) {
      legend.setBackgroundPaint(new Color(255, 255, 255, 220));
      legend.setFrame(new BlockBorder(new RectangleInsets(hairline, hairline, hairline, hairline), ChartKit.GRID));
      legend.setPadding(new RectangleInsets(1, 1, 1, 1));
    } else {
      legend.setBackgroundPaint(Color.WHITE);
      legend.setFrame(BlockBorder.NONE);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setPadding(new RectangleInsets(font.getSize2D() * 0.3, 0, 0, 0));
    }
    return legend;
  }

  /**
   * Whether the legend fits the upper-left corner (about x below 0.6, y above 0.7 at the default
   * size) without covering a bar: false when an under-confident low-confidence bin reaches up there.
   */
  static boolean cornerIsFree(Series s) {
    for (ReliabilityBin b : s.bins()) {
      if (b.count() > 0 && b.lower() < 0.6 && Math.max(b.accuracy(), b.meanConfidence()) > 0.7) return false;
    }
    return true;
  }

  /** The translucent fill of a series' gap bars. */
  private static Color gapFill(Color c) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), 0x59);
  }
}
