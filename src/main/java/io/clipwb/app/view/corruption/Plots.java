package io.clipwb.app.view.corruption;

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
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The look the corruption charts share with the workbench's other figures: white plot, hairline
 * axes in near-black ink, light grid, the Okabe–Ito colour-blind-safe palette, the figure font at
 * the export size. Kept in one place so the heatmap and the curves agree.
 */
final class Plots {
  /** Okabe & Ito (2008). */
  static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xD55E00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)
  };
  static final Color INK = new Color(0x262626);
  static final Color GRID = new Color(0xD9D9D9);

  private Plots() {}

  static Color colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  static float hairline(FigureStyle style) {
    return (float) Math.max(0.3, style.fontSizePt() / 20);
  }

  static Font font(FigureStyle style, int delta) {
    return FigureFonts.font(style, false, Math.max(4, style.fontSizePt() + delta));
  }

  static Font bold(FigureStyle style, int delta) {
    return FigureFonts.font(style, true, Math.max(4, style.fontSizePt() + delta));
  }

  static void axis(ValueAxis a, FigureStyle style) {
    float h = hairline(style);
    a.setLabelFont(font(style, 0));
    a.setTickLabelFont(font(style, -1));
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

  static void plot(XYPlot p, FigureStyle style, boolean grid) {
    float h = hairline(style);
    p.setBackgroundPaint(Color.WHITE);
    p.setOutlinePaint(INK);
    p.setOutlineStroke(new BasicStroke(h));
    p.setAxisOffset(RectangleInsets.ZERO_INSETS);
    p.setDomainGridlinesVisible(grid);
    p.setRangeGridlinesVisible(grid);
    p.setDomainGridlinePaint(GRID);
    p.setRangeGridlinePaint(GRID);
    p.setDomainGridlineStroke(new BasicStroke(h));
    p.setRangeGridlineStroke(new BasicStroke(h));
    axis(p.getDomainAxis(), style);
    axis(p.getRangeAxis(), style);
  }

  static JFreeChart chart(String title, XYPlot plot, FigureStyle style) {
    JFreeChart c = new JFreeChart(null, font(style, 1), plot, false);
    c.setBackgroundPaint(Color.WHITE);
    c.setPadding(new RectangleInsets(2, 2, 2, 4));
    if (title != null && !title.isBlank()) {
      TextTitle t = new TextTitle(title, bold(style, 1));
      t.setPaint(INK);
      c.setTitle(t);
    }
    return c;
  }

  /** Distinct marker shapes, so models sharing a colour (same factor value) stay apart. */
  static Shape marker(int i, double size) {
    double s = size, h = s / 2;
    return switch (Math.floorMod(i, 5)) {
      case 0 -> new Ellipse2D.Double(-h, -h, s, s);
      case 1 -> new Rectangle2D.Double(-h * 0.9, -h * 0.9, s * 0.9, s * 0.9);
      case 2 -> polygon(new double[] {0, -h, h, h, -h, h});
      case 3 -> polygon(new double[] {0, -h, h, 0, 0, h, -h, 0});
      default -> polygon(new double[] {0, h, h, -h, -h, -h});
    };
  }

  private static Shape polygon(double[] xy) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) p.lineTo(xy[i], xy[i + 1]);
    p.closePath();
    return p;
  }
}
