package io.clipwb.core.project;

import io.clipwb.core.eval.calibration.CalibrationParams;
import io.clipwb.core.eval.ood.OodParams;
import java.util.List;

/**
 * Parameters of a project run (JSON-serialisable; recorded in {@code project-run.json}). The first
 * group selects what is embedded (changing it may need the model); the rest only changes the
 * report, which {@link ProjectReport#compute} recomputes from the run folders in moments.
 *
 * @param bundles names of the bundles to run; empty = all
 * @param datasets names of the data sets to run; empty = all classification sets (the
 *     in-distribution set is always included)
 * @param templates prompt set; null = the project's {@code prompts}, else each bundle card's
 * @param batch images per forward pass
 * @param decodeThreads decode/preprocess threads
 * @param calibration calibration parameters (bins, seeded temperature split)
 * @param ood OOD parameters (the logit scale is replaced by each bundle's own)
 * @param groupBy manifest columns to break calibration and accuracy down by (e.g. {@code background})
 */
public record ProjectParams(
    List<String> bundles, List<String> datasets, String templates, int batch, int decodeThreads,
    CalibrationParams calibration, OodParams ood, List<String> groupBy) {

  public ProjectParams {
    bundles = List.copyOf(bundles);
    datasets = List.copyOf(datasets);
    groupBy = List.copyOf(groupBy);
    if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
    if (decodeThreads < 1) throw new IllegalArgumentException("decodeThreads must be at least 1, got " + decodeThreads);
  }

  /** All bundles and sets, the prompts of the project, batch 32, default calibration and OOD parameters. */
  public static ProjectParams defaults() {
    return new ProjectParams(List.of(), List.of(), null, 32, Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
        CalibrationParams.defaults(), OodParams.defaults(), List.of());
  }

  public ProjectParams withSelection(List<String> b, List<String> d) {
    return new ProjectParams(b, d, templates, batch, decodeThreads, calibration, ood, groupBy);
  }

  public ProjectParams withTemplates(String t) {
    return new ProjectParams(bundles, datasets, t, batch, decodeThreads, calibration, ood, groupBy);
  }

  public ProjectParams withBatching(int b, int threads) {
    return new ProjectParams(bundles, datasets, templates, b, threads, calibration, ood, groupBy);
  }

  public ProjectParams withCalibration(CalibrationParams c) {
    return new ProjectParams(bundles, datasets, templates, batch, decodeThreads, c, ood, groupBy);
  }

  public ProjectParams withOod(OodParams o) {
    return new ProjectParams(bundles, datasets, templates, batch, decodeThreads, calibration, o, groupBy);
  }

  public ProjectParams withGroupBy(List<String> g) {
    return new ProjectParams(bundles, datasets, templates, batch, decodeThreads, calibration, ood, g);
  }
}
