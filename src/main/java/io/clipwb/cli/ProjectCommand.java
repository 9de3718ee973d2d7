package io.clipwb.cli;

import io.clipwb.core.eval.calibration.CalibrationParams;
import io.clipwb.core.eval.ood.OodParams;
import io.clipwb.core.eval.ood.OodScore;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectParams;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.djl.DjlClipModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clipwb project}: evaluate every model of a project on every set, and recompute its report. */
@Command(
    name = "project",
    mixinStandardHelpOptions = true,
    description = "Run a project (project.json): every model on every classification set, then one cross-model report.",
    subcommands = {ProjectCommand.Run.class, ProjectCommand.Report.class})
public final class ProjectCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** The report parameters both sub-commands take (the calibration and OOD options as in calibrate/ood). */
  static final class ReportOptions {
    @Option(names = "--bundles", split = ",", paramLabel = "NAME", description = "only these bundles (default: all)")
    List<String> bundles = new ArrayList<>();

    @Option(names = "--datasets", split = ",", paramLabel = "NAME",
        description = "only these sets (the in-distribution set is always included; default: all ID/shift/corruption/OOD/cue-conflict sets)")
    List<String> datasets = new ArrayList<>();

    @Mixin CalibrationOptions calibration = new CalibrationOptions();

    @Mixin OodOptions ood = new OodOptions();

    ProjectParams params() {
      OodParams o = OodParams.defaults().withScores(ood.selected()).withTau(ood.tau).withTprLevel(ood.tpr);
      CalibrationParams c = CalibrationParams.defaults().withBins(calibration.bins).withSplit(calibration.calibFraction, calibration.seed);
      return ProjectParams.defaults().withSelection(bundles, datasets).withCalibration(c).withOod(o).withGroupBy(calibration.groupBy);
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Zero-shot runs of every bundle on every in-distribution, shift, corruption, OOD and cue-conflict set (through the"
          + " embedding cache), then the report: accuracy under shift, calibration before/after temperature scaling, OOD"
          + " detection, corruption errors, shape bias, effective robustness across the project's models. Writes runs/<model>/<set>/,"
          + " models/<model>/, summary.json, summary.csv, accuracy.csv, calibration.csv, ood.csv,"
          + " effective_robustness.csv and project-run.json to --out. A second run takes every embedding from the cache.")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "project.json (or its folder)")
    Path project;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--templates", description = "prompt set for every model: imagenet-80, imagenet-7, single, or file.json[#key] (default: the project's)")
    String templates;

    @Mixin EmbeddingOptions embedding;

    @Mixin ReportOptions report;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Project loaded = Project.load(project);
      Project p = embedding.allowOutsideRoot ? loaded.withAllowOutsideRoot(true) : loaded;
      ProjectParams params = report.params().withTemplates(templates)
          .withBatching(embedding.batch, embedding.decodeThreads(ProjectParams.defaults().decodeThreads()));
      ProjectRun.Selection sel = ProjectRun.select(p, params);
      err.printf("clipwb project run: %s: %d models x %d sets%n", p.name(), sel.bundles().size(), sel.sets().size());
      Map<String, String> env = DjlClipModel.runEnvironment();
      ProjectRun.Summary s = CtrlC.run(err, cancel -> ProjectRun.execute(p, params, DjlClipModel::load, EvalCommand.cacheRoot(embedding.cache),
          env, out, new StderrProgress(err), cancel));
      err.printf(Locale.ROOT, "images: %d from cache, %d computed, %d failed; %.1f s%n", s.fromCache(), s.computed(),
          s.failed(), s.seconds());
      for (ProjectRun.PairRun r : s.runs()) {
        if (io.clipwb.core.run.ZeroShotRun.mostFailed(r.failed(), r.images() + r.failed())) {
          err.printf("WARNING: %s on %s: %d of %d images could not be embedded (see 'failed' in its manifest.json)%n", r.model(), r.set(),
              r.failed(), r.images() + r.failed());
        }
      }
      printTable(spec.commandLine().getOut(), s.report(), out);
      return 0;
    }
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "Recompute the report of a finished project run from its run folders (no model is loaded): use it"
          + " after changing bins, the temperature split, OOD scores or the TPR level.")
  static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "project.json (or its folder)")
    Path project;

    @Option(names = "--out", required = true, description = "the output folder of `clipwb project run`")
    Path out;

    @Mixin ReportOptions report;

    @Override
    public Integer call() {
      Project p = Project.load(project);
      long t0 = System.nanoTime();
      ProjectReport r = CtrlC.run(spec.commandLine().getErr(), cancel -> ProjectReport.compute(p, report.params(), out,
          new StderrProgress(spec.commandLine().getErr()), cancel));
      long t1 = System.nanoTime();
      r.write(out);
      spec.commandLine().getErr().printf(Locale.ROOT, "report recomputed from %s in %.2f s (compute %.2f s, write %.2f s)%n",
          out.resolve("runs"), (System.nanoTime() - t0) / 1e9, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
      printTable(spec.commandLine().getOut(), r, out);
      return 0;
    }
  }

  /** A short table for the terminal; the files hold everything. */
  static void printTable(PrintWriter w, ProjectReport r, Path out) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-24s %7s %9s %7s %7s %9s %9s %7s %10s%n", "model", "acc_id", "acc_shift", "T",
        "ECE_id", "ECE_shift", "AUROC_mcm", "mCE", "shape_bias"));
    for (ProjectReport.ModelReport m : r.models()) {
      double shift = m.shifts().stream().mapToDouble(s -> s.accuracy()).average().orElse(Double.NaN);
      var rows = m.calibration().table();
      double eceShift = rows.stream().filter(x -> x.role().equals("shift")).mapToDouble(x -> x.eceBefore()).average().orElse(Double.NaN);
      double auroc = m.ood().stream().flatMap(o -> o.scores().stream()).filter(s -> s.score() == OodScore.MCM)
          .mapToDouble(s -> s.metrics().auroc()).average().orElse(Double.NaN);
      double mce = m.corruption().values().stream().mapToDouble(c -> c.mce()).average().orElse(Double.NaN);
      double bias = m.shapeBias().values().stream().mapToDouble(b -> b.shapeBias()).average().orElse(Double.NaN);
      sb.append(String.format(Locale.ROOT, "%-24s %7.4f %9.4f %7.3f %7.4f %9.4f %9.4f %7.4f %10.4f%n", m.model(), m.id().accuracy(),
          shift, m.calibration().temperature().temperature(), rows.get(0).eceBefore(), eceShift, auroc, mce, bias));
    }
    r.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
    r.missing().forEach(m -> sb.append("missing: ").append(m.model()).append(" on ").append(m.set()).append(" (").append(m.reason())
        .append("); run `clipwb project run` to complete it\n"));
    sb.append("acc_shift and ECE_shift: mean over shifted and corrupted sets; AUROC_mcm: mean over OOD sets;"
        + " mCE: unnormalised, mean over corrupted sets; shape_bias: on cue-conflict. Everything per set: ")
        .append(out.resolve("summary.csv")).append('\n');
    w.print(sb);
    w.flush();
  }
}
