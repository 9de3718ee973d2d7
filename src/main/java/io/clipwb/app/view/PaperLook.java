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
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The paper look shared by the cue-conflict and OOD charts (white background, thin dark axes,
 * light grid, the Okabe–Ito colour-blind-safe palette, sizes derived from the figure style's font
 * size), so that figures of different views sit side by side in a paper without looking foreign.
 * Plain JFreeChart/AWT: usable headless by {@code clipwb figures}.
 */
public final class PaperLook {
  /** Text and axis colour. */
  public static final Color INK = new Color(0x262626);
  /** Grid-line colour. */
  public static final Color GRID = new Color(0xE0E0E0);
  /** Okabe & Ito (2008), vermillion last (kept for humans / highlights). */
  private static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442), new Color(0xD55E00)
  };
  /** The humans' colour in model-vs-human plots (red). */
  public static final Color HUMAN = new Color(0xD55E00);

  private PaperLook() {}

  /** Colour {@code i} of the palette (cycling; the last, vermillion, is skipped so humans keep it). */
  public static Color colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length - 1)];
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
   * The style for charts shown on screen: the figure style with a font of at least 12 pt, since a
   * chart viewer draws at about one pixel per point and fills more pixels than the figure has
   * millimetres; exports redraw with the figure style itself.
   */
  public static FigureStyle screen(FigureStyle s) {
    return new FigureStyle(s.widthMm(), s.heightMm(), s.dpi(), s.fontFamily(), Math.max(12, s.fontSizePt()));
  }

  /** The hairline width for this style (points). */
  public static float hairline(FigureStyle style) {
    return (float) Math.max(0.3, style.fontSizePt() / 20);
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

  /** Styles an axis: thin dark line, outside ticks, the style's fonts. */
  public static void axis(ValueAxis a, FigureStyle style) {
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

  /** Styles a plot: white, thin outline, light grid. */
  public static void plot(XYPlot p, FigureStyle style) {
    float h = hairline(style);
    p.setBackgroundPaint(Color.WHITE);
    p.setOutlinePaint(INK);
    p.setOutlineStroke(new BasicStroke(h));
    p.setAxisOffset(RectangleInsets.ZERO_INSETS);
    p.setDomainGridlinePaint(GRID);
    p.setRangeGridlinePaint(GRID);
    p.setDomainGridlineStroke(new BasicStroke(h));
    p.setRangeGridlineStroke(new BasicStroke(h));
    for (int i = 0; i < p.getDomainAxisCount(); i++) if (p.getDomainAxis(i) != null) axis(p.getDomainAxis(i), style);
    for (int i = 0; i < p.getRangeAxisCount(); i++) if (p.getRangeAxis(i) != null) axis(p.getRangeAxis(i), style);
  }

  /** A chart around {@code plot} with the paper look; {@code title} null or blank for none. */
  public static JFreeChart chart(String title, XYPlot plot, FigureStyle style) {
    JFreeChart chart = new JFreeChart(null, title(style), plot, false);
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

  /** Marker shape {@code i} (circle, square, triangle, diamond, down-triangle, cross), of size {@code s} points. */
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
}
