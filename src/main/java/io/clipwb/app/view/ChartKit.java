package io.clipwb.app.view;

import io.clipwb.app.export.FigureFonts;
import io.clipwb.app.export.FigureStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The house style of the cross-model charts (scatter, effective robustness, visual factors,
 * distribution shift): the Okabe–Ito colour-blind-safe palette, one marker shape per group so a
 * grey-scale print still separates them, the figure style's fonts on every text, white plots with
 * light grid lines. One place, so the views and {@code clipwb figures} look alike. JFreeChart only
 * (no JavaFX): it runs headless.
 */
public final class ChartKit {
  /** Okabe & Ito (2008), black last. */
  public static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000)
  };
  public static final Color GRID = new Color(0xD9D9D9);
  public static final Color INK = new Color(0x262626);

  private ChartKit() {}

  /** The colour of group {@code i}. */
  public static Paint colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** The marker of group {@code i}: circle, square, triangle, diamond, inverted triangle, cross, repeating. */
  public static Shape marker(int i, double size) {
    double s = size;
    double h = s / 2;
    return switch (Math.floorMod(i, 6)) {
      case 0 -> new Ellipse2D.Double(-h, -h, s, s);
      case 1 -> new Rectangle2D.Double(-h * 0.9, -h * 0.9, s * 0.9, s * 0.9);
      case 2 -> polygon(new double[] {0, h, -h}, new double[] {-h, h * 0.8, h * 0.8});
      case 3 -> polygon(new double[] {0, h, 0, -h}, new double[] {-h, 0, h, 0});
      case 4 -> polygon(new double[] {0, h, -h}, new double[] {h, -h * 0.8, -h * 0.8});
      default -> polygon(new double[] {-h, -h / 3, -h / 3, h / 3, h / 3, h, h, h / 3, h / 3, -h / 3, -h / 3, -h},
          new double[] {-h / 3, -h / 3, -h, -h, -h / 3, -h / 3, h / 3, h / 3, h, h, h / 3, h / 3});
    };
  }

  private static Shape polygon(double[] x, double[] y) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(x[0], y[0]);
    for (int i = 1; i < x.length; i++) p.lineTo(x[i], y[i]);
    p.closePath();
    return p;
  }

  /** A marker size in Java2D units that reads well at the figure's font size. */
  public static double markerSize(FigureStyle style) {
    return Math.max(5, style.fontSizePt() * 0.9);
  }

  /** A number axis with the style's fonts, not forced to include zero. */
  public static NumberAxis numberAxis(String label, FigureStyle style) {
    NumberAxis a = new NumberAxis(label);
    a.setAutoRangeIncludesZero(false);
    axisFonts(a, style);
    return a;
  }

  /** Label and tick fonts of any axis. */
  public static void axisFonts(Axis a, FigureStyle style) {
    a.setLabelFont(FigureFonts.font(style, false, style.fontSizePt()));
    a.setTickLabelFont(FigureFonts.font(style, false, Math.max(4, style.fontSizePt() - 1)));
    a.setLabelPaint(INK);
    a.setTickLabelPaint(INK);
    a.setAxisLinePaint(INK);
    a.setTickMarkPaint(INK);
  }

  /** A thin line width for the style. */
  public static float hairline(FigureStyle style) {
    return (float) Math.max(0.4, style.fontSizePt() / 16);
  }

  /** A dashed stroke. */
  public static BasicStroke dashed(FigureStyle style) {
    float w = hairline(style);
    return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4 * w, 3 * w}, 0f);
  }

  /**
   * A chart around {@code plot} in the house style: title (null/blank: none), the legend under the
   * plot (or none), white backgrounds, light grid lines.
   */
  public static JFreeChart chart(String title, Plot plot, boolean legend, FigureStyle style) {
    JFreeChart c = new JFreeChart(null, FigureFonts.font(style, true, style.fontSizePt() + 1), plot, legend);
    if (title != null && !title.isBlank()) {
      TextTitle t = new TextTitle(title, FigureFonts.font(style, true, style.fontSizePt() + 1));
      t.setPaint(INK);
      c.setTitle(t);
    }
    c.setBackgroundPaint(Color.WHITE);
    c.setPadding(new RectangleInsets(4, 4, 4, 8));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(INK);
    if (plot instanceof XYPlot p) {
      p.setDomainGridlinePaint(GRID);
      p.setRangeGridlinePaint(GRID);
      p.setDomainGridlineStroke(new BasicStroke(hairline(style)));
      p.setRangeGridlineStroke(new BasicStroke(hairline(style)));
    } else if (plot instanceof CategoryPlot p) {
      p.setRangeGridlinePaint(GRID);
      p.setRangeGridlineStroke(new BasicStroke(hairline(style)));
    }
    LegendTitle l = c.getLegend();
    if (l != null) {
      Font f = FigureFonts.font(style, false, Math.max(4, style.fontSizePt() - 1));
      l.setItemFont(f);
      l.setItemPaint(INK);
      l.setFrame(BlockBorder.NONE);
      l.setPosition(RectangleEdge.BOTTOM);
      l.setBackgroundPaint(Color.WHITE);
    }
    return c;
  }

  /**
   * The style of a chart on screen: the figure style's font at no less than 12 pt, because a chart
   * viewer fills a window hundreds of pixels wide where a print figure's 8 pt would be unreadable.
   * Exports redraw with the figure style itself.
   */
  public static FigureStyle screen(FigureStyle style) {
    return new FigureStyle(style.widthMm(), style.heightMm(), style.dpi(), style.fontFamily(), Math.max(12, style.fontSizePt()));
  }

  /** A style whose height grows by {@code lines} legend lines (so a long legend does not squeeze the plot). */
  public static FigureStyle taller(FigureStyle style, int lines) {
    double extraMm = lines * Math.max(4, style.fontSizePt() - 1) * 1.35 / 72 * 25.4;
    return new FigureStyle(style.widthMm(), Math.min(2000, style.heightMm() + extraMm), style.dpi(), style.fontFamily(),
        style.fontSizePt());
  }
}
