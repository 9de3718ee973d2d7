package io.clipwb.core.project;

import static io.clipwb.core.eval.ResultFiles.csv;
import static io.clipwb.core.eval.ResultFiles.num;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.eval.calibration.CalibrationFiles;
import io.clipwb.core.eval.calibration.CalibrationResult;
import io.clipwb.core.eval.corruption.CorruptionEval;
import io.clipwb.core.eval.ood.OodFiles;
import io.clipwb.core.eval.ood.OodMetrics;
import io.clipwb.core.eval.ood.OodResult;
import io.clipwb.core.eval.retrieval.Retrieval;
import io.clipwb.core.eval.retrieval.RetrievalFiles;
import io.clipwb.core.eval.shapebias.CueConflictRun;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.eval.shift.EffectiveRobustness;
import io.clipwb.core.eval.shift.ShiftAccuracy;
import io.clipwb.core.eval.shift.ShiftFiles;
import io.clipwb.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ProjectReport} (docs/projects.md): the cross-model files from its
 * {@link MetricTable} and long tables, and each model's evaluation files. Kept apart from the
 * report so that computing never writes and each output file has one small method.
 */
final class ProjectReportFiles {
  private ProjectReportFiles() {}

  /** Project parameters and other records as snake_case JSON. */
  static final ObjectMapper SNAKE = Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  static void write(ProjectReport r, Path out) {
    for (ProjectReport.ModelReport m : r.models()) writeModel(r, m, out.resolve("models").resolve(ResultFiles.safe(m.model())));
    MetricTable table = r.metrics();
    ResultFiles.text(out, "summary.csv", summaryCsv(table));
    ResultFiles.text(out, "accuracy.csv", accuracyCsv(r));
    ResultFiles.text(out, "ood.csv", oodCsv(r));
    Map<String, CalibrationResult> cal = new LinkedHashMap<>();
    r.models().forEach(m -> cal.put(m.model(), m.calibration()));
    ResultFiles.text(out, "calibration.csv", CalibrationResult.tableCsv(cal));
    ResultFiles.text(out, "effective_robustness.csv", ShiftFiles.erCsv(r.effectiveRobustness()));
    ResultFiles.json(out, "summary.json", summaryJson(r, table));
    if (r.models().stream().anyMatch(m -> !m.retrieval().isEmpty())) ResultFiles.text(out, "retrieval.csv", retrievalCsv(r));
  }

  /** {@code retrieval.csv}: one row per model, caption set and direction (only written when a caption set was scored). */
  private static String retrievalCsv(ProjectReport r) {
    StringBuilder b = new StringBuilder("model,set,direction,num_queries,r1,r5,r10,median_rank,mean_rank,tied_queries\n");
    for (ProjectReport.ModelReport m : r.models()) {
      for (ProjectRetrieval.Eval e : m.retrieval().values()) {
        for (Retrieval.Direction d : List.of(e.result().imageToText(), e.result().textToImage())) {
          b.append(String.join(",", csv(m.model()), csv(e.set()), d.direction(), Integer.toString(d.ranks().length),
              num(d.recallAt(1)), num(d.recallAt(5)), num(d.recallAt(10)), num(d.medianRank()), num(d.meanRank()),
              Integer.toString(d.tiedQueries()))).append('\n');
        }
      }
    }
    return b.toString();
  }

  /** One model's evaluation files under {@code models/<model>/}. */
  private static void writeModel(ProjectReport r, ProjectReport.ModelReport m, Path md) {
    CalibrationFiles.write(m.calibration(), md.resolve("calibration"));
    if (!m.ood().isEmpty()) OodFiles.write(m.ood(), md.resolve("ood"));
    ShiftFiles.write(m.id(), m.shifts(), List.of(), md.resolve("shift"));
    m.shapeBias().forEach((set, res) -> {
      Path sd = md.resolve("shape_bias").resolve(ResultFiles.safe(set));
      ResultFiles.json(sd, "shape_bias.json", res);
      CueConflictRun.writeStatsCsv(sd.resolve("shape_bias_per_category.csv"), res);
    });
    m.retrieval().forEach((set, e) -> RetrievalFiles.write(md.resolve("retrieval").resolve(ResultFiles.safe(set)), e.captions(),
        e.result(), e.runDir().resolve(ProjectRetrieval.IMAGE_EMB), e.runDir().resolve(ProjectRetrieval.TEXT_EMB)));
    m.corruption().forEach((set, res) -> CorruptionEval.write(md.resolve("corruption").resolve(ResultFiles.safe(set)),
        ProjectReport.corruptionParams(r.params(), m.id()), res));
  }

