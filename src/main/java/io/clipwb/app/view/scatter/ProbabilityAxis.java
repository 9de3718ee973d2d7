package io.clipwb.app.view.scatter;

import io.clipwb.core.eval.shift.EffectiveRobustness;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A number axis over transformed accuracies (logit or probit, {@link EffectiveRobustness.Axis})
 * whose ticks sit at round accuracies and are labelled in percent, as Taori et al. 2020 and Miller
 * et al. 2021 draw their effective-robustness plots: the data are plotted as T(accuracy), the reader
 * reads accuracies.
 */
final class ProbabilityAxis extends NumberAxis {
  private static final double[] CANDIDATES = {
    0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999
  };
  private final EffectiveRobustness.Axis transform;

  ProbabilityAxis(String label, EffectiveRobustness.Axis transform) {
    super(label);
    this.transform = transform;
    setAutoRangeIncludesZero(false);
  }

  EffectiveRobustness.Axis transform() {
    return transform;
  }

  @Override
  public List<? extends Tick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
    List<Double> in = new ArrayList<>();
    double lo = getLowerBound();
    double hi = getUpperBound();
    for (double p : CANDIDATES) {
      double v = transform.forward(p);
      if (v >= lo && v <= hi) in.add(p);
    }
    // thin to at most 8 ticks, keeping 50 % when present
    int step = 1;
    while (in.size() / step > 8) step++;
    List<NumberTick> ticks = new ArrayList<>();
    boolean vertical = RectangleEdge.isLeftOrRight(edge);
    for (int i = 0; i < in.size(); i += step) {
      double p = in.get(i);
      String label = p * 100 >= 1 && p * 100 == Math.rint(p * 100) ? String.format(Locale.ROOT, "%.0f%%", p * 100)
          : String.format(Locale.ROOT, "%.1f%%", p * 100);
      TextAnchor anchor = vertical ? (edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT)
          : (edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
      ticks.add(new NumberTick(transform.forward(p), label, anchor, anchor, 0.0));
    }
    return ticks;
  }
}
