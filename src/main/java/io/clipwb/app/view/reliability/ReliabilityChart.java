package io.clipwb.app.view.reliability;

import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.eval.calibration.CalibrationMetrics;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Builds the reliability diagram as a plain JFreeChart (no window, no JavaFX), so the GUI's view
 * and {@code clipwb figures} draw the same figure.
 */
public final class ReliabilityChart {
  private ReliabilityChart() {}

  /**
   * One series of a reliability diagram: a model on a set, before or after temperature scaling.
   *
   * @param model model name
   * @param set data set name
   * @param afterTemperature whether {@code metrics} are after temperature scaling
   * @param metrics the set's calibration metrics with their bins (equal-width or adaptive, see
   *     {@code adaptive})
   * @param adaptive draw the adaptive (equal-mass) bins instead of the equal-width ones
   */
  public record Series(String model, String set, boolean afterTemperature, CalibrationMetrics metrics, boolean adaptive) {}

  /**
   * The diagram of one or several series overlaid: accuracy bars per confidence bin with the gap
   * to the diagonal shaded, the diagonal, a confidence histogram (counts per bin) under it, ECE /
   * MCE / NLL in the legend. Each bar's entity carries (series index, bin index) so a click can
   * drill down into {@code metrics().reliability().get(bin).items()}.
   */
  public static JFreeChart create(String title, List<Series> series, FigureStyle style) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
