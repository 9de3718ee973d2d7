package io.clipwb.cli;

import io.clipwb.core.eval.ood.OodScore;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The OOD-detection options of {@code ood} and {@code project run/report}: one definition, so
 * names, defaults and help read the same everywhere.
 */
final class OodOptions {
  @Option(names = "--scores", split = ",", paramLabel = "S", description = "OOD scores: msp,max_logit,energy,mcm (default: all)")
  List<String> scores = new ArrayList<>();

  @Option(names = "--tau", defaultValue = "1", description = "MCM temperature (default ${DEFAULT-VALUE})")
  double tau;

  @Option(names = "--tpr", defaultValue = "0.95", description = "TPR level of the FPR metrics (default ${DEFAULT-VALUE})")
  double tpr;

  /** The selected scores, all when none was named. */
  List<OodScore> selected() {
    return scores.isEmpty() ? List.of(OodScore.values()) : scores.stream().map(OodScore::parse).toList();
  }
}
