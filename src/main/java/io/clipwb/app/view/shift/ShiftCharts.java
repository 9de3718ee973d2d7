package io.clipwb.app.view.shift;

import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import java.awt.BasicStroke;
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
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The two charts of the distribution-shift view as plain JFreeCharts (no JavaFX): accuracy per set
 * (grouped bars, one colour per model, the in-distribution set first) and the per-class accuracy
 * drop between two sets (horizontal grouped bars, classes sorted by their mean drop over the models,
 * the largest first, at most {@link #MAX_CLASSES}). A bar's entity names its model (row key) and its
 * set or class (column key), which {@link #barAt} reads back for drill-down.
 */
public final class ShiftCharts {
  /** At most this many classes are drawn in the drop chart (the largest mean drops). */
  public static final int MAX_CLASSES = 30;

  private ShiftCharts() {}

  /** What a click on a bar hit: a model and a set (accuracy chart) or a class name (drop chart). */
  public record Bar(String model, String column) {}

  public static JFreeChart accuracy(String title, ShiftData.Accuracies a, FigureStyle style) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (int i = 0; i < a.models().size(); i++) {
      for (int j = 0; j < a.sets().size(); j++) {
        double v = a.accuracy()[i][j];
        ds.addValue(Double.isFinite(v) ? 100 * v : null, a.models().get(i), a.sets().get(j));
      }
    }
    CategoryAxis x = new CategoryAxis("Set");
    ChartKit.axis(x, style);
    x.setCategoryMargin(0.2);
    x.setMaximumCategoryLabelLines(2);
    if (a.sets().size() > 3) x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    NumberAxis y = ChartKit.numberAxis("Accuracy (%)", style);
    y.setRange(0, 100);
    CategoryPlot plot = new CategoryPlot(ds, x, y, renderer(a.models().size(), style));
    plot.getRenderer().setDefaultToolTipGenerator((d, row, col) -> String.format(Locale.ROOT, "%s on %s: %.2f %%",
        d.getRowKey(row), d.getColumnKey(col), d.getValue(row, col) == null ? Double.NaN : d.getValue(row, col).doubleValue()));
    return ChartKit.chart(title, plot, true, style);
  }

  /** The per-class drop of several models between the same two sets (percentage points). */
  public static JFreeChart classDrop(String title, List<ShiftData.ClassDrop> drops, FigureStyle style) {
    Map<String, double[]> mean = new LinkedHashMap<>(); // class -> {sum, n}
    for (ShiftData.ClassDrop d : drops) {
      for (ShiftData.ClassRow r : d.rows()) {
        double[] s = mean.computeIfAbsent(r.className(), k -> new double[2]);
        s[0] += r.drop();
        s[1]++;
      }
    }
    List<String> classes = new ArrayList<>(mean.keySet());
    classes.sort((p, q) -> Double.compare(mean.get(q)[0] / mean.get(q)[1], mean.get(p)[0] / mean.get(p)[1]));
    if (classes.size() > MAX_CLASSES) classes = classes.subList(0, MAX_CLASSES);
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (ShiftData.ClassDrop d : drops) {
      Map<String, Double> byClass = new LinkedHashMap<>();
      d.rows().forEach(r -> byClass.put(r.className(), r.drop()));
      for (String c : classes) {
        Double v = byClass.get(c);
        ds.addValue(v == null ? null : 100 * v, d.model(), c);
      }
    }
    CategoryAxis x = new CategoryAxis("Class");
    ChartKit.axis(x, style);
    x.setCategoryMargin(0.15);
    String a = drops.isEmpty() ? "A" : drops.get(0).setA();
    String b = drops.isEmpty() ? "B" : drops.get(0).setB();
    NumberAxis y = ChartKit.numberAxis("Accuracy drop " + a + " → " + b + " (pp)", style);
    CategoryPlot plot = new CategoryPlot(ds, x, y, renderer(drops.size(), style));
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
    ValueMarker zero = new ValueMarker(0, ChartKit.INK, new BasicStroke(ChartKit.hairline(style)));
    plot.addRangeMarker(zero);
    Map<String, Map<String, ShiftData.ClassRow>> rows = new LinkedHashMap<>();
    for (ShiftData.ClassDrop d : drops) {
      Map<String, ShiftData.ClassRow> m = new LinkedHashMap<>();
      d.rows().forEach(r -> m.put(r.className(), r));
      rows.put(d.model(), m);
    }
    plot.getRenderer().setDefaultToolTipGenerator((d, row, col) -> {
      ShiftData.ClassRow r = rows.getOrDefault((String) d.getRowKey(row), Map.of()).get((String) d.getColumnKey(col));
      return r == null ? null : String.format(Locale.ROOT, "%s, %s: %.1f %% on %s (%d images) → %.1f %% on %s (%d images)",
          d.getRowKey(row), r.className(), 100 * r.accA(), a, r.nA(), 100 * r.accB(), b, r.nB());
    });
    return ChartKit.chart(title, plot, drops.size() > 1, style);
  }

  private static BarRenderer renderer(int series, FigureStyle style) {
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    r.setItemMargin(series > 6 ? 0.02 : 0.08);
    for (int i = 0; i < series; i++) r.setSeriesPaint(i, ChartKit.colour(i));
    return r;
  }

  /** The bar under a chart entity, if any. */
  public static Optional<Bar> barAt(ChartEntity e) {
    if (!(e instanceof CategoryItemEntity ce)) return Optional.empty();
    return Optional.of(new Bar(String.valueOf(ce.getRowKey()), String.valueOf(ce.getColumnKey())));
  }
}
