package io.clipwb.cli;

import io.clipwb.core.eval.calibration.CalibrationParams;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The calibration options of {@code calibrate} and {@code project run/report}: one definition, so
 * names, defaults and help read the same everywhere.
 */
final class CalibrationOptions {
  @Option(names = "--bins", defaultValue = "15", description = "confidence bins (default ${DEFAULT-VALUE})")
  int bins;

  @Option(names = "--calib-fraction", defaultValue = "0.5",
      description = "share of the ID set used to fit the temperature, (0, 1]; 1 = fit and report on all rows (default ${DEFAULT-VALUE})")
  double calibFraction;

  @Option(names = "--seed", defaultValue = "0", description = "seed of the calibration split (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--group-by", paramLabel = "KEY[,KEY]", split = ",",
      description = "also report calibration per group of these manifest columns, e.g. corruption,severity")
  List<String> groupBy = new ArrayList<>();

  /** Calibration parameters with these bins and split. */
  CalibrationParams params() {
    return CalibrationParams.defaults().withBins(bins).withSplit(calibFraction, seed);
  }
}
