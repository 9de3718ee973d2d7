package io.clipwb.app.view.corruption;

import io.clipwb.core.eval.corruption.CorruptionEval;
import io.clipwb.core.eval.corruption.CorruptionRun;
import io.clipwb.core.project.MetricTable;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the corruption view and figures read from a project report: the corrupted sets, each
 * model's {@link CorruptionEval.Result} on them (as the report computed it, or recomputed from the
 * run folder with imported baseline errors so CE is normalised as in Hendrycks &amp; Dietterich), and
 * the factors to colour models by (the model card's six and the free-form ones of
 * {@code project.json}, as the metric table holds them). No JavaFX here: the figures use it headless.
 */
public final class CorruptionData {
  /** Colour key meaning "every model its own colour". */
  public static final String BY_MODEL = "model";

  private CorruptionData() {}

  /** The corrupted sets any model of the report has results for, in first-seen order. */
  public static List<String> sets(ProjectReport r) {
    Set<String> out = new LinkedHashSet<>();
    for (ProjectReport.ModelReport m : r.models()) out.addAll(m.corruption().keySet());
    return List.copyOf(out);
  }

  /** The factors models can be coloured by: "model", then the project's factors, then the card's. */
  public static List<String> factors(ProjectReport r) {
    Set<String> out = new LinkedHashSet<>();
    out.add(BY_MODEL);
    for (MetricTable.ModelFactors f : r.metrics().factors()) {
      out.addAll(f.project().keySet());
      out.addAll(f.cardFactors().keySet());
    }
    return List.copyOf(out);
  }

  /** A model's value of a factor ("" when it has none). */
  public static String factorValue(ProjectReport r, String model, String factor) {
    if (factor == null || BY_MODEL.equals(factor)) return model;
    for (MetricTable.ModelFactors f : r.metrics().factors()) {
      if (!f.model().equals(model)) continue;
      String v = f.project().get(factor);
      if (v == null) v = f.cardFactors().get(factor);
      return v == null ? "" : v;
    }
    return "";
  }

  /**
   * Each model's result on {@code set}, in report order, for the models listed (all when null).
   *
   * @param baseline imported baseline errors, or null for the report's own (unnormalised) results
   * @param runs the project run output (the run folders are re-read only when a baseline is given)
   */
  public static Map<String, CorruptionEval.Result> results(ProjectReport r, String set, List<String> models,
      CorruptionEval.Baseline baseline, Path runs) {
    Map<String, CorruptionEval.Result> out = new LinkedHashMap<>();
    for (ProjectReport.ModelReport m : r.models()) {
      if (models != null && !models.contains(m.model())) continue;
      CorruptionEval.Result res = m.corruption().get(set);
      if (res == null) continue;
      if (baseline != null) {
        CorruptionRun run = CorruptionRun.read(ProjectRun.runDir(runs, m.model(), set));
        CorruptionEval.Params p = new CorruptionEval.Params(baseline.errors(), baseline.cleanError(), m.id().accuracy(), null,
            m.calibration().params().bins());
        res = CorruptionEval.compute(run.items(), run.correct(), run.confidence(), p);
      }
      out.put(m.model(), res);
    }
    return out;
  }

  /** The curves of the given results, coloured by {@code factor}; {@code keys} receives the distinct values in order. */
  public static List<CorruptionCharts.Curve> curves(ProjectReport r, Map<String, CorruptionEval.Result> results, String factor,
      List<String> keys) {
    List<CorruptionCharts.Curve> out = new ArrayList<>();
    results.forEach((model, res) -> {
      String v = factorValue(r, model, factor);
      String key = BY_MODEL.equals(factor) || factor == null ? v : factor + " = " + v;
      if (!keys.contains(key)) keys.add(key);
      out.add(new CorruptionCharts.Curve(model, key, res));
    });
    return out;
  }

  /** The corruptions of a result, in cell order. */
  public static List<String> corruptions(CorruptionEval.Result r) {
    return r.corruptions().stream().map(CorruptionEval.CorruptionSummary::corruption).toList();
  }
}
