package io.clipwb.spark;

import io.clipwb.core.io.Json;
import io.clipwb.core.sweep.SweepOutput;
import io.clipwb.core.sweep.SweepPlan;
import io.clipwb.core.sweep.SweepWorker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver of a sweep: {@code spark-submit --class io.clipwb.spark.SweepJob clipwb-spark.jar
 * --plan PLAN --out OUT}. One Spark job per model of the plan (model-major, so every executor holds
 * one model at a time): the model's JSON-lines file is split into tasks of at most
 * {@code --task-images} lines, each task embeds its slice ({@link EmbedPartition}), and when every
 * task succeeded the driver writes the model's {@code _SUCCESS} marker listing the shards. A model
 * whose job fails gets no marker; the sweep goes on with the next model, and the run ends with an
 * error naming the failed models. {@code sweep-report.json} (per model: rows, failures with their
 * reasons, per-task timings) is written at the end either way.
 */
public final class SweepJob {
  private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

  private SweepJob() {}

  /**
   * @param plan the plan folder as the cluster sees it
   * @param out the output folder (a cache-shaped tree; POSIX path or {@code s3a://...})
   * @param models only these model names (empty: all)
   * @param batch images per forward pass
   * @param shardRows rows per shard at most
   * @param taskImages plan lines per task at most (more tasks when the cluster has more slots)
   */
  public record Args(String plan, String out, Set<String> models, int batch, int shardRows, int taskImages) {
    public Args {
      if (batch < 1 || shardRows < 1 || taskImages < 1) throw new IllegalArgumentException("--batch, --shard-rows and --task-images must be at least 1");
      models = Set.copyOf(models);
    }

    /** Parses {@code --plan P --out O [--models a,b] [--batch 32] [--shard-rows 10000] [--task-images 10000]}. */
    public static Args parse(String... argv) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < argv.length; i++) {
        if (!argv[i].startsWith("--") || i + 1 >= argv.length) throw new IllegalArgumentException(USAGE + "\n(at \"" + argv[i] + "\")");
        m.put(argv[i].substring(2), argv[++i]);
      }
      Set<String> known = Set.of("plan", "out", "models", "batch", "shard-rows", "task-images");
      for (String k : m.keySet()) if (!known.contains(k)) throw new IllegalArgumentException(USAGE + "\n(unknown option --" + k + ")");
      if (!m.containsKey("plan") || !m.containsKey("out")) throw new IllegalArgumentException(USAGE);
      Set<String> models = m.containsKey("models") ? Set.of(m.get("models").split(",")) : Set.of();
      return new Args(m.get("plan"), m.get("out"), models, Integer.parseInt(m.getOrDefault("batch", "32")),
          Integer.parseInt(m.getOrDefault("shard-rows", "10000")), Integer.parseInt(m.getOrDefault("task-images", "10000")));
    }
  }

  static final String USAGE = "usage: SweepJob --plan PLAN_DIR --out OUT_DIR [--models NAME,...] [--batch 32] [--shard-rows 10000]"
      + " [--task-images 10000]";

  /** spark-submit's entry point: the master and resources come from spark-submit. */
  public static void main(String[] argv) {
    Args args = Args.parse(argv);
    try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("clipwb-sweep"))) {
      SweepOutput.Report r = run(sc, args);
      List<String> failed = r.models().stream().filter(x -> x.status().equals("failed")).map(SweepOutput.ModelReport::model).toList();
      if (!failed.isEmpty()) throw new IllegalStateException("the jobs of " + failed + " failed (no marker written); see " + args.out() + "/" + SweepOutput.REPORT);
    }
  }

  /** Runs the sweep on {@code sc}; returns (and writes) the report. */
  public static SweepOutput.Report run(JavaSparkContext sc, Args args) {
    long t0 = System.nanoTime();
    String started = Instant.now().toString();
    Storage storage = new Storage(sc.hadoopConfiguration());
    String planFile = Storage.join(args.plan(), SweepPlan.PLAN_FILE);
    SweepPlan.Plan plan;
    try {
      plan = SweepPlan.parse(new String(storage.read(planFile), StandardCharsets.UTF_8), planFile);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read the plan " + planFile + ": " + e.getMessage(), e);
    }
    String appId = sc.sc().applicationId();
    List<SweepOutput.ModelReport> reports = new ArrayList<>();
    for (SweepPlan.Model m : plan.models()) {
      if (!args.models().isEmpty() && !args.models().contains(m.name())) continue;
      reports.add(runModel(sc, args, storage, m, appId));
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("spark", sc.version());
    env.put("master", sc.master());
    env.put("default_parallelism", String.valueOf(sc.defaultParallelism()));
    env.put("task_cpus", sc.getConf().get("spark.task.cpus", "1"));
    env.put("java", System.getProperty("java.version"));
    SweepOutput.Report report = new SweepOutput.Report(SweepOutput.REPORT_FORMAT, SweepOutput.VERSION, appId, args.plan(), args.out(), started,
        (System.nanoTime() - t0) / 1e9, env, List.copyOf(reports));
    try {
      storage.write(Storage.join(args.out(), SweepOutput.REPORT), SweepOutput.toJson(report));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write the sweep report: " + e.getMessage(), e);
    }
    return report;
  }

  private static SweepOutput.ModelReport runModel(JavaSparkContext sc, Args args, Storage storage, SweepPlan.Model m, String appId) {
    long t0 = System.nanoTime();
    String modelDir = Storage.join(args.out(), m.cacheDir());
    if (m.images() == 0) {
      LOG.info("{}: nothing to embed", m.name());
      return SweepOutput.modelReport(m, List.of(), null, 0, 0);
    }
    String bundle = m.bundleCopied() ? Storage.join(args.plan(), m.bundle()) : m.bundle();
    int tasks = (int) Math.max(sc.defaultParallelism(), Math.min(Integer.MAX_VALUE, (m.images() + args.taskImages() - 1) / args.taskImages()));
    List<SweepWorker.Result> results = new ArrayList<>();
    String error = null;
    try {
      sc.setJobGroup("clipwb-" + m.cacheDir(), "clipwb sweep: " + m.name() + " (" + m.images() + " images)");
      List<String> out = sc.textFile(Storage.hadoopUri(Storage.join(args.plan(), m.imagesFile())), tasks)
          .mapPartitions(new EmbedPartition(m, bundle, Storage.join(modelDir, SweepOutput.SPACE), appId, args.plan(), "spark " + sc.version(),
              args.batch(), args.shardRows(), storage))
          .collect();
      for (String s : out) results.add(Json.mapper().readValue(s, SweepWorker.Result.class));
      storage.write(Storage.join(modelDir, SweepOutput.MARKER), SweepOutput.toJson(SweepOutput.marker(m, appId, results)));
    } catch (Exception e) {
      error = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
      LOG.error("{}: the job failed, no marker written: {}", m.name(), error);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    SweepOutput.ModelReport r = SweepOutput.modelReport(m, results, error, seconds, 100);
    LOG.info("{}: {} rows, {} failed, {} tasks, {} s", m.name(), r.rows(), r.failed(), r.tasks(), String.format("%.1f", seconds));
    return r;
  }
}
