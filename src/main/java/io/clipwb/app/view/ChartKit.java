package io.clipwb.app.view;

import io.clipwb.app.export.FigureFonts;
import io.clipwb.app.export.FigureStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
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
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one house style of every workbench chart (reliability, cue conflict, OOD, scatter, effective
 * robustness, visual factors, distribution shift, retrieval): white plots with light grid lines,
 * thin dark axes with outside ticks, the Okabe–Ito colour-blind-safe palette with vermillion kept
 * for highlights (humans, a gap, a loss), one marker shape per group so a grey-scale print still
 * separates them, sizes derived from the figure style's font size. One place, so figures of
 * different views sit side by side in a paper and the views match {@code clipwb figures}.
 * Plain JFreeChart/AWT (no JavaFX): it runs headless.
 */
public final class ChartKit {
  /** Text and axis colour. */
  public static final Color INK = new Color(0x262626);
  /** Grid-line colour. */
  public static final Color GRID = new Color(0xD9D9D9);
  /** Okabe–Ito vermillion: kept out of the series palette for highlights (humans, gaps, losses). */
  public static final Color VERMILLION = new Color(0xD55E00);
  /** The humans' colour in model-vs-human plots. */
  public static final Color HUMAN = VERMILLION;
  /** Okabe & Ito (2008) without vermillion ({@link #VERMILLION}). */
  private static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)
  };

  private ChartKit() {}

  /** The colour of series / group {@code i} (cycling through the palette). */
  public static Color colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** A lighter tint of {@code c} ({@code f} = 0 unchanged, 1 white). */
  public static Color tint(Color c, double f) {
    return new Color((int) (c.getRed() + (255 - c.getRed()) * f), (int) (c.getGreen() + (255 - c.getGreen()) * f),
        (int) (c.getBlue() + (255 - c.getBlue()) * f));
  }

  /** {@code c} with alpha {@code a} (0..255). */
  public static Color alpha(Color c, int a) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
  }

  /**
   * The style of a chart on screen: the figure style's font at no less than 12 pt, because a chart
   * viewer draws at about one pixel per point in a window hundreds of pixels wide, where a print
   * figure's 8 pt would be unreadable. Exports redraw with the figure style itself.
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

  /** The hairline width for this style (points). */
  public static float hairline(FigureStyle style) {
    return (float) Math.max(0.3, style.fontSizePt() / 20);
  }

  /** A dashed hairline stroke. */
  public static BasicStroke dashed(FigureStyle style) {
    float w = hairline(style);
    return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4 * w, 3 * w}, 0f);
  }

  /** The label font. */
  public static Font label(FigureStyle style) {
    return FigureFonts.font(style, false, style.fontSizePt());
  }

  /** The tick and legend font (one point smaller). */
  public static Font small(FigureStyle style) {
    return FigureFonts.font(style, false, Math.max(4, style.fontSizePt() - 1));
  }

  /** The title font (bold, one point larger). */
  public static Font title(FigureStyle style) {
    return FigureFonts.font(style, true, style.fontSizePt() + 1);
  }

  /** A marker size in Java2D units that reads well at the figure's font size. */
  public static double markerSize(FigureStyle style) {
    return Math.max(5, style.fontSizePt() * 0.9);
  }

  /**
   * Marker shape {@code i} (circle, square, triangle, diamond, down-triangle, cross, repeating) of
   * size {@code s}; the diamond is drawn a little taller so it looks as large as the circle.
   */
  public static Shape marker(int i, double s) {
    double r = s / 2;
    return switch (Math.floorMod(i, 6)) {
      case 0 -> new Ellipse2D.Double(-r, -r, s, s);
      case 1 -> new Rectangle2D.Double(-r * 0.9, -r * 0.9, s * 0.9, s * 0.9);
      case 2 -> polygon(new double[] {0, r, -r}, new double[] {-r, r * 0.8, r * 0.8});
      case 3 -> polygon(new double[] {0, r, 0, -r}, new double[] {-r * 1.2, 0, r * 1.2, 0});
      case 4 -> polygon(new double[] {0, r, -r}, new double[] {r, -r * 0.8, -r * 0.8});
      default -> polygon(new double[] {-r, -r / 3, -r / 3, r / 3, r / 3, r, r, r / 3, r / 3, -r / 3, -r / 3, -r},
          new double[] {-r / 3, -r / 3, -r, -r, -r / 3, -r / 3, r / 3, r / 3, r, r, r / 3, r / 3});
    };
  }

  private static Shape polygon(double[] x, double[] y) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(x[0], y[0]);
    for (int i = 1; i < x.length; i++) p.lineTo(x[i], y[i]);
    p.closePath();
    return p;
  }

  /** A number axis in the house style, not forced to include zero. */
  public static NumberAxis numberAxis(String label, FigureStyle style) {
    NumberAxis a = new NumberAxis(label);
    a.setAutoRangeIncludesZero(false);
    axis(a, style);
    return a;
  }

  /** Styles any axis (number or category): thin dark line, outside ticks, the style's fonts. */
  public static void axis(Axis a, FigureStyle style) {
    float h = hairline(style);
    a.setLabelFont(label(style));
    a.setTickLabelFont(small(style));
    a.setAxisLineStroke(new BasicStroke(h));
    a.setAxisLinePaint(INK);
    a.setTickMarkStroke(new BasicStroke(h));
    a.setTickMarkPaint(INK);
    a.setTickMarkInsideLength(0);
    a.setTickMarkOutsideLength(2.5f);
    a.setLabelPaint(INK);
    a.setTickLabelPaint(INK);
    a.setLabelInsets(new RectangleInsets(1, 1, 1, 1));
    a.setTickLabelInsets(new RectangleInsets(1, 1, 1, 1));
  }

  /** Styles a plot and all its axes: white, thin outline, light grid, axes flush with the plot. */
  public static void plot(Plot p, FigureStyle style) {
    surface(p, style);
    if (p instanceof XYPlot xy) {
      xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
      for (int i = 0; i < xy.getDomainAxisCount(); i++) if (xy.getDomainAxis(i) != null) axis(xy.getDomainAxis(i), style);
      for (int i = 0; i < xy.getRangeAxisCount(); i++) if (xy.getRangeAxis(i) != null) axis(xy.getRangeAxis(i), style);
    } else if (p instanceof CategoryPlot c) {
      c.setAxisOffset(RectangleInsets.ZERO_INSETS);
      for (int i = 0; i < c.getDomainAxisCount(); i++) if (c.getDomainAxis(i) != null) axis(c.getDomainAxis(i), style);
      for (int i = 0; i < c.getRangeAxisCount(); i++) if (c.getRangeAxis(i) != null) axis(c.getRangeAxis(i), style);
    }
  }

  /** White background, thin outline and light grid lines, leaving the axes alone. */
  private static void surface(Plot p, FigureStyle style) {
    float h = hairline(style);
    p.setBackgroundPaint(Color.WHITE);
    p.setOutlinePaint(INK);
    p.setOutlineStroke(new BasicStroke(h));
    if (p instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(GRID);
      xy.setRangeGridlinePaint(GRID);
      xy.setDomainGridlineStroke(new BasicStroke(h));
      xy.setRangeGridlineStroke(new BasicStroke(h));
    } else if (p instanceof CategoryPlot c) {
      c.setRangeGridlinePaint(GRID);
      c.setRangeGridlineStroke(new BasicStroke(h));
    }
  }

  /**
   * A chart around {@code plot} in the house style: title (null/blank: none), the plot's surface
   * (white, outline, grid; {@link #plot} styles the axes too), the legend under the plot
   * ({@link #legendBelow}) or none, padding with room on the right for the last tick label.
   */
  public static JFreeChart chart(String title, Plot plot, boolean legend, FigureStyle style) {
    surface(plot, style);
    JFreeChart chart = new JFreeChart(null, title(style), plot, legend);
    if (title != null && !title.isBlank()) {
      TextTitle t = new TextTitle(title, title(style));
      t.setPaint(INK);
      t.setPadding(new RectangleInsets(0, 0, style.fontSizePt() * 0.4, 0));
      chart.setTitle(t);
    }
    chart.setBackgroundPaint(Color.WHITE);
    chart.setBorderVisible(false);
    double pad = style.fontSizePt() * 0.4;
    chart.setPadding(new RectangleInsets(pad, pad, pad, style.fontSizePt() * 1.2));
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    if (chart.getLegend() != null) legendBelow(chart.getLegend(), style);
    return chart;
  }

  /** Styles a legend placed under the chart (no frame, left-aligned, small font). */
  public static void legendBelow(LegendTitle legend, FigureStyle style) {
    legend.setItemFont(small(style));
    legend.setItemPaint(INK);
    legend.setBackgroundPaint(Color.WHITE);
    legend.setFrame(BlockBorder.NONE);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
    legend.setPadding(new RectangleInsets(style.fontSizePt() * 0.3, 0, 0, 0));
    legend.setItemLabelPadding(new RectangleInsets(0.3, 2, 0.3, 1));
    legend.setLegendItemGraphicPadding(new RectangleInsets(0.3, 1, 0.3, 1));
  }
}