  /** {@code summary.csv}: model, project factors, card factors, then every metric column. */
  static String summaryCsv(MetricTable t) {
    List<String> factorKeys = new ArrayList<>();
    for (MetricTable.ModelFactors f : t.factors()) for (String k : f.project().keySet()) if (!factorKeys.contains(k)) factorKeys.add(k);
    List<String> cardKeys = List.copyOf(new MetricTable.ModelFactors("", null, Map.of()).cardFactors().keySet());
    List<String> header = new ArrayList<>(List.of("model"));
    factorKeys.forEach(f -> header.add("factor_" + f));
    cardKeys.forEach(f -> header.add("card_" + f));
    t.metrics().forEach(m -> header.add(m.column()));
    StringBuilder sb = new StringBuilder(String.join(",", header.stream().map(ResultFiles::csv).toList())).append('\n');
    for (int i = 0; i < t.models().size(); i++) {
      MetricTable.ModelFactors f = t.factors().get(i);
      List<String> row = new ArrayList<>(List.of(csv(t.models().get(i))));
      factorKeys.forEach(k -> row.add(csv(f.project().getOrDefault(k, ""))));
      Map<String, String> card = f.cardFactors();
      cardKeys.forEach(k -> row.add(csv(card.get(k))));
      for (double v : t.values()[i]) row.add(num(v));
      sb.append(String.join(",", row)).append('\n');
    }
    return sb.toString();
  }

  /** {@code accuracy.csv}: one row per model and classification set. */
  private static String accuracyCsv(ProjectReport r) {
    StringBuilder acc = new StringBuilder("model,set,role,class_subset,classes_used,n,unlabelled,correct,accuracy\n");
    for (ProjectReport.ModelReport m : r.models()) {
      for (ShiftAccuracy.Result s : accuracies(m)) {
        acc.append(String.join(",", csv(m.model()), csv(s.set()), csv(r.roles().getOrDefault(s.set(), "")),
            csv(s.classSubset()), Integer.toString(s.classesUsed()), Integer.toString(s.n()), Integer.toString(s.unlabelled()),
            Integer.toString(s.nCorrect()), num(s.accuracy()))).append('\n');
      }
    }
    return acc.toString();
  }

  /** {@code ood.csv}: one row per model, OOD set and score. */
  private static String oodCsv(ProjectReport r) {
    StringBuilder ood = new StringBuilder("model," + OodFiles.CSV_HEADER + "\n");
    for (ProjectReport.ModelReport m : r.models()) for (OodResult o : m.ood()) ood.append(OodFiles.csvRows(o, csv(m.model()) + ","));
    return ood.toString();
  }

  private static List<ShiftAccuracy.Result> accuracies(ProjectReport.ModelReport m) {
    List<ShiftAccuracy.Result> all = new ArrayList<>();
    all.add(m.id());
    all.addAll(m.shifts());
    return all;
  }

  /** {@code summary.json}: the report's parameters, one object per model, the fits, notes and missing pairs. */
  private static Map<String, Object> summaryJson(ProjectReport r, MetricTable t) {
    List<Map<String, Object>> models = new ArrayList<>();
    for (int i = 0; i < r.models().size(); i++) models.add(modelJson(r, r.models().get(i), t.factors().get(i)));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("format", "clipwb-project-report");
    summary.put("version", r.version());
    summary.put("project", r.project());
    summary.put("params", SNAKE.valueToTree(r.params()));
    summary.put("roles", r.roles());
    summary.put("models", models);
    summary.put("effective_robustness_fits", r.effectiveRobustness().stream().map(e -> Map.of(
        "id_setting", e.idSetting(), "shift_setting", e.shiftSetting(), "logit_fit", e.logitFit(), "probit_fit",
        e.probitFit(), "excluded", e.excluded())).toList());
    summary.put("notes", r.notes());
    summary.put("missing", r.missing());
    return summary;
  }

