package io.clipwb.core.eval.calibration;

/**
 * Parameters of the calibration evaluation (JSON-serialisable; saved beside every result).
 *
 * @param bins number of confidence bins (15 in the seed paper)
 * @param calibFraction share of the ID set used to fit the temperature, (0, 1]
 * @param seed seed of the calibration split
 * @param tempLower lower end of the temperature search (0.5 in the reference)
 * @param tempUpper upper end (10)
 * @param tempEps bracket width at which the bisection stops (1e-4)
 * @param keepItems whether reliability bins list their items (drill-down)
 */
public record CalibrationParams(
    int bins, double calibFraction, long seed, double tempLower, double tempUpper, double tempEps, boolean keepItems) {

  public CalibrationParams {
    Binning.checkBins(bins);
    if (!(calibFraction > 0 && calibFraction <= 1)) {
      throw new IllegalArgumentException("calibFraction must be in (0, 1], got " + calibFraction);
    }
  }

  /** 15 bins, half of the ID set for calibration (seed 0), search [0.5, 10] to 1e-4, items kept. */
  public static CalibrationParams defaults() {
    return new CalibrationParams(15, 0.5, 0L, 0.5, 10.0, 1e-4, true);
  }

  public CalibrationParams withBins(int b) {
    return new CalibrationParams(b, calibFraction, seed, tempLower, tempUpper, tempEps, keepItems);
  }

  public CalibrationParams withSplit(double fraction, long s) {
    return new CalibrationParams(bins, fraction, s, tempLower, tempUpper, tempEps, keepItems);
  }

  public CalibrationParams withKeepItems(boolean k) {
    return new CalibrationParams(bins, calibFraction, seed, tempLower, tempUpper, tempEps, k);
  }
}
