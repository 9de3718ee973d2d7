package io.clipwb.app.view.shapebias;

import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.eval.runio.RowProblem;
import io.clipwb.core.eval.shapebias.CueConflictRun;
import io.clipwb.core.eval.shapebias.MvhCsv;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.eval.shapebias.SixteenClassMapping;
import io.clipwb.core.eval.shapebias.Trial;
import io.clipwb.core.project.MetricTable;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape-bias series of the cue-conflict view, gathered from the core without computing any
 * number here: each model's {@link ShapeBias.Result} either from the project report (decision =
 * arg-max over the project's classes) or from {@link CueConflictRun} over the run folder with one
 * of model-vs-human's two 16-class decisions (direct-16, imagenet-1000-mean), plus the humans'
 * trials read with {@link MvhCsv} and run through the same {@link ShapeBias#compute}. Headless
 * (the view and {@code clipwb figures} share it).
 */
public final class ShapeBiasData {
  private ShapeBiasData() {}

  /** How a model's 16-class decision is taken. */
  public enum Mapping {
    /** The project report's: arg-max over the project's classes. */
    PROJECT("project classes (arg-max)"),
    /** model-vs-human direct-16: arg-max among the 16 category names (runs over those names). */
    DIRECT_16("direct-16 (16 category names)"),
    /** model-vs-human imagenet-1000-mean: mean probability over each category's ImageNet classes. */
    IMAGENET_1000_MEAN("imagenet-1000-mean (1000 \u2192 16)");

    private final String label;

    Mapping(String label) {
      this.label = label;
    }

    /** Parses "project", "direct-16", "imagenet-1000-mean" (or the enum name). */
    public static Mapping parse(String s) {
      for (Mapping m : values()) {
        if (m.name().equalsIgnoreCase(s.replace('-', '_')) || m.label.startsWith(s)) return m;
      }
      throw new IllegalArgumentException("unknown 16-class mapping '" + s + "' (project, direct-16, imagenet-1000-mean)");
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** The factor choice that colours nothing (every model its own colour). */
  public static final String NO_FACTOR = "(model)";

  /**
   * One series of the plot.
   *
   * @param name model name, or "Humans"
   * @param human whether the trials are human observers'
   * @param result the core's shape-bias result
   * @param runRows the run row of each of {@code result.trials()} (-1 for humans)
   * @param runDir the run folder the rows index into (null for humans)
   * @param factor the model's value of the colouring factor ("" for none / humans)
   */
  public record Series(String name, boolean human, ShapeBias.Result result, int[] runRows, Path runDir, String factor) {
    /** The run rows of the trials of one shape class (all its trials, any outcome). */
    public int[] rowsOf(String category) {
      List<ShapeBias.TrialOutcome> ts = result.trials();
      int[] out = new int[ts.size()];
      int n = 0;
      for (int i = 0; i < ts.size(); i++) if (ts.get(i).category().equals(category) && runRows[i] >= 0) out[n++] = runRows[i];
      return java.util.Arrays.copyOf(out, n);
    }
  }

  /** What the plot shows: the series, the categories (sorted), and why some model has none. */
  public record Data(String set, Mapping mapping, String factor, List<Series> series, List<String> categories, List<String> problems) {}

  /** The report's cue-conflict sets (in report order). */
  public static List<String> cueConflictSets(ProjectReport r) {
    Set<String> out = new LinkedHashSet<>();
    if (r != null) for (ProjectReport.ModelReport m : r.models()) out.addAll(m.shapeBias().keySet());
    return List.copyOf(out);
  }

  /** The factors models can be coloured by: the model card's six ({@code card_*}) and the project's own. */
  public static List<String> factorNames(ProjectReport r) {
    List<String> out = new ArrayList<>();
    out.add(NO_FACTOR);
    for (String k : new MetricTable.ModelFactors("", null, Map.of()).cardFactors().keySet()) out.add("card_" + k);
    Set<String> project = new TreeSet<>();
    if (r != null) for (ProjectReport.ModelReport m : r.models()) if (m.factors() != null) project.addAll(m.factors().keySet());
    out.addAll(project);
    return out;
  }

  /** A model's value of a factor from {@link #factorNames} ("" when it has none). */
  public static String factorValue(ProjectReport.ModelReport m, String factor) {
    if (factor == null || factor.equals(NO_FACTOR)) return "";
    if (factor.startsWith("card_")) {
      String v = new MetricTable.ModelFactors(m.model(), m.card(), m.factors() == null ? Map.of() : m.factors()).cardFactors()
          .get(factor.substring(5));
      if (v != null) return v;
    }
    String v = m.factors() == null ? null : m.factors().get(factor);
    return v == null ? "" : v;
  }

  /**
   * The series of the chosen models on {@code set}.
   *
   * @param outputs the project's output folder (run folders under {@code runs/})
   * @param humans the imported humans' result, or null
   */
  public static Data compute(ProjectReport r, Path outputs, String set, List<String> models, Mapping mapping, String factor,
      ShapeBias.Result humans, Cancellation cancel) {
    List<Series> series = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    SixteenClassMapping sixteen = null;
    for (ProjectReport.ModelReport m : r.models()) {
      if (!models.contains(m.model()) || !m.shapeBias().containsKey(set)) continue;
      cancel.check();
      Path runDir = ProjectRun.runDir(outputs, m.model(), set);
      String fv = factorValue(m, factor);
      if (mapping == Mapping.PROJECT) {
        ShapeBias.Result res = m.shapeBias().get(set);
        int[] rows = res.trials().stream().mapToInt(ShapeBias.TrialOutcome::runRow).toArray();
        series.add(new Series(m.model(), false, res, rows, runDir, fv));
        continue;
      }
      try {
        if (sixteen == null) sixteen = SixteenClassMapping.fromShared();
        CueConflictRun.Mode mode = mapping == Mapping.DIRECT_16 ? CueConflictRun.Mode.DIRECT_16 : CueConflictRun.Mode.IMAGENET_1000_MEAN;
        CueConflictRun.Result cr = CueConflictRun.compute(CachedRun.load(runDir), sixteen, new CueConflictRun.Params(mode, m.model()),
            Progress.NONE, cancel);
        if (cr.shapeBias() == null) {
          problems.add(m.model() + ": no cue-conflict stimuli among the run's images");
          continue;
        }
        // the trials are the cue-conflict decisions in order (CueConflictRun.trials)
        int[] rows = cr.decisions().stream().filter(d -> d.set().equals("cue-conflict")).mapToInt(CueConflictRun.Decision::row).toArray();
        series.add(new Series(m.model(), false, cr.shapeBias(), rows, runDir, fv));
      } catch (RuntimeException e) {
        if (e instanceof java.util.concurrent.CancellationException) throw e;
        problems.add(m.model() + ": " + e.getMessage());
      }
    }
    if (humans != null) {
      int[] none = new int[humans.trials().size()];
      java.util.Arrays.fill(none, -1);
      series.add(new Series("Humans", true, humans, none, null, ""));
    }
    Set<String> cats = new TreeSet<>();
    for (Series s : series) cats.addAll(s.result().perCategory().keySet());
    return new Data(set, mapping, factor, List.copyOf(series), List.copyOf(cats), List.copyOf(problems));
  }

  /**
   * Human observers' trials from model-vs-human per-trial CSVs, pooled over all subjects and files,
   * through the core's shape-bias recipe; bad rows are listed in {@code problems} (given, may be null).
   *
   * @throws IllegalArgumentException when no file has a usable trial
   */
  public static ShapeBias.Result humans(List<Path> csvs, List<String> problems, Cancellation cancel) {
    ImportResult<Trial> imp = MvhCsv.readAll(csvs);
    if (problems != null) for (RowProblem p : imp.problems()) problems.add(p.toString());
    if (imp.rows().isEmpty()) throw new IllegalArgumentException("no usable trials in " + csvs);
    Set<String> subjects = new TreeSet<>();
    imp.rows().forEach(t -> subjects.add(t.subj()));
    return ShapeBias.compute(imp.rows(), ShapeBias.Params.of("humans: " + subjects.size() + " subjects", "as given"), cancel);
  }

  /** The number of distinct subjects of a result's trials. */
  public static int subjects(ShapeBias.Result r) {
    Set<String> s = new TreeSet<>();
    r.trials().forEach(t -> s.add(t.subj()));
    return s.size();
  }
}
