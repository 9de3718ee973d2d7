package io.clipwb.core.project;

import static io.clipwb.core.eval.ResultFiles.csv;
import static io.clipwb.core.eval.ResultFiles.num;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.eval.calibration.Calibration;
import io.clipwb.core.eval.calibration.CalibrationFiles;
import io.clipwb.core.eval.calibration.CalibrationResult;
import io.clipwb.core.eval.corruption.CorruptionEval;
import io.clipwb.core.eval.corruption.CorruptionRun;
import io.clipwb.core.eval.ood.Ood;
import io.clipwb.core.eval.ood.OodFiles;
import io.clipwb.core.eval.ood.OodMetrics;
import io.clipwb.core.eval.ood.OodResult;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.shapebias.CueConflictRun;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.eval.shapebias.Trial;
import io.clipwb.core.eval.shift.ClassSubset;
import io.clipwb.core.eval.shift.EffectiveRobustness;
import io.clipwb.core.eval.shift.ShiftAccuracy;
import io.clipwb.core.eval.shift.ShiftFiles;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import io.clipwb.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cross-model classification report of a project, computed purely from the run folders a
 * {@link ProjectRun} wrote ({@code runs/<model>/<set>/logits.npy, labels.npy, manifest.json}): no
 * model is loaded, so changing bins, the temperature split, OOD scores or the TPR level recomputes
 * it in moments ({@code clipwb project report}).
 *
 * <p>Per model: accuracy on the in-distribution set and on every shifted set (logits restricted to
 * the set's class subset when it has one); calibration before and after a temperature fitted on a
 * seeded split of the in-distribution set and applied to every shifted set; OOD detection of every
 * OOD set against the in-distribution set with the model's own logit scale; for {@code corruption}
 * sets also accuracy and ECE per corruption × severity and the unnormalised mCE of
 * {@link CorruptionEval} (the in-distribution accuracy serving as the clean one); for
 * {@code cue-conflict} sets, shape bias (model-vs-human's recipe). Across models:
 * effective robustness per shifted set, the baseline being the project's own models (Taori et al.
 * 2020's logit-axis linear fit; the probit fit alongside).
 *
 * @param roles the role of every set in the report, by set name
 * @param notes evaluations that could not be computed and why (e.g. too few models for a fit)
 */
public record ProjectReport(
    int version, String project, ProjectParams params, Map<String, String> roles, List<ModelReport> models,
    List<EffectiveRobustness.Result> effectiveRobustness, List<String> notes) {

  public static final int VERSION = 1;

  /**
   * One model's report. The full calibration and OOD results (with per-sample arrays for
   * drill-down) are kept in memory for {@link #write}; JSON gets the summaries.
   */
  public record ModelReport(
      String model, Map<String, String> factors, ShiftAccuracy.Result id, List<ShiftAccuracy.Result> shifts,
      @JsonIgnore CalibrationResult calibration, List<OodResult> ood, Map<String, CorruptionEval.Result> corruption,
      @JsonIgnore Map<String, ShapeBias.Result> shapeBias) {
    /** The calibration summary (what JSON shows). */
    public CalibrationResult getCalibrationSummary() {
      return calibration.summary();
    }
  }

  /**
   * Computes the report from {@code out/runs/}.
   *
   * @throws IllegalArgumentException naming a missing or inconsistent run folder
   */
  public static ProjectReport compute(Project p, ProjectParams params, Path out, Progress progress, Cancellation cancel) {
    Progress pr = progress == null ? Progress.NONE : progress;
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    ProjectRun.Selection sel = ProjectRun.select(p, params);
    Project.DataSetEntry idEntry = p.idSet();
    List<ModelReport> models = new ArrayList<>();
    int k = 0;
    for (Project.BundleEntry b : sel.bundles()) {
      c.check();
      pr.update(k++, sel.bundles().size(), b.name());
      RunArrays id = load(out, b.name(), idEntry);
      int classes = id.logits()[0].length;
      ShiftAccuracy.Result idAcc = ShiftAccuracy.compute(idEntry.name(), id.logits(), id.labels(), subset(idEntry, classes));
      List<ShiftAccuracy.Result> shifts = new ArrayList<>();
      List<Calibration.Input> shifted = new ArrayList<>();
      List<OodResult> oods = new ArrayList<>();
      Map<String, CorruptionEval.Result> corr = new LinkedHashMap<>();
      Map<String, ShapeBias.Result> sb = new LinkedHashMap<>();
      double scale = Double.isNaN(id.logitScale()) ? params.ood().logitScale() : id.logitScale();
      for (Project.DataSetEntry d : sel.sets()) {
        if (d == idEntry) continue;
        RunArrays r = load(out, b.name(), d);
        if (r.logits()[0].length != classes) {
          throw new IllegalArgumentException(ProjectRun.runDir(out, b.name(), d.name()) + ": " + r.logits()[0].length
              + " classes but the in-distribution run has " + classes + "; rerun the project");
        }
        if (d.isShifted()) {
          shifts.add(ShiftAccuracy.compute(d.name(), r.logits(), r.labels(), subset(d, classes)));
          Map<String, int[]> g = d.role().equals(Project.ROLE_CORRUPTION)
              ? r.groupsBy(List.of("corruption", "severity")) : groups(r, params);
          shifted.add(new Calibration.Input(d.name(), r.logits(), r.labels(), g));
          if (d.role().equals(Project.ROLE_CORRUPTION)) {
            CorruptionRun cr = CorruptionRun.of(r, ProjectRun.runDir(out, b.name(), d.name()));
            corr.put(d.name(), CorruptionEval.compute(cr.items(), cr.correct(), cr.confidence(), corruptionParams(params, idAcc)));
          }
        } else if (d.role().equals(Project.ROLE_CUE_CONFLICT)) {
          sb.put(d.name(), shapeBias(b.name(), d.name(), r, c));
        } else if (d.role().equals(Project.ROLE_OOD)) {
          oods.add(Ood.compute(idEntry.name(), id.logits(), id.labels(), d.name(), r.logits(), false,
              params.ood().withLogitScale(scale), Progress.NONE, c));
        }
      }
      CalibrationResult cal = Calibration.compute(
          new Calibration.Input(idEntry.name(), id.logits(), id.labels(), groups(id, params)), shifted,
          params.calibration(), Progress.NONE, c);
      models.add(new ModelReport(b.name(), b.factors(), idAcc, List.copyOf(shifts), cal, List.copyOf(oods), corr, sb));
    }
    pr.update(k, sel.bundles().size(), "effective robustness");
    List<EffectiveRobustness.Result> ers = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Project.DataSetEntry d : sel.sets()) {
      if (!d.isShifted()) continue;
      List<String> names = new ArrayList<>();
      double[] x = new double[models.size()];
      double[] y = new double[models.size()];
      List<EffectiveRobustness.ModelEr> targets = new ArrayList<>();
      for (int i = 0; i < models.size(); i++) {
        ModelReport m = models.get(i);
        ShiftAccuracy.Result s = m.shifts().stream().filter(r -> r.set().equals(d.name())).findFirst().orElseThrow();
        names.add(m.model());
        x[i] = m.id().accuracy();
        y[i] = s.accuracy();
        if (x[i] > 0 && x[i] < 1) targets.add(EffectiveRobustness.target(m.model(), x[i], y[i]));
      }
      try {
        ers.add(EffectiveRobustness.compute(idEntry.name(), d.name(), names, x, y, targets));
      } catch (IllegalArgumentException e) {
        notes.add("effective robustness on " + d.name() + " not computed: " + e.getMessage());
      }
    }
    pr.update(sel.bundles().size(), sel.bundles().size(), "done");
    Map<String, String> roles = new LinkedHashMap<>();
    sel.sets().forEach(d -> roles.put(d.name(), d.role()));
    return new ProjectReport(VERSION, p.name(), params, roles, List.copyOf(models), List.copyOf(ers), List.copyOf(notes));
  }

  /**
   * Shape bias on a cue-conflict set by model-vs-human's recipe ({@link ShapeBias}): the decision
   * is the arg-max over the project's classes, the shape class is the image's label and the texture
   * class comes from its file name ({@code <shape>N-<texture>M.ext}, model-vs-human's
   * {@code get_texture_category}).
   */
  static ShapeBias.Result shapeBias(String model, String set, RunArrays r, Cancellation c) {
    if (r.items() == null || r.classes().isEmpty()) {
      throw new IllegalArgumentException(set + ": shape bias needs the run's manifest.json (items and classes)");
    }
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < r.logits().length; i++) {
      if (r.labels()[i] < 0) continue;
      String file = r.items().get(i).fileName();
      trials.add(Trial.ofDecision(model, i + 1, r.classes().get(CachedRun.argmax(r.logits()[i])), r.classes().get(r.labels()[i]), file));
    }
    return ShapeBias.compute(trials, ShapeBias.Params.of(model, "direct-" + r.classes().size()), c);
  }

  /**
   * mCE parameters for a corrupted set: unnormalised CE (mean error over severities; no baseline
   * model's errors in a project), the in-distribution accuracy as the clean accuracy (so accuracy
   * drop and retention per corruption are reported), the report's bin count for ECE per cell.
   */
  static CorruptionEval.Params corruptionParams(ProjectParams params, ShiftAccuracy.Result id) {
    return new CorruptionEval.Params(null, null, id.accuracy(), null, params.calibration().bins());
  }

  private static RunArrays load(Path out, String model, Project.DataSetEntry d) {
    Path dir = ProjectRun.runDir(out, model, d.name());
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no run of model \"" + model + "\" on \"" + d.name() + "\" in " + dir
          + ": run `clipwb project run` first");
    }
    return RunArrays.load(dir);
  }

  private static ClassSubset subset(Project.DataSetEntry d, int classes) {
    if (d.classSubset() == null) return null;
    Path meta = SharedData.resolve("data/imagenet-metadata/imagenet_metadata.json").orElse(null);
    return ClassSubset.fromFile(d.classSubset(), meta, classes);
  }

  private static Map<String, int[]> groups(RunArrays r, ProjectParams params) {
    return params.groupBy().isEmpty() || r.items() == null ? Map.of() : r.groupsBy(params.groupBy());
  }

  /**
   * Writes the report: {@code summary.json} and {@code summary.csv} (one row per model: factors,
   * accuracies, T, ECE before/after per set, OOD AUROC and both FPR@95 per OOD set and score, ER
   * per shifted set); long tables across models {@code accuracy.csv}, {@code calibration.csv},
   * {@code ood.csv}, {@code effective_robustness.csv}; and per model
   * {@code models/<model>/{calibration,ood,shift}/} with each evaluation's own files (per-sample arrays included).
   */
  public void write(Path out) {
    List<String> header = new ArrayList<>(List.of("model"));
    List<String> factorKeys = new ArrayList<>();
    for (ModelReport m : models) for (String f : m.factors().keySet()) if (!factorKeys.contains(f)) factorKeys.add(f);
    factorKeys.forEach(f -> header.add("factor_" + f));
    List<List<String>> rows = new ArrayList<>();
    List<Map<String, Object>> jsonRows = new ArrayList<>();
    StringBuilder acc = new StringBuilder("model,set,role,class_subset,classes_used,n,unlabelled,correct,accuracy\n");
    StringBuilder ood = new StringBuilder("model," + OodFiles.CSV_HEADER + "\n");
    Map<String, CalibrationResult> cal = new LinkedHashMap<>();
    boolean first = true;
    for (ModelReport m : models) {
      Path md = out.resolve("models").resolve(ResultFiles.safe(m.model()));
      CalibrationFiles.write(m.calibration(), md.resolve("calibration"));
      if (!m.ood().isEmpty()) OodFiles.write(m.ood(), md.resolve("ood"));
      ShiftFiles.write(m.id(), m.shifts(), List.of(), md.resolve("shift"));
      m.shapeBias().forEach((set, res) -> {
        Path sd = md.resolve("shape_bias").resolve(ResultFiles.safe(set));
        ResultFiles.json(sd, "shape_bias.json", res);
        CueConflictRun.writeStatsCsv(sd.resolve("shape_bias_per_category.csv"), res);
      });
      m.corruption().forEach((set, res) -> CorruptionEval.write(md.resolve("corruption").resolve(ResultFiles.safe(set)),
          corruptionParams(params, m.id()), res));
      cal.put(m.model(), m.calibration());

      List<String> row = new ArrayList<>(List.of(csv(m.model())));
      Map<String, Object> jr = new LinkedHashMap<>();
      jr.put("model", m.model());
      jr.put("factors", m.factors());
      factorKeys.forEach(f -> row.add(csv(m.factors().getOrDefault(f, ""))));
      Map<String, Object> accJ = new LinkedHashMap<>();
      List<ShiftAccuracy.Result> all = new ArrayList<>();
      all.add(m.id());
      all.addAll(m.shifts());
      for (ShiftAccuracy.Result s : all) {
        if (first) header.add("acc_" + s.set());
        row.add(num(s.accuracy()));
        accJ.put(s.set(), s.accuracy());
        acc.append(String.join(",", csv(m.model()), csv(s.set()), csv(roles.getOrDefault(s.set(), "")),
            csv(s.classSubset()), Integer.toString(s.classesUsed()), Integer.toString(s.n()), Integer.toString(s.unlabelled()),
            Integer.toString(s.nCorrect()), num(s.accuracy()))).append('\n');
      }
      jr.put("accuracy", accJ);
      if (first) header.add("temperature");
      row.add(num(m.calibration().temperature().temperature()));
      jr.put("temperature", m.calibration().temperature().temperature());
      Map<String, Object> calJ = new LinkedHashMap<>();
      for (CalibrationResult.SetRow r : m.calibration().table()) {
        if (first) {
          header.add("ece_" + r.set());
          header.add("ece_after_t_" + r.set());
          header.add("nll_" + r.set());
          header.add("nll_after_t_" + r.set());
        }
        row.add(num(r.eceBefore()));
        row.add(num(r.eceAfter()));
        row.add(num(r.nllBefore()));
        row.add(num(r.nllAfter()));
        calJ.put(r.set(), Map.of("ece", r.eceBefore(), "ece_after_t", r.eceAfter(), "nll", r.nllBefore(), "nll_after_t",
            r.nllAfter(), "role", r.role()));
      }
      jr.put("calibration", calJ);
      Map<String, Object> oodJ = new LinkedHashMap<>();
      for (OodResult o : m.ood()) {
        ood.append(OodFiles.csvRows(o, csv(m.model()) + ","));
        Map<String, Object> per = new LinkedHashMap<>();
        for (OodResult.PerScore s : o.scores()) {
          OodMetrics.Metrics mm = s.metrics();
          String key = o.oodSet() + "_" + s.score().key();
          if (first) {
            header.add("auroc_" + key);
            header.add("fpr95_openood_" + key);
            header.add("fpr95_id_positive_" + key);
          }
          row.add(num(mm.auroc()));
          row.add(num(mm.fprOpenOod()));
          row.add(num(mm.fprIdPositive()));
          per.put(s.score().key(), Map.of("auroc", mm.auroc(), "fpr95_openood", mm.fprOpenOod(),
              "fpr95_id_positive", mm.fprIdPositive(), "aupr_in", mm.auprIn(), "aupr_out", mm.auprOut()));
        }
        oodJ.put(o.oodSet(), per);
      }
      jr.put("ood", oodJ);
      Map<String, Object> erJ = new LinkedHashMap<>();
      for (EffectiveRobustness.Result r : effectiveRobustness) {
        if (first) {
          header.add("er_logit_" + r.shiftSetting());
          header.add("er_probit_" + r.shiftSetting());
        }
        EffectiveRobustness.ModelEr e = r.models().stream().filter(x -> x.model().equals(m.model())).findFirst().orElse(null);
        row.add(e == null ? "" : num(e.erLogit()));
        row.add(e == null ? "" : num(e.erProbit()));
        if (e != null) erJ.put(r.shiftSetting(), Map.of("logit", e.erLogit(), "probit", e.erProbit()));
      }
      jr.put("effective_robustness", erJ);
      Map<String, Object> corrJ = new LinkedHashMap<>();
      for (Map.Entry<String, CorruptionEval.Result> e : m.corruption().entrySet()) {
        if (first) header.add("mce_" + e.getKey());
        row.add(num(e.getValue().mce()));
        Map<String, Object> perC = new LinkedHashMap<>();
        e.getValue().corruptions().forEach(c -> perC.put(c.corruption(), Map.of("mean_accuracy", c.meanAccuracy(),
            "ce", c.ce(), "retention", c.retention() == null ? Double.NaN : c.retention())));
        corrJ.put(e.getKey(), Map.of("mce", e.getValue().mce(), "ce_kind", e.getValue().ceKind(), "corruptions", perC,
            "accuracy", CorruptionEval.accuracyTable(e.getValue())));
      }
      if (!corrJ.isEmpty()) jr.put("corruption", corrJ);
      Map<String, Object> sbJ = new LinkedHashMap<>();
      for (Map.Entry<String, ShapeBias.Result> e : m.shapeBias().entrySet()) {
        if (first) {
          header.add("shape_bias_" + e.getKey());
          header.add("fraction_correct_shape_" + e.getKey());
          header.add("fraction_correct_texture_" + e.getKey());
        }
        ShapeBias.Result v = e.getValue();
        row.add(num(v.shapeBias()));
        row.add(num(v.fractionCorrectShape()));
        row.add(num(v.fractionCorrectTexture()));
        sbJ.put(e.getKey(), Map.of("shape_bias", v.shapeBias(), "fraction_correct_shape", v.fractionCorrectShape(),
            "fraction_correct_texture", v.fractionCorrectTexture(), "n_trials", v.overall().nTrials()));
      }
      if (!sbJ.isEmpty()) jr.put("shape_bias", sbJ);
      rows.add(row);
      jsonRows.add(jr);
      first = false;
    }
    StringBuilder sb = new StringBuilder(String.join(",", header.stream().map(ResultFiles::csv).toList())).append('\n');
    rows.forEach(r -> sb.append(String.join(",", r)).append('\n'));
    ResultFiles.text(out, "summary.csv", sb.toString());
    ResultFiles.text(out, "accuracy.csv", acc.toString());
    ResultFiles.text(out, "ood.csv", ood.toString());
    ResultFiles.text(out, "calibration.csv", CalibrationResult.tableCsv(cal));
    ResultFiles.text(out, "effective_robustness.csv", ShiftFiles.erCsv(effectiveRobustness));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("format", "clipwb-project-report");
    summary.put("version", version);
    summary.put("project", project);
    summary.put("params", params);
    summary.put("roles", roles);
    summary.put("models", jsonRows);
    summary.put("effective_robustness_fits", effectiveRobustness.stream().map(r -> Map.of(
        "id_setting", r.idSetting(), "shift_setting", r.shiftSetting(), "logit_fit", r.logitFit(), "probit_fit",
        r.probitFit(), "excluded", r.excluded())).toList());
    summary.put("notes", notes);
    ResultFiles.json(out, "summary.json", summary);
  }
}
