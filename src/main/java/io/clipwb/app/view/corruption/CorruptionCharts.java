package io.clipwb.app.view.corruption;

import io.clipwb.app.view.ChartKit;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.eval.corruption.CorruptionEval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The corruption figures as plain JFreeCharts (no window, no JavaFX), so the view and {@code clipwb
 * figures} draw the same thing.
 *
 * <ul>
 *   <li>{@link #heatmap}: one model's accuracy (or ECE) per corruption × severity, as in the
 *       per-cell tables of Hendrycks &amp; Dietterich 2019 and Kar et al. 2022 (3DCC), viridis
 *       colours with the value printed in every cell; one entity per cell ({@link #cellAt}).
 *   <li>{@link #curves}: accuracy against severity (severity 0 = the clean in-distribution
 *       accuracy) for one corruption or the mean over the corruptions in mCE, one line per model,
 *       coloured by a chosen factor and marked per model, with each model's mCE (and relative mCE
 *       when baseline errors give one) in the legend, the way robustness papers plot their
 *       degradation curves.
 * </ul>
 */
public final class CorruptionCharts {
  /** What a heatmap colours. */
  public enum Metric {
    ACCURACY("Accuracy"),
    ECE("ECE");

    final String label;

    Metric(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** "Mean over the corruptions in mCE" instead of one corruption, for {@link #curves}. */
  public static final String MEAN = "mean";

  /**
   * One model's line of the curves chart.
   *
   * @param model the model's name
   * @param colourKey the value of the colouring factor (models with equal values share a colour)
   * @param result the model's corruption evaluation on the set
   */
  public record Curve(String model, String colourKey, CorruptionEval.Result result) {}

  /** A clicked point: the model's index in the curve list and the severity (0 = clean). */
  public record PointRef(int curve, int severity) {}

  private CorruptionCharts() {}

  /** The heatmap of one model's cells; a cell's entity is {@code XYItemEntity(0, index into result.cells())}. */
  public static JFreeChart heatmap(String title, CorruptionEval.Result result, Metric metric, FigureStyle style) {
    List<String> corruptions = new ArrayList<>(new TreeSet<>(result.cells().stream().map(CorruptionEval.Cell::corruption).toList()));
    List<Integer> severities = new ArrayList<>(new TreeSet<>(result.cells().stream().map(CorruptionEval.Cell::severity).toList()));
    int n = result.cells().size();
    double[][] xyz = new double[3][n];
    double max = 0;
    for (int i = 0; i < n; i++) {
      CorruptionEval.Cell c = result.cells().get(i);
      xyz[0][i] = severities.indexOf(c.severity());
      xyz[1][i] = corruptions.indexOf(c.corruption());
      xyz[2][i] = value(c, metric);
      if (Double.isFinite(xyz[2][i])) max = Math.max(max, xyz[2][i]);
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(metric.label, xyz);
    double upper = metric == Metric.ACCURACY ? 1 : Math.max(0.1, Math.ceil(max * 10) / 10);
    Viridis scale = new Viridis(0, upper);
    XYBlockRenderer r = new XYBlockRenderer();
    r.setPaintScale(scale);
    r.setDefaultToolTipGenerator((d, s, item) -> {
      CorruptionEval.Cell c = result.cells().get(item);
      return String.format(Locale.ROOT, "%s, severity %d: accuracy %.3f, ECE %.3f, %d images", c.corruption(), c.severity(), c.accuracy(),
          c.ece(), c.n());
    });
    SymbolAxis x = new SymbolAxis("Severity", severities.stream().map(String::valueOf).toArray(String[]::new));
    x.setGridBandsVisible(false);
    SymbolAxis y = new SymbolAxis(null, corruptions.toArray(String[]::new));
    y.setGridBandsVisible(false);
    y.setInverted(true);
    XYPlot plot = new XYPlot(data, x, y, r);
    ChartKit.plot(plot, style);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    DecimalFormat f = new DecimalFormat(metric == Metric.ACCURACY ? "0" : "0.0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(xyz[2][i])) continue;
      XYTextAnnotation a = new XYTextAnnotation(f.format(100 * xyz[2][i]), xyz[0][i], xyz[1][i]);
      a.setFont(ChartKit.small(style));
      a.setTextAnchor(TextAnchor.CENTER);
      a.setPaint(scale.light(xyz[2][i]) ? ChartKit.INK : Color.WHITE);
      plot.addAnnotation(a);
    }
    JFreeChart chart = ChartKit.chart(title, plot, false, style);
    NumberAxis legendAxis = new NumberAxis(metric.label + " (%)");
    legendAxis.setRange(0, 100 * upper);
    ChartKit.axis(legendAxis, style);
    PaintScaleLegend legend = new PaintScaleLegend(new Viridis(0, 100 * upper), legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(style.fontSizePt());
    legend.setAxisOffset(2);
    legend.setMargin(new RectangleInsets(4, 4, 4, 0));
    legend.setStripOutlineVisible(false);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return chart;
  }

  static double value(CorruptionEval.Cell c, Metric m) {
    return m == Metric.ACCURACY ? c.accuracy() : c.ece();
  }

  /** The heatmap cell behind a chart entity: an index into {@code result.cells()}. */
  public static Optional<Integer> cellAt(ChartEntity e) {
    if (e instanceof XYItemEntity xy && xy.getDataset() instanceof DefaultXYZDataset) return Optional.of(xy.getItem());
    return Optional.empty();
  }

  /**
   * Accuracy against severity, one line per model.
   *
   * @param corruption a corruption of the set, or {@link #MEAN}
   * @param colourKeys the distinct colouring-factor values in legend order (their index picks the colour)
   */
  public static JFreeChart curves(String title, List<Curve> curves, String corruption, List<String> colourKeys, FigureStyle style) {
    XYSeriesCollection data = new XYSeriesCollection();
    int maxSeverity = 1;
    for (Curve c : curves) {
      XYSeries s = new XYSeries(legendLine(c), false, true);
      if (c.result().cleanAccuracy() != null) s.add(0, c.result().cleanAccuracy());
      for (int[] sev : severitiesOf(c.result())) {
        double acc = accuracy(c.result(), corruption, sev[0]);
        if (Double.isFinite(acc)) s.add(sev[0], acc);
        maxSeverity = Math.max(maxSeverity, sev[0]);
      }
      String key = (String) s.getKey();
      for (int k = 2; data.getSeriesIndex(key) >= 0; k++) key = s.getKey() + " (" + k + ")";
      s.setKey(key);
      data.addSeries(s);
    }
    float h = ChartKit.hairline(style);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < curves.size(); i++) {
      int ci = Math.max(0, colourKeys.indexOf(curves.get(i).colourKey()));
      r.setSeriesPaint(i, ChartKit.colour(ci));
      r.setSeriesStroke(i, new BasicStroke(h * 2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      r.setSeriesShape(i, ChartKit.marker(i, h * 9));
    }
    r.setDefaultToolTipGenerator((d, s, item) -> String.format(Locale.ROOT, "%s, severity %.0f: accuracy %.3f", curves.get(s).model(),
        d.getXValue(s, item), d.getYValue(s, item)));
    NumberAxis x = new NumberAxis("Severity (0 = clean)");
    x.setRange(-0.3, maxSeverity + 0.3);
    x.setTickUnit(new NumberTickUnit(1, new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    NumberAxis y = new NumberAxis(MEAN.equals(corruption) ? "Accuracy (mean over corruptions)" : "Accuracy");
    y.setRange(0, 1.02);
    y.setTickUnit(new NumberTickUnit(0.2, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    XYPlot plot = new XYPlot(data, x, y, r);
    ChartKit.plot(plot, style);
    JFreeChart chart = ChartKit.chart(title, plot, false, style);
    LegendTitle legend = new LegendTitle(plot);
    legend.setItemFont(ChartKit.small(style));
    legend.setItemPaint(ChartKit.INK);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setFrame(BlockBorder.NONE);
    legend.setBackgroundPaint(Color.WHITE);
    legend.setItemLabelPadding(new RectangleInsets(0.3, 2, 0.3, 4));
    chart.addSubtitle(legend);
    return chart;
  }

  /** The clicked point of a curves chart. */
  public static Optional<PointRef> pointAt(ChartEntity e) {
    if (e instanceof XYItemEntity xy && xy.getDataset() instanceof XYSeriesCollection d) {
      return Optional.of(new PointRef(xy.getSeriesIndex(), (int) Math.round(d.getXValue(xy.getSeriesIndex(), xy.getItem()))));
    }
    return Optional.empty();
  }

  /** "model: mCE 41.3%" (unnormalised: mean error over corruptions and severities), plus relative mCE when known. */
  static String legendLine(Curve c) {
    CorruptionEval.Result r = c.result();
    DecimalFormat pct = new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    String who = c.colourKey() == null || c.colourKey().equals(c.model()) ? c.model() : c.model() + " [" + c.colourKey() + "]";
    String s = who + ": " + ("normalized".equals(r.ceKind()) ? "mCE " : "mCE (unnorm.) ") + pct.format(100 * r.mce()) + "%";
    if (r.relativeMce() != null) s += ", rel. mCE " + pct.format(100 * r.relativeMce()) + "%";
    return s;
  }

  /** The distinct severities of a result, ascending, as single-element arrays. */
  static List<int[]> severitiesOf(CorruptionEval.Result r) {
    return new TreeSet<>(r.cells().stream().map(CorruptionEval.Cell::severity).toList()).stream().map(s -> new int[] {s}).toList();
  }

  /** A corruption's accuracy at a severity, or the mean over the mCE corruptions when {@code corruption} is {@link #MEAN}. */
  static double accuracy(CorruptionEval.Result r, String corruption, int severity) {
    double sum = 0;
    int n = 0;
    for (CorruptionEval.Cell c : cells(r, corruption, severity)) {
      sum += c.accuracy();
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The cells of a corruption (or of every mCE corruption for {@link #MEAN}) at a severity. */
  public static List<CorruptionEval.Cell> cells(CorruptionEval.Result r, String corruption, int severity) {
    List<String> inMce = r.corruptions().stream().filter(CorruptionEval.CorruptionSummary::inMce).map(CorruptionEval.CorruptionSummary::corruption)
        .toList();
    return r.cells().stream().filter(c -> c.severity() == severity)
        .filter(c -> MEAN.equals(corruption) ? inMce.contains(c.corruption()) : c.corruption().equals(corruption)).toList();
  }

  /** Viridis (matplotlib's default map) by linear interpolation between 9 anchors. */
  static final class Viridis implements PaintScale, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int[] ANCHORS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};
    private final double lower;
    private final double upper;

    Viridis(double lower, double upper) {
      this.lower = lower;
      this.upper = upper;
    }

    @Override
    public double getLowerBound() {
      return lower;
    }

    @Override
    public double getUpperBound() {
      return upper;
    }

    @Override
    public Paint getPaint(double value) {
      if (!Double.isFinite(value)) return Color.LIGHT_GRAY;
      double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (ANCHORS.length - 1);
      int i = Math.min(ANCHORS.length - 2, (int) Math.floor(t));
      double f = t - i;
      Color a = new Color(ANCHORS[i]);
      Color b = new Color(ANCHORS[i + 1]);
      return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
          (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())), (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** Whether dark text reads better than white on this value's colour. */
    boolean light(double value) {
      Color c = (Color) getPaint(value);
      return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue() > 140;
    }
  }
}