  private static Map<String, Object> modelJson(ProjectReport r, ProjectReport.ModelReport m, MetricTable.ModelFactors f) {
    Map<String, Object> jr = new LinkedHashMap<>();
    jr.put("model", m.model());
    jr.put("factors", m.factors());
    jr.put("card", f.card());
    Map<String, Object> accJ = new LinkedHashMap<>();
    accuracies(m).forEach(s -> accJ.put(s.set(), s.accuracy()));
    jr.put("accuracy", accJ);
    jr.put("temperature", m.calibration().temperature().temperature());
    Map<String, Object> calJ = new LinkedHashMap<>();
    for (CalibrationResult.SetRow s : m.calibration().table()) {
      calJ.put(s.set(), Map.of("ece", s.eceBefore(), "ece_after_t", s.eceAfter(), "nll", s.nllBefore(), "nll_after_t",
          s.nllAfter(), "role", s.role()));
    }
    jr.put("calibration", calJ);
    jr.put("ood", oodJson(m));
    Map<String, Object> erJ = new LinkedHashMap<>();
    for (EffectiveRobustness.Result e : r.effectiveRobustness()) {
      e.models().stream().filter(x -> x.model().equals(m.model())).findFirst()
          .ifPresent(x -> erJ.put(e.shiftSetting(), Map.of("logit", x.erLogit(), "probit", x.erProbit())));
    }
    jr.put("effective_robustness", erJ);
    Map<String, Object> corrJ = corruptionJson(m);
    if (!corrJ.isEmpty()) jr.put("corruption", corrJ);
    Map<String, Object> sbJ = new LinkedHashMap<>();
    for (Map.Entry<String, ShapeBias.Result> e : m.shapeBias().entrySet()) {
      ShapeBias.Result v = e.getValue();
      sbJ.put(e.getKey(), Map.of("shape_bias", v.shapeBias(), "fraction_correct_shape", v.fractionCorrectShape(),
          "fraction_correct_texture", v.fractionCorrectTexture(), "n_trials", v.overall().nTrials()));
    }
    if (!sbJ.isEmpty()) jr.put("shape_bias", sbJ);
    Map<String, Object> rJ = new LinkedHashMap<>();
    m.retrieval().forEach((set, e) -> rJ.put(set, e.result().summary()));
    if (!rJ.isEmpty()) jr.put("retrieval", rJ);
    return jr;
  }

  private static Map<String, Object> oodJson(ProjectReport.ModelReport m) {
    Map<String, Object> oodJ = new LinkedHashMap<>();
    for (OodResult o : m.ood()) {
      Map<String, Object> per = new LinkedHashMap<>();
      for (OodResult.PerScore s : o.scores()) {
        OodMetrics.Metrics mm = s.metrics();
        per.put(s.score().key(), Map.of("auroc", mm.auroc(), "fpr95_openood", mm.fprOpenOod(),
            "fpr95_id_positive", mm.fprIdPositive(), "aupr_in", mm.auprIn(), "aupr_out", mm.auprOut()));
      }
      oodJ.put(o.oodSet(), per);
    }
    return oodJ;
  }

  /** Per corrupted set: the mean corruption error ({@code mean_ce}), per-corruption numbers and the accuracy grid. */
  private static Map<String, Object> corruptionJson(ProjectReport.ModelReport m) {
    Map<String, Object> corrJ = new LinkedHashMap<>();
    for (Map.Entry<String, CorruptionEval.Result> e : m.corruption().entrySet()) {
      Map<String, Object> perC = new LinkedHashMap<>();
      e.getValue().corruptions().forEach(c -> perC.put(c.corruption(), Map.of("mean_accuracy", c.meanAccuracy(),
          "ce", c.ce(), "retention", c.retention() == null ? Double.NaN : c.retention())));
      corrJ.put(e.getKey(), Map.of("mean_ce", e.getValue().mce(), "ce_kind", e.getValue().ceKind(), "corruptions", perC,
          "accuracy", CorruptionEval.accuracyTable(e.getValue())));
    }
    return corrJ;
  }
}
