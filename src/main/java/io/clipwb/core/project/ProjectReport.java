package io.clipwb.core.project;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.eval.calibration.Calibration;
import io.clipwb.core.eval.calibration.CalibrationResult;
import io.clipwb.core.eval.corruption.CorruptionEval;
import io.clipwb.core.eval.corruption.CorruptionRun;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.ood.Ood;
import io.clipwb.core.eval.ood.OodResult;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.eval.shapebias.Trial;
import io.clipwb.core.eval.shift.ClassSubset;
import io.clipwb.core.eval.shift.EffectiveRobustness;
import io.clipwb.core.eval.shift.ErBaseline;
import io.clipwb.core.eval.shift.ShiftAccuracy;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ModelCard;
import io.clipwb.core.runfolder.RunFolder;
import io.clipwb.core.runfolder.RunManifest;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import io.clipwb.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * {@code cue-conflict} sets, shape bias (model-vs-human's recipe); for {@code captions} sets with a
 * caption file, image–text Recall@K both ways from the retrieval run folder ({@link ProjectRetrieval}). Across models:
 * effective robustness per shifted set, the baseline being the project's own models (Taori et al.
 * 2020's logit-axis linear fit; the probit fit alongside).
 *
 * @param roles the role of every set in the report, by set name
 * @param notes evaluations that could not be computed and why (e.g. too few models for a fit)
 */
public record ProjectReport(
    int version, String project, ProjectParams params, Map<String, String> roles, List<ModelReport> models,
    List<EffectiveRobustness.Result> effectiveRobustness, List<String> notes, List<MissingPair> missing) {

  public static final int VERSION = 1;

  /**
   * One model's report. The full calibration and OOD results (with per-sample arrays for
   * drill-down) are kept in memory for {@link #write}; JSON gets the summaries.
   *
   * @param factors the free-form factors of the model's {@code project.json} entry
   * @param card the model card recorded in the in-distribution run (the six factors), or null
   * @param retrieval image–text retrieval per {@code captions} set ({@link ProjectRetrieval}), empty when none was run
   */
  public record ModelReport(
      String model, Map<String, String> factors, ModelCard card, ShiftAccuracy.Result id, List<ShiftAccuracy.Result> shifts,
      @JsonIgnore CalibrationResult calibration, List<OodResult> ood, Map<String, CorruptionEval.Result> corruption,
      @JsonIgnore Map<String, ShapeBias.Result> shapeBias, @JsonIgnore Map<String, ProjectRetrieval.Eval> retrieval) {
    /** A report without retrieval. */
    public ModelReport(String model, Map<String, String> factors, ModelCard card, ShiftAccuracy.Result id,
        List<ShiftAccuracy.Result> shifts, CalibrationResult calibration, List<OodResult> ood,
        Map<String, CorruptionEval.Result> corruption, Map<String, ShapeBias.Result> shapeBias) {
      this(model, factors, card, id, shifts, calibration, ood, corruption, shapeBias, Map.of());
    }

    /** The calibration summary (what JSON shows). */
    public CalibrationResult getCalibrationSummary() {
      return calibration.summary();
    }
  }

  /**
   * A (model, set) pair of the selection the report could not use: no complete run folder (the
   * project run was cancelled or failed before it), an unreadable one, or its model's
   * in-distribution run is missing.
   */
  public record MissingPair(String model, String set, String reason) {}

  /** The cross-model metric table (what {@code summary.csv} holds). */
  public MetricTable metrics() {
    return MetricTable.of(models, effectiveRobustness);
  }

  /** True when every selected (model, set) pair had a run folder. */
  public boolean complete() {
    return missing.isEmpty();
  }

  /**
   * Computes the report from the run folders under {@code out/runs/} that exist: a pair whose run
   * folder is missing (a cancelled or failed project run) is listed in {@link #missing} and left
   * out; a model without its in-distribution run is left out entirely.
   *
   * @throws IllegalArgumentException when no model has an in-distribution run, or a run folder is
   *     inconsistent with its model's in-distribution run
   */
  public static ProjectReport compute(Project p, ProjectParams params, Path out, Progress progress, Cancellation cancel) {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancel, "cancel");
    ProjectRun.Selection sel = ProjectRun.select(p, params);
    Project.DataSetEntry idEntry = p.idSet();
    List<ModelReport> models = new ArrayList<>();
    List<MissingPair> missing = new ArrayList<>();
    int k = 0;
    for (Project.BundleEntry b : sel.bundles()) {
      cancel.check();
      progress.update(k++, sel.bundles().size(), b.name());
      List<MissingPair> absent = new ArrayList<>();
      Map<String, RunFolder> runs = available(out, b.name(), sel.sets(), absent);
      if (!runs.containsKey(idEntry.name())) {
        for (Project.DataSetEntry d : sel.sets()) {
          missing.add(runs.containsKey(d.name()) ? new MissingPair(b.name(), d.name(), "the model's in-distribution run is missing")
              : absent.stream().filter(m -> m.set().equals(d.name())).findFirst().orElseThrow());
        }
        continue;
      }
      missing.addAll(absent);
      ModelReport mr = modelReport(b, idEntry, sel.sets(), runs, out, params, cancel);
      models.add(sel.captions().isEmpty() ? mr : withRetrieval(mr, retrieval(b.name(), sel.captions(), out, missing, cancel)));
    }
    if (models.isEmpty()) {
      MissingPair first = missing.stream().filter(m -> m.set().equals(idEntry.name())).findFirst().orElse(missing.get(0));
      throw new IllegalArgumentException("no model has a finished in-distribution run in " + out.resolve("runs") + " (" + first.reason()
          + "); the project has to be run before its report");
    }
    progress.update(k, sel.bundles().size(), "effective robustness");
    List<String> notes = new ArrayList<>();
    List<EffectiveRobustness.Result> ers = effectiveRobustness(sel.sets(), idEntry, models, notes);
    progress.update(sel.bundles().size(), sel.bundles().size(), "done");
    Map<String, String> roles = new LinkedHashMap<>();
    sel.sets().forEach(d -> roles.put(d.name(), d.role()));
    sel.captions().forEach(d -> roles.put(d.name(), d.role()));
    return new ProjectReport(VERSION, p.name(), params, roles, List.copyOf(models), List.copyOf(ers), List.copyOf(notes),
        List.copyOf(missing));
  }

  /** The complete run folders of a model, by set; the others are added to {@code missing}. */
  private static Map<String, RunFolder> available(Path out, String model, List<Project.DataSetEntry> sets, List<MissingPair> missing) {
    Map<String, RunFolder> runs = new LinkedHashMap<>();
    for (Project.DataSetEntry d : sets) {
      Path dir = ProjectRun.runDir(out, model, d.name());
      if (!Files.isRegularFile(dir.resolve("manifest.json")) || !Files.isRegularFile(dir.resolve("logits.npy"))) {
        missing.add(new MissingPair(model, d.name(), "no run of model \"" + model + "\" on \"" + d.name() + "\" in " + dir));
        continue;
      }
      try {
        runs.put(d.name(), RunFolder.read(dir));
      } catch (RuntimeException e) {
        missing.add(new MissingPair(model, d.name(), "unreadable run folder: " + e.getMessage()));
      }
    }
    return runs;
  }

  private static ModelReport modelReport(
      Project.BundleEntry b, Project.DataSetEntry idEntry, List<Project.DataSetEntry> sets, Map<String, RunFolder> runs, Path out,
      ProjectParams params, Cancellation c) {
    Map<String, RunArrays> arrays = new LinkedHashMap<>();
    runs.forEach((set, f) -> arrays.put(set, RunArrays.of(f)));
    return modelReport(b, idEntry, sets, arrays, card(runs.get(idEntry.name()), b), out, params, c);
  }

  /**
   * One model's report from its runs' arrays (read from the run folders, or re-scored in memory by
   * {@link PromptLab}): the same code for both, so a re-scored report differs only by the logits.
   */
  static ModelReport modelReport(
      Project.BundleEntry b, Project.DataSetEntry idEntry, List<Project.DataSetEntry> sets, Map<String, RunArrays> runs,
      ModelCard card, Path out, ProjectParams params, Cancellation c) {
    RunArrays id = runs.get(idEntry.name());
    int classes = id.logits()[0].length;
    ShiftAccuracy.Result idAcc = ShiftAccuracy.compute(idEntry.name(), id.logits(), id.labels(), subset(idEntry, classes));
    List<ShiftAccuracy.Result> shifts = new ArrayList<>();
    List<Calibration.Input> shifted = new ArrayList<>();
    List<OodResult> oods = new ArrayList<>();
    Map<String, CorruptionEval.Result> corr = new LinkedHashMap<>();
    Map<String, ShapeBias.Result> sb = new LinkedHashMap<>();
    double scale = Double.isNaN(id.logitScale()) ? params.ood().logitScale() : id.logitScale();
    for (Project.DataSetEntry d : sets) {
      if (d == idEntry || !runs.containsKey(d.name())) continue;
      c.check();
      RunArrays r = runs.get(d.name());
      if (r.logits()[0].length != classes) {
        throw new IllegalArgumentException(ProjectRun.runDir(out, b.name(), d.name()) + ": " + r.logits()[0].length
            + " classes but the in-distribution run has " + classes + "; the runs of this model are from different projects");
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
    return new ModelReport(b.name(), b.factors(), card, idAcc, List.copyOf(shifts), cal,
        List.copyOf(oods), corr, sb);
  }

  /** The retrieval of a model on every caption set with a finished retrieval run; the others are added to {@code missing}. */
  private static Map<String, ProjectRetrieval.Eval> retrieval(String model, List<Project.DataSetEntry> sets, Path out,
      List<MissingPair> missing, Cancellation c) {
    Map<String, ProjectRetrieval.Eval> res = new LinkedHashMap<>();
    for (Project.DataSetEntry d : sets) {
      c.check();
      Path dir = ProjectRun.runDir(out, model, d.name());
      if (!ProjectRetrieval.finished(dir)) {
        missing.add(new MissingPair(model, d.name(), "no retrieval run of model \"" + model + "\" on \"" + d.name() + "\" in " + dir));
        continue;
      }
      try {
        res.put(d.name(), ProjectRetrieval.evaluate(d, dir, c));
      } catch (RuntimeException e) {
        if (e instanceof java.util.concurrent.CancellationException) throw e;
        missing.add(new MissingPair(model, d.name(), "unreadable retrieval run folder: " + e.getMessage()));
      }
    }
    return res;
  }

  private static ModelReport withRetrieval(ModelReport m, Map<String, ProjectRetrieval.Eval> r) {
    return new ModelReport(m.model(), m.factors(), m.card(), m.id(), m.shifts(), m.calibration(), m.ood(), m.corruption(),
        m.shapeBias(), Map.copyOf(r).isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r)));
  }

  /** The model card recorded in the run, else the bundle's, else null. */
  private static ModelCard card(RunFolder idRun, Project.BundleEntry b) {
    RunManifest.BundleInfo bi = idRun.manifest().bundle();
    if (bi != null && bi.card() != null && bi.card().isObject()) {
      try {
        return Json.convert(bi.card(), ModelCard.class);
      } catch (RuntimeException e) {
        // fall back to the bundle
      }
    }
    try {
      return BundleLoader.load(b.path()).card();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Effective robustness per shifted set, the baseline being the project's models that have both
   * runs; a set with too few points for a fit gets a note instead.
   */
  private static List<EffectiveRobustness.Result> effectiveRobustness(
      List<Project.DataSetEntry> sets, Project.DataSetEntry idEntry, List<ModelReport> models, List<String> notes) {
    List<EffectiveRobustness.Result> ers = new ArrayList<>();
    for (Project.DataSetEntry d : sets) {
      if (!d.isShifted()) continue;
      List<String> names = new ArrayList<>();
      List<double[]> pts = new ArrayList<>();
      for (ModelReport m : models) {
        m.shifts().stream().filter(r -> r.set().equals(d.name())).findFirst().ifPresent(s -> {
          names.add(m.model());
          pts.add(new double[] {m.id().accuracy(), s.accuracy()});
        });
      }
      if (names.isEmpty()) continue;
      double[] x = pts.stream().mapToDouble(v -> v[0]).toArray();
      double[] y = pts.stream().mapToDouble(v -> v[1]).toArray();
      try {
        ers.add(new ErBaseline(idEntry.name(), d.name(), names, x, y).fit(List.of()));
      } catch (IllegalArgumentException e) {
        notes.add("effective robustness on " + d.name() + " not computed: " + e.getMessage());
      }
    }
    return ers;
  }

  /**
   * Shape bias on a cue-conflict set by model-vs-human's recipe ({@link ShapeBias}): the decision
   * is the arg-max over the project's classes, the shape class is the image's label and the texture
   * class comes from its file name ({@code <shape>N-<texture>M.ext}, model-vs-human's
   * {@code get_texture_category}). Each trial outcome keeps its run row.
   */
  static ShapeBias.Result shapeBias(String model, String set, RunArrays r, Cancellation c) {
    if (r.items() == null || r.classes().isEmpty()) {
      throw new IllegalArgumentException(set + ": shape bias needs the run's manifest.json (items and classes)");
    }
    List<Trial> trials = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < r.logits().length; i++) {
      if (r.labels()[i] < 0) continue;
      rows.add(i);
      String file = r.items().get(i).fileName();
      trials.add(Trial.ofDecision(model, i + 1, r.classes().get(CachedRun.argmax(r.logits()[i])), r.classes().get(r.labels()[i]), file));
    }
    return ShapeBias.compute(trials, rows.stream().mapToInt(Integer::intValue).toArray(),
        ShapeBias.Params.of(model, "direct-" + r.classes().size()), c);
  }

  /**
   * mCE parameters for a corrupted set: unnormalised CE (mean error over severities; no baseline
   * model's errors in a project), the in-distribution accuracy as the clean accuracy (so accuracy
   * drop and retention per corruption are reported), the report's bin count for ECE per cell.
   */
  static CorruptionEval.Params corruptionParams(ProjectParams params, ShiftAccuracy.Result id) {
    return new CorruptionEval.Params(null, null, id.accuracy(), null, params.calibration().bins());
  }

  /** The class subset of a set (null when it has none); {@link ProjectRun} loads it before any model work to validate it. */
  static ClassSubset subset(Project.DataSetEntry d, int classes) {
    if (d.classSubset() == null) return null;
    Path meta = SharedData.resolve("data/imagenet-metadata/imagenet_metadata.json").orElse(null);
    return ClassSubset.fromFile(d.classSubset(), meta, classes);
  }

  private static Map<String, int[]> groups(RunArrays r, ProjectParams params) {
    return params.groupBy().isEmpty() || r.items() == null ? Map.of() : r.groupsBy(params.groupBy());
  }

  /**
   * Writes the report: {@code summary.json} and {@code summary.csv} (the {@link #metrics()} table with
   * the models' factors), long tables across models {@code accuracy.csv}, {@code calibration.csv},
   * {@code ood.csv}, {@code effective_robustness.csv}; and per model
   * {@code models/<model>/{calibration,ood,shift,corruption,shape_bias}/} with each evaluation's own files
   * (per-sample arrays included). See {@link ProjectReportFiles}.
   */
  public void write(Path out) {
    ProjectReportFiles.write(this, out);
  }
}
