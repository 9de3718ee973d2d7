package io.clipwb.app.view.reliability;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
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
    Shape clip = g2.getClip();
    g2.clip(b);
    g2.setPaint(renderer.getItemOutlinePaint(row, column));
    g2.setStroke(new BasicStroke(lineWidth));
    for (double d = -b.getHeight(); d < b.getWidth(); d += spacing) {
      g2.draw(new Line2D.Double(b.getMinX() + d, b.getMaxY(), b.getMinX() + d + b.getHeight(), b.getMinY()));
    }
    g2.setClip(clip);
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
