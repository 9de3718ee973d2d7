package io.clipwb.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.io.Json;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectParams;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.sweep.PathMap;
import io.clipwb.core.sweep.SweepImport;
import io.clipwb.core.sweep.SweepOutput;
import io.clipwb.core.sweep.SweepPlan;
import io.clipwb.core.sweep.SweepPlanner;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import io.clipwb.djl.DjlClipModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole hand-off on the sample project's sets: plan on the "desktop" (an empty cache, the images seen by
 * the "cluster" through a path map onto a symlinked folder), the Spark job in {@code local[2]}, the
 * import, then a project run that must compute no embedding and write the same {@code summary.csv}
 * as a plain local run. Writes only under {@code target/}; records its timings (and the load
 * average) in {@code target/sweep-e2e/timings.json} for {@code docs/scale-out.md}.
 */
@Tag("spark")
class SparkSweepTest {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSweepTest.class);

  @Test
  void sparkSweepImportedMakesTheProjectRunComputeNothingAndMatchTheLocalRun() throws Exception {
    Path root = Path.of(System.getProperty("clipwb.root", "..")).toAbsolutePath().normalize();
    Path work = Path.of("target", "sweep-e2e").toAbsolutePath();
    deleteTree(work);
    Files.createDirectories(work);
    Project p = Project.load(root.resolve("sample-data/project.json"));
    ProjectParams params = ProjectParams.defaults().withBatching(32, 1).withSelection(bundles(), List.of());
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("load_average_start", loadAverage());

    // 1. the desktop pipeline, for the reference summary and its throughput
    long t = System.nanoTime();
    ProjectRun.Summary local = ProjectRun.execute(p, params, DjlClipModel::load, work.resolve("cache-local"), DjlClipModel.runEnvironment(),
        work.resolve("out-local"), Progress.NONE, Cancellation.none());
    double localSeconds = (System.nanoTime() - t) / 1e9;
    timings.put("local_run_seconds", localSeconds);
    timings.put("local_images_computed", local.computed());
    timings.put("load_average_after_local", loadAverage());

    // 2. plan against an empty cache; the cluster reads the images through another path
    Path view = work.resolve("cluster-view");
    Files.createSymbolicLink(view, root.resolve("sample-data"));
    Path cache = work.resolve("cache-desktop");
    SweepPlan.Plan plan = SweepPlanner.plan(p, params, cache, PathMap.parse(List.of(root.resolve("sample-data") + "=" + view)), false,
        work.resolve("plan"), Cancellation.none());
    assertEquals(local.computed(), plan.images(), "every image the local run computed is planned");
    String firstLine = Files.readAllLines(work.resolve("plan").resolve(plan.models().get(0).imagesFile())).get(0);
    assertTrue(SweepPlan.parseLine(firstLine).path().startsWith(view.toString()), firstLine);

    // 3. the Spark job, local[2]
    t = System.nanoTime();
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("clipwb-sweep-test").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.local.dir", work.resolve("spark-local").toString());
    SweepOutput.Report report;
    double sparkStart;
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sparkStart = (System.nanoTime() - t) / 1e9;
      report = SweepJob.run(sc, SweepJob.Args.parse("--plan", work.resolve("plan").toString(), "--out", work.resolve("sweep").toString()));
    }
    double sparkSeconds = (System.nanoTime() - t) / 1e9;
    timings.put("spark_context_start_seconds", sparkStart);
    timings.put("spark_jobs_seconds", report.seconds());
    timings.put("spark_total_seconds", sparkSeconds);
    timings.put("load_average_after_spark", loadAverage());
    long rows = 0;
    for (SweepOutput.ModelReport m : report.models()) {
      assertEquals("succeeded", m.status(), m.model() + ": " + m.error());
      assertNull(m.error());
      assertEquals(0, m.failed(), m.model() + ": " + m.failures());
      assertEquals(m.planned(), m.rows(), m.model());
      assertTrue(Files.isRegularFile(work.resolve("sweep").resolve(SweepPlanner.cacheDir(m.fingerprint())).resolve(SweepOutput.MARKER)));
      rows += m.rows();
    }
    assertEquals(plan.images(), rows);

    // 4. import (twice: the second changes nothing)
    SweepImport.Result imp = SweepImport.run(work.resolve("sweep"), cache);
    assertTrue(imp.clean(), imp.toString());
    assertEquals(plan.images(), imp.rows());
    SweepImport.Result again = SweepImport.run(work.resolve("sweep"), cache);
    assertEquals(0, again.imported(), again.toString());
    assertEquals(imp.imported(), again.present());

    // 5. the project run on the desktop: every image embedding from the imported shards
    t = System.nanoTime();
    ProjectRun.Summary after = ProjectRun.execute(p, params, DjlClipModel::load, cache, DjlClipModel.runEnvironment(), work.resolve("out-after"),
        Progress.NONE, Cancellation.none());
    timings.put("run_after_import_seconds", (System.nanoTime() - t) / 1e9);
    assertEquals(0, after.computed(), "image embeddings computed after the import");
    assertEquals(local.fromCache() + local.computed(), after.fromCache());
    assertArrayEquals(Files.readAllBytes(work.resolve("out-local/summary.csv")), Files.readAllBytes(work.resolve("out-after/summary.csv")),
        "summary.csv after the Spark sweep differs from the local run's");

    timings.put("images", plan.images());
    timings.put("local_images_per_second", local.computed() / localSeconds);
    timings.put("spark_images_per_second_jobs", rows / report.seconds());
    timings.put("spark_images_per_second_total", rows / sparkSeconds);
    // per model: the job's wall time against its slowest task's (model load excluded): the difference is Spark's per-job cost
    timings.put("per_model", report.models().stream().map(m -> Map.of("model", m.model(), "images", m.rows(), "job_seconds", m.seconds(),
        "slowest_task_seconds", m.results().stream().mapToDouble(x -> x.seconds()).max().orElse(0),
        "decode_seconds", m.results().stream().mapToDouble(x -> x.decodeSeconds()).sum(),
        "encode_seconds", m.results().stream().mapToDouble(x -> x.encodeSeconds()).sum())).toList());
    Json.write(work.resolve("timings.json"), timings);
    LOG.info("sweep e2e timings: {}", Json.toString(timings));
  }

  /**
   * The models swept: by default a ViT and a ResNet tower over every set of the sample project (2 of
   * its 7 models keep CI's share short); {@code -Dclipwb.sweepTest.bundles=all} or a comma list for more.
   */
  private static List<String> bundles() {
    String v = System.getProperty("clipwb.sweepTest.bundles", "sample-vit-default,sample-rn-default");
    return v.equals("all") ? List.of() : List.of(v.split(","));
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    try (var s = Files.walk(dir)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

}
