package io.clipwb.app.view.shapebias;

import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import io.clipwb.core.eval.shapebias.ShapeBias;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.FlowArrangement;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The shape-bias plot of Geirhos et al. (ICLR 2019, Fig. 4) as model-vs-human draws it, as a plain
 * JFreeChart (no JavaFX): the 16 categories top to bottom, the fraction of shape decisions per
 * category ({@code shape / (shape + texture)}, the core's per-category shape bias) on the bottom
 * axis from 0 ('Texture') to 1 ('Shape'), the fraction of texture decisions on the top axis in the
 * other direction, one marker series per model and a vertical line at each model's overall shape
 * bias in its colour. Humans, when imported, are red diamonds. Models are coloured by a factor's
 * value when one is chosen (marker shapes then tell the models apart), else each its own colour.
 * Categories where a model made neither shape nor texture decisions (NaN) get no marker.
 */
public final class ShapeBiasChart {
  private static final DecimalFormat TWO = new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));

  private ShapeBiasChart() {}

  /** What a click on a marker hit: the series (index into {@code data.series()}) and the category. */
  public record PointRef(int series, String category) {}

  /** The dataset: series i = data.series().get(i); each item remembers its category. */
  static final class Points extends XYSeriesCollection {
    private static final long serialVersionUID = 1L;
    final transient List<List<String>> categories = new ArrayList<>();
  }

  /** Colour of each series: humans red; by factor value (in order of appearance) or by model. */
  static List<Color> colours(ShapeBiasData.Data data) {
    boolean byFactor = data.factor() != null && !data.factor().equals(ShapeBiasData.NO_FACTOR);
    Map<String, Integer> values = new LinkedHashMap<>();
    List<Color> out = new ArrayList<>();
    int model = 0;
    for (ShapeBiasData.Series s : data.series()) {
      if (s.human()) {
        out.add(ChartKit.HUMAN);
        continue;
      }
      int k = byFactor ? values.computeIfAbsent(s.factor(), v -> values.size()) : model;
      out.add(ChartKit.colour(k));
      model++;
    }
    return out;
  }

  /** The plot of {@code data}; {@code title} null or blank for none. */
  public static JFreeChart create(String title, ShapeBiasData.Data data, FigureStyle style) {
    float h = ChartKit.hairline(style);
    List<String> cats = data.categories();
    int n = cats.size();
    Points points = new Points();
    List<Color> colours = colours(data);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    double size = style.fontSizePt() * 0.75;
    LegendItemCollection legend = new LegendItemCollection();
    boolean byFactor = data.factor() != null && !data.factor().equals(ShapeBiasData.NO_FACTOR);
    int model = 0;
    List<ValueMarker> means = new ArrayList<>();
    for (int i = 0; i < data.series().size(); i++) {
      ShapeBiasData.Series s = data.series().get(i);
      XYSeries xy = new XYSeries(i + ":" + s.name(), false, true);
      List<String> itemCats = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        ShapeBias.Stats st = s.result().perCategory().get(cats.get(c));
        if (st == null || Double.isNaN(st.shapeBias())) continue;
        xy.add(st.shapeBias(), n - 1 - c);
        itemCats.add(cats.get(c));
      }
      points.addSeries(xy);
      points.categories.add(itemCats);
      Color col = colours.get(i);
      Shape shape = s.human() ? ChartKit.marker(3, size * 1.35) : ChartKit.marker(model++, size);
      r.setSeriesShape(i, shape);
      r.setSeriesPaint(i, ChartKit.alpha(col, 0xD8));
      r.setSeriesOutlinePaint(i, col.darker());
      r.setSeriesOutlineStroke(i, new BasicStroke(h));
      r.setUseOutlinePaint(true);
      r.setDrawOutlines(true);
      double overall = s.result().shapeBias();
      String label = s.name() + (s.human() ? " (" + ShapeBiasData.subjects(s.result()) + " subjects)" : "")
          + ": " + (Double.isNaN(overall) ? "n/a" : TWO.format(overall))
          + (byFactor && !s.human() ? "   " + shortValue(s.factor()) : "");
      legend.add(new LegendItem(label, null, null, null, shape, ChartKit.alpha(col, 0xD8), new BasicStroke(h), col.darker()));
      if (!Double.isNaN(overall)) {
        ValueMarker m = new ValueMarker(overall, ChartKit.alpha(col, 0xB0), new BasicStroke(h * (s.human() ? 3 : 2)));
        means.add(m);
      }
    }
    r.setDefaultToolTipGenerator((d, si, item) -> tooltip(data, points, si, item));

    NumberAxis shape = new NumberAxis("Fraction of 'shape' decisions");
    // a little room beyond 0 and 1 so markers there are not cut; symmetric, so the inverted top axis still reads 1 - x
    shape.setRange(-0.03, 1.03);
    shape.setTickUnit(new NumberTickUnit(0.2, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    NumberAxis texture = new NumberAxis("Fraction of 'texture' decisions");
    texture.setRange(-0.03, 1.03);
    texture.setInverted(true);
    texture.setTickUnit(new NumberTickUnit(0.2, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    String[] symbols = new String[n];
    for (int c = 0; c < n; c++) symbols[n - 1 - c] = cats.get(c);
    SymbolAxis y = new SymbolAxis(null, symbols) {
      private static final long serialVersionUID = 1L;

      @Override
      @SuppressWarnings({"rawtypes", "unchecked"})
      public java.util.List refreshTicks(java.awt.Graphics2D g2, org.jfree.chart.axis.AxisState state,
          java.awt.geom.Rectangle2D dataArea, org.jfree.chart.ui.RectangleEdge edge) {
        // no tick (nor grid line) for the end-label row above the categories
        java.util.List ticks = new ArrayList<>(super.refreshTicks(g2, state, dataArea, edge));
        ticks.removeIf(t -> ((org.jfree.chart.axis.ValueTick) t).getValue() > n - 1 + 1e-9
            || ((org.jfree.chart.axis.ValueTick) t).getValue() < -1e-9);
        return ticks;
      }
    };
    y.setGridBandsVisible(false);
    // one extra row on top for the 'Texture' / 'Shape' end labels
    y.setRange(-0.7, n - 0.3 + 0.9);
    XYPlot plot = new XYPlot(points, shape, y, r);
    plot.setDomainAxis(1, texture);
    plot.setDomainAxisLocation(0, AxisLocation.BOTTOM_OR_LEFT);
    plot.setDomainAxisLocation(1, AxisLocation.TOP_OR_RIGHT);
    ChartKit.plot(plot, style);
    plot.setDomainGridlinesVisible(true);
    plot.setRangeGridlinesVisible(true);
    for (ValueMarker m : means) plot.addDomainMarker(m, org.jfree.chart.ui.Layer.BACKGROUND);
    Font bold = io.clipwb.app.export.FigureFonts.font(style, true, style.fontSizePt());
    double top = n - 0.3 + 0.45;
    XYTextAnnotation tex = new XYTextAnnotation("\u2190 Texture", 0.0, top);
    tex.setTextAnchor(TextAnchor.CENTER_LEFT);
    tex.setFont(bold);
    tex.setPaint(Color.GRAY.darker());
    XYTextAnnotation shp = new XYTextAnnotation("Shape \u2192", 1.0, top);
    shp.setTextAnchor(TextAnchor.CENTER_RIGHT);
    shp.setFont(bold);
    shp.setPaint(Color.GRAY.darker());
    plot.addAnnotation(tex);
    plot.addAnnotation(shp);

    JFreeChart chart = ChartKit.chart(title, plot, false, style);
    // items flow into rows (two or three per line at paper widths) so the 16 category rows keep their height
    FlowArrangement flow = new FlowArrangement(HorizontalAlignment.LEFT, VerticalAlignment.CENTER, style.fontSizePt(), 0);
    LegendTitle lt = new LegendTitle(() -> legend, flow, flow);
    ChartKit.legendBelow(lt, style);
    chart.addSubtitle(lt);
    return chart;
  }

  /** The extra height (mm) the legend under the plot needs for {@code series} lines. */
  public static double legendMm(int series, FigureStyle style) {
    return (series + 1) * Math.max(4, style.fontSizePt() - 1) * 1.35 / 72 * 25.4;
  }

  /** The marker behind a chart entity, if it is one of this chart's markers. */
  public static Optional<PointRef> pointAt(ChartEntity entity) {
    if (entity instanceof XYItemEntity e && e.getDataset() instanceof Points p) {
      int s = e.getSeriesIndex();
      int i = e.getItem();
      if (s >= 0 && s < p.categories.size() && i >= 0 && i < p.categories.get(s).size()) {
        return Optional.of(new PointRef(s, p.categories.get(s).get(i)));
      }
    }
    return Optional.empty();
  }

  /** A factor value short enough for the legend line (long card texts are cut at 28 characters). */
  static String shortValue(String v) {
    if (v == null || v.isEmpty()) return "\u2013";
    return v.length() <= 28 ? v : v.substring(0, 27).strip() + "\u2026";
  }

  private static String tooltip(ShapeBiasData.Data data, Points p, int s, int item) {
    ShapeBiasData.Series se = data.series().get(s);
    String cat = p.categories.get(s).get(item);
    ShapeBias.Stats st = se.result().perCategory().get(cat);
    return String.format(Locale.ROOT, "%s, %s: shape bias %.3f (%d shape, %d texture of %d trials)", se.name(), cat, st.shapeBias(),
        st.nShape(), st.nTexture(), st.nTrials());
  }
}
