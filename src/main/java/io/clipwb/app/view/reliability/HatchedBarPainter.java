package io.clipwb.app.view.reliability;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RectangularShape;
import java.io.Serializable;
import org.jfree.chart.renderer.xy.XYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Paints a bar with a translucent fill and diagonal hatching in its outline colour, like the gap
 * bars of Guo et al. 2017: hatching still reads as "gap" where it lies over an accuracy bar, where a
 * translucent fill alone mixes into a muddy third colour. Drawn as vector strokes clipped to the bar,
 * so SVG and PDF keep it as vectors (a {@code TexturePaint} would become an embedded raster).
 */
final class HatchedBarPainter implements XYBarPainter, Serializable {
  private static final long serialVersionUID = 1L;
  private final double spacing;
  private final float lineWidth;

  HatchedBarPainter(double spacing, float lineWidth) {
    this.spacing = spacing;
    this.lineWidth = lineWidth;
  }

  @Override
  public void paintBar(Graphics2D g2, XYBarRenderer renderer, int row, int column, RectangularShape bar, RectangleEdge base) {
    g2.setPaint(renderer.getItemPaint(row, column));
    g2.fill(bar);
    Rectangle2D b = bar.getBounds2D();
    double h = b.getHeight();
    if (h > 0) {
      g2.setPaint(renderer.getItemOutlinePaint(row, column));
      g2.setStroke(new BasicStroke(lineWidth));
      // 45° lines from the bottom edge up to the right, cut to the bar analytically: no clip region
      // (a clip per bar is a mask per bar on a JavaFX canvas, and a clip path per bar in SVG/PDF)
      for (double d = -h; d < b.getWidth(); d += spacing) {
        double xs = b.getMinX() + d;
        double t0 = Math.max(0, (b.getMinX() - xs) / h);
        double t1 = Math.min(1, (b.getMaxX() - xs) / h);
        if (t0 >= t1) continue;
        g2.draw(new Line2D.Double(xs + t0 * h, b.getMaxY() - t0 * h, xs + t1 * h, b.getMaxY() - t1 * h));
      }
    }
    if (renderer.isDrawBarOutline()) {
      g2.setStroke(renderer.getItemOutlineStroke(row, column));
      g2.draw(bar);
    }
  }

  @Override
  public void paintBarShadow(Graphics2D g2, XYBarRenderer renderer, int row, int column, RectangularShape bar,
      RectangleEdge base, boolean pegShadow) {
    // no shadows
  }
}
