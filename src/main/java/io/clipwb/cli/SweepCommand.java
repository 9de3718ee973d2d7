package io.clipwb.cli;

import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectParams;
import io.clipwb.core.sweep.PathMap;
import io.clipwb.core.sweep.SweepPlan;
import io.clipwb.core.sweep.SweepPlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipwb sweep}: hand a project's embedding work to a cluster (docs/scale-out.md). */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Embedding sweeps on a cluster: plan here, embed with clipwb-spark, bring the rows back with `clipwb cache import`.",
    subcommands = {SweepCommand.Plan.class})
public final class SweepCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code clipwb sweep plan}: the images each model's cache lacks, keyed here, as the cluster sees them. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = "Write a sweep plan: for every model x set a project run embeds, the images missing from the cache (key, path as"
          + " the cluster sees it, size, mtime), plus each bundle's fingerprint, preprocessing and width. plan.json + one JSON-lines"
          + " file per model. Text embeddings are not planned (cheap: the desktop computes them).")
  static final class Plan implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "project.json (or its folder)")
    Path project;

    @Option(names = "--out", required = true, description = "plan folder (written; an existing plan there is replaced)")
    Path out;

    @Option(names = "--path-map", paramLabel = "LOCAL=REMOTE",
        description = "rewrite a local path prefix into the cluster's (repeatable), e.g. /data=/mnt/shared/data or /data=s3a://bucket/data")
    List<String> pathMap = new ArrayList<>();

    @Option(names = "--copy-bundles", description = "copy the bundles into the plan folder (else the plan references them, path-mapped)")
    boolean copyBundles;

    @Option(names = "--cache", description = "embedding cache folder (default: $CLIPWB_CACHE or ~/.cache/clipwb)")
    Path cache;

    @Option(names = "--bundles", split = ",", paramLabel = "NAME", description = "only these bundles (default: all)")
    List<String> bundles = new ArrayList<>();

    @Option(names = "--datasets", split = ",", paramLabel = "NAME", description = "only these sets (default: all a project run embeds)")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--allow-outside-root", description = "allow manifest entries outside their data set's folder")
    boolean allowOutsideRoot;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Project loaded = Project.load(project);
      Project p = allowOutsideRoot ? loaded.withAllowOutsideRoot(true) : loaded;
      PathMap map = PathMap.parse(pathMap);
      ProjectParams params = ProjectParams.defaults().withSelection(bundles, datasets);
      SweepPlan.Plan plan = CtrlC.run(err, cancel -> SweepPlanner.plan(p, params, EvalCommand.cacheRoot(cache), map, copyBundles, out, cancel));
      for (SweepPlan.Model m : plan.models()) {
        err.printf("%-28s %8d images to embed (%s)%n", m.name(), m.images(), m.imagesFile());
      }
      err.printf("plan: %d images over %d models -> %s%n", plan.images(), plan.models().size(), out.resolve(SweepPlan.PLAN_FILE));
      return 0;
    }
  }
}
