package io.clipwb.app.view.ood;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/** A round marker of a fixed size in points at a data point (the ROC's operating point of the threshold slider). */
final class PointAnnotation extends AbstractXYAnnotation {
  private static final long serialVersionUID = 1L;
  private final double x;
  private final double y;
  private final double radius;
  private final Color colour;
  private final float line;

  PointAnnotation(double x, double y, double radius, Color colour, float line) {
    this.x = x;
    this.y = y;
    this.radius = radius;
    this.colour = colour;
    this.line = line;
  }

  @Override
  public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis, int rendererIndex,
      PlotRenderingInfo info) {
    RectangleEdge xe = Plot2D.domainEdge(plot);
    RectangleEdge ye = Plot2D.rangeEdge(plot);
    double px = domainAxis.valueToJava2D(x, dataArea, xe);
    double py = rangeAxis.valueToJava2D(y, dataArea, ye);
    Ellipse2D c = new Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius);
    g2.setPaint(Color.WHITE);
    g2.fill(c);
    g2.setPaint(colour);
    g2.setStroke(new BasicStroke(line * 3));
    g2.draw(c);
  }

  /** Axis edges of a plot. */
  private static final class Plot2D {
    static RectangleEdge domainEdge(XYPlot p) {
      return org.jfree.chart.plot.Plot.resolveDomainAxisLocation(p.getDomainAxisLocation(), p.getOrientation());
    }

    static RectangleEdge rangeEdge(XYPlot p) {
      return org.jfree.chart.plot.Plot.resolveRangeAxisLocation(p.getRangeAxisLocation(), p.getOrientation());
    }
  }
}
