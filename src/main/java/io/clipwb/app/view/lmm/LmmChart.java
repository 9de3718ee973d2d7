package io.clipwb.app.view.lmm;

import io.clipwb.app.export.FigureFonts;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.eval.lmm.LmmComparison;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The per-class LMM − CLIP accuracy difference as a sorted horizontal bar chart (plain JFreeChart,
 * no JavaFX, so {@code clipwb figures} draws the same): one bar per class, longest LMM lead on
 * top, blue where the LMM is better and vermillion where CLIP is (Okabe–Ito), hard classes (CLIP's
 * accuracy under the threshold) marked with an asterisk and a dark outline, as ImageNet-D's
 * per-class comparison of LLaVA and CLIP. The accuracies are on the answered images of each class
 * (LMM: TRUE / (TRUE + FALSE); unparseable answers are left out of the LMM's accuracy and counted).
 */
public final class LmmChart {
  static final Color LMM_BETTER = new Color(0x0072B2);
  static final Color CLIP_BETTER = new Color(0xD55E00);
  static final Color INK = new Color(0x262626);
  static final Color GRID = new Color(0xD9D9D9);

  private LmmChart() {}

  /**
   * @param rows the classes to draw, already sorted (the core sorts by difference) and filtered
   * @param hardThreshold the threshold that made a class hard (for the legend)
   */
  public static JFreeChart create(String title, String lmm, List<LmmComparison.ClassRow> rows, double hardThreshold, FigureStyle style) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (LmmComparison.ClassRow r : rows) {
      double d = r.tally().difference();
      data.addValue(Double.isFinite(d) ? d : 0, "difference", key(r));
    }
    Font label = FigureFonts.font(style, false, style.fontSizePt());
    Font small = FigureFonts.font(style, false, Math.max(4, style.fontSizePt() - 1));
    float hair = (float) Math.max(0.3, style.fontSizePt() / 20);
    BarRenderer r = new BarRenderer() {
      private static final long serialVersionUID = 1L;

      @Override
      public Paint getItemPaint(int row, int column) {
        double d = rows.get(column).tally().difference();
        return d >= 0 ? LMM_BETTER : CLIP_BETTER;
      }

      @Override
      public Paint getItemOutlinePaint(int row, int column) {
        return rows.get(column).hard() ? INK : ((Color) getItemPaint(row, column)).darker();
      }

      @Override
      public java.awt.Stroke getItemOutlineStroke(int row, int column) {
        return new BasicStroke(rows.get(column).hard() ? hair * 3 : hair);
      }
    };
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(true);
    r.setItemMargin(0);
    r.setMaximumBarWidth(0.06);
    r.setDefaultToolTipGenerator((d, row, col) -> tooltip(rows.get(col), lmm));
    CategoryAxis classes = new CategoryAxis(null);
    classes.setTickLabelFont(small);
    classes.setTickLabelPaint(INK);
    classes.setAxisLinePaint(INK);
    classes.setCategoryMargin(0.15);
    classes.setLowerMargin(0.01);
    classes.setUpperMargin(0.01);
    NumberAxis diff = new NumberAxis("Accuracy difference (LMM \u2212 CLIP)");
    double max = 0.1;
    for (LmmComparison.ClassRow x : rows) if (Double.isFinite(x.tally().difference())) max = Math.max(max, Math.abs(x.tally().difference()));
    double lim = Math.min(1, Math.ceil(max * 10) / 10 + 0.05);
    diff.setRange(-lim, lim);
    diff.setTickUnit(new NumberTickUnit(lim > 0.5 ? 0.2 : 0.1, new DecimalFormat("+0.0;\u22120.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    diff.setLabelFont(label);
    diff.setTickLabelFont(small);
    diff.setLabelPaint(INK);
    diff.setTickLabelPaint(INK);
    diff.setAxisLinePaint(INK);
    CategoryPlot plot = new CategoryPlot(data, classes, diff, r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(INK);
    plot.setOutlineStroke(new BasicStroke(hair));
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(new BasicStroke(hair));
    plot.setRangeZeroBaselineVisible(true);
    plot.setRangeZeroBaselinePaint(INK);
    plot.setRangeZeroBaselineStroke(new BasicStroke(hair * 2));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    JFreeChart chart = new JFreeChart(null, label, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(2, 2, 2, 6));
    if (title != null && !title.isBlank()) {
      TextTitle t = new TextTitle(title, FigureFonts.font(style, true, style.fontSizePt() + 1));
      t.setPaint(INK);
      chart.setTitle(t);
    }
    LegendItemCollection items = new LegendItemCollection();
    Rectangle2D box = new Rectangle2D.Double(-3, -3, 6, 6);
    items.add(new LegendItem(lmm + " better", null, null, null, box, LMM_BETTER, new BasicStroke(hair), LMM_BETTER.darker()));
    items.add(new LegendItem("CLIP better", null, null, null, box, CLIP_BETTER, new BasicStroke(hair), CLIP_BETTER.darker()));
    if (rows.stream().anyMatch(LmmComparison.ClassRow::hard)) items.add(new LegendItem(String.format(Locale.ROOT, "* hard: CLIP accuracy < %.0f%%", 100 * hardThreshold), null, null, null, box,
        Color.WHITE, new BasicStroke(hair * 3), INK));
    LegendTitle legend = new LegendTitle(() -> items);
    legend.setItemFont(small);
    legend.setItemPaint(INK);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setFrame(BlockBorder.NONE);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return chart;
  }

  /** The category key of a class: its name, with " *" when it is hard. */
  static String key(LmmComparison.ClassRow r) {
    return r.hard() ? r.className() + " *" : r.className();
  }

  static String tooltip(LmmComparison.ClassRow c, String lmm) {
    LmmComparison.Tally t = c.tally();
    return String.format(Locale.ROOT, "%s: %s %.1f%% vs CLIP %.1f%% (n = %d; %d true, %d false, %d both, %d neither)%s", c.className(), lmm,
        100 * t.lmmAccuracy(), 100 * t.clipAccuracy(), t.n(), t.nTrue(), t.nFalse(), t.nBoth(), t.nNeither(), c.hard() ? ", hard class" : "");
  }

  /** The index into {@code rows} of the clicked bar. */
  public static Optional<Integer> classAt(ChartEntity e, List<LmmComparison.ClassRow> rows) {
    if (e instanceof CategoryItemEntity c) {
      Comparable<?> k = c.getColumnKey();
      for (int i = 0; i < rows.size(); i++) if (key(rows.get(i)).equals(k)) return Optional.of(i);
    }
    return Optional.empty();
  }
}
