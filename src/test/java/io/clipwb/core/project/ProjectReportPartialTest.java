package io.clipwb.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.eval.runio.RowResolver;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.runfolder.RunFolder;
import io.clipwb.core.runfolder.RunItem;
import io.clipwb.core.runfolder.RunManifest;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report over the pairs that exist (a cancelled project run), the metric table's union of
 * columns, the project-run record reader and the project file version, on synthetic run folders.
 */
class ProjectReportPartialTest {
  static final Path SAMPLE = Path.of("sample-data").toAbsolutePath();

  static Path project(Path dir, String version) throws Exception {
    String json = """
        {%s "name": "partial",
         "bundles": [{"name": "a", "path": "%s/bundles/vit-default", "factors": {"tower": "vit"}},
                     {"name": "b", "path": "%s/bundles/rn-default", "factors": {"tower": "rn"}},
                     {"name": "c", "path": "%s/bundles/vit-small"}],
         "datasets": [{"name": "test", "role": "in-distribution", "manifest": "%s/data/test/manifest.csv"},
                      {"name": "dark", "role": "shift", "manifest": "%s/data/dark/manifest.csv"},
                      {"name": "ood", "role": "ood", "manifest": "%s/data/ood/manifest.csv"}]}
        """.formatted(version, SAMPLE, SAMPLE, SAMPLE, SAMPLE, SAMPLE, SAMPLE);
    Path f = dir.resolve("project.json");
    AtomicFiles.writeString(f, json);
    return f;
  }

  /** A synthetic run: n rows over 4 classes, labelled ones correct with probability pCorrect. */
  static void run(Path out, String model, String set, int n, double pCorrect, boolean labelled, long seed) {
    Random rnd = new Random(seed);
    float[][] z = new float[n][4];
    int[] y = new int[n];
    List<RunItem> items = new ArrayList<>();
    List<RunFolder.Prediction> preds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      y[i] = labelled ? i % 4 : -1;
      int hot = !labelled ? -1 : rnd.nextDouble() < pCorrect ? y[i] : rnd.nextInt(4);
      for (int c = 0; c < 4; c++) z[i][c] = (float) (rnd.nextGaussian() + (c == hot ? 3 : 0));
      items.add(new RunItem(set + "/" + i + ".png", "/data/" + set + "/" + i + ".png", y[i], Map.of()));
      preds.add(new RunFolder.Prediction(new int[] {0}, new double[] {1}));
    }
    List<String> classes = List.of("w", "x", "y", "z");
    RunManifest m = new RunManifest(RunFolder.FORMAT, RunFolder.VERSION, "t", null,
        new RunManifest.BundleInfo(model, "/b", "fp", Json.mapper().createObjectNode()
            .put("architecture_family", "ViT").put("architecture_name", "tiny-" + model).put("training_data", "sample")
            .put("training_samples", 1000).put("fine_tuning", "none").put("loss", "softmax-infonce").put("prompts", "single")),
        null, 10, null, null, classes, classes, items, List.of(), null, Map.of(), 1);
    RunFolder.write(ProjectRun.runDir(out, model, set), new RunFolder.Contents(m, z, y, new float[n][1], new float[4][1], preds,
        new RunFolder.Results(set, model, "p", 0, 0, 0)));
  }

  @Test
  void reportsWhatFinishedAndListsWhatIsMissing(@TempDir Path tmp) throws Exception {
    Project p = Project.load(project(tmp, ""));
    assertEquals(1, p.version());
    Path out = tmp.resolve("out");
    run(out, "a", "test", 80, 0.8, true, 1);
    run(out, "a", "dark", 80, 0.5, true, 2);
    run(out, "a", "ood", 40, 0, false, 3);
    run(out, "b", "test", 80, 0.7, true, 4);
    run(out, "b", "dark", 80, 0.3, true, 5);
    run(out, "c", "dark", 80, 0.3, true, 6); // no ID run: c is left out
    ProjectReport r = ProjectReport.compute(p, ProjectParams.defaults(), out, Progress.NONE, Cancellation.none());
    assertEquals(List.of("a", "b"), r.models().stream().map(ProjectReport.ModelReport::model).toList());
    List<String> missing = r.missing().stream().map(m -> m.model() + "/" + m.set()).toList();
    assertEquals(List.of("b/ood", "c/test", "c/dark", "c/ood"), missing);
    assertTrue(r.missing().get(2).reason().contains("in-distribution run is missing"), r.missing().get(2).reason());

    MetricTable t = r.metrics();
    assertEquals("ViT", t.factors().get(0).card().architectureFamily());
    assertEquals("tiny-b", t.factors().get(1).card().architectureName());
    assertEquals("vit", t.factors().get(0).project().get("tower"));
    // b has no OOD run: its OOD columns exist (from a) and are NaN
    assertTrue(t.column("auroc/ood/mcm") >= 0);
    assertTrue(Double.isNaN(t.value("b", "auroc/ood/mcm")));
    assertTrue(t.value("a", "auroc/ood/mcm") > 0.5);
    // accuracy against an independent count of the synthetic labels and arg-max
    assertEquals(accuracy(out, "a", "dark"), t.value("a", "acc/dark"), 1e-12);
    assertEquals("accuracy on dark", t.metrics().get(t.column("acc/dark")).displayName());

    r.write(out);
    List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
    List<String> header = List.of(csv.get(0).split(","));
    assertTrue(header.contains("auroc_ood_mcm") && header.contains("card_architecture_family") && header.contains("acc_dark"),
        header.toString());
    assertEquals(3, csv.size());
    JsonNode s = Json.read(out.resolve("summary.json"));
    assertEquals(4, s.get("missing").size());
    assertEquals("c", s.get("missing").get(1).get("model").asText());
    assertEquals("tiny-a", s.get("models").get(0).get("card").get("architecture_name").asText());
  }

  @Test
  void noInDistributionRunAtAllIsAnError(@TempDir Path tmp) throws Exception {
    Project p = Project.load(project(tmp, ""));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProjectReport.compute(p, ProjectParams.defaults(), tmp.resolve("out"), Progress.NONE, Cancellation.none()));
    assertTrue(e.getMessage().contains("no run of model \"a\" on \"test\""), e.getMessage());
  }

  @Test
  void projectFileVersionIsChecked(@TempDir Path tmp) throws Exception {
    assertEquals(1, Project.load(project(tmp, "\"version\": 1,")).version());
    ProjectException e = assertThrows(ProjectException.class, () -> Project.load(project(tmp, "\"version\": 2,")));
    assertTrue(e.getMessage().contains("version 2 was written by a newer release"), e.getMessage());
  }

  @Test
  void readsTheProjectRunRecordOfTheOldRelease(@TempDir Path tmp) {
    AtomicFiles.writeString(tmp.resolve("project-run.json"), """
        {"format": "clipwb-project-run", "version": 1, "created": "2026-11-30T03:47:00Z", "project": "/p/project.json",
         "cache": "/c", "params": {}, "bundles": {"m": {"dir": "/b", "fingerprint": "ab"}},
         "runs": [{"model": "m", "set": "test", "role": "in-distribution", "images": 320, "fromCache": 20, "computed": 300,
                   "failed": 0, "acc1": 0.9, "seconds": 4.3}],
         "environment": {}, "seconds": 40.0}""");
    ProjectRun.RunRecord r = ProjectRun.readRecord(tmp);
    assertEquals("complete", r.status());
    assertEquals(1, r.runs().size());
    assertEquals(20, r.runs().get(0).fromCache());
    assertEquals(ProjectRun.COMPLETE, r.runs().get(0).status());
    assertEquals("ab", r.bundles().get("m"));
  }

  @Test
  void rowsResolveAgainstTheCurrentDataFolder(@TempDir Path tmp) throws Exception {
    Project p = Project.load(project(tmp, ""));
    Path out = tmp.resolve("out");
    run(out, "a", "dark", 8, 0.5, true, 2);
    ProjectRows rows = new ProjectRows(p, out);
    RowResolver r = rows.get("a", "dark");
    assertTrue(r == rows.get("a", "dark"), "loaded once");
    assertEquals(SAMPLE.resolve("data/dark/dark/3.png"), r.image(3));
    assertEquals("dark/3.png", r.row(3).id());
  }

  @Test
  void shapeBiasTrialsKeepTheirRunRow() {
    List<String> classes = List.of("cat", "dog");
    List<RunItem> items = List.of(new RunItem("a", "x/cat1-dog1.png", 0, Map.of()),
        new RunItem("b", "x/unknown.png", -1, Map.of()), new RunItem("c", "x/dog2-cat3.png", 1, Map.of()));
    RunArrays r = new RunArrays("cue", new double[][] {{1, 0}, {0, 1}, {1, 0}}, new int[] {0, -1, 1}, 10, classes, items);
    ShapeBias.Result res = ProjectReport.shapeBias("m", "cue", r, Cancellation.none());
    assertEquals(List.of(0, 2), res.trials().stream().map(ShapeBias.TrialOutcome::runRow).toList());
    assertEquals(List.of("shape", "texture"), res.trials().stream().map(ShapeBias.TrialOutcome::outcome).toList());
  }

  private static double accuracy(Path out, String model, String set) {
    RunFolder f = RunFolder.read(ProjectRun.runDir(out, model, set));
    int ok = 0;
    for (int i = 0; i < f.labels().length; i++) {
      int arg = 0;
      for (int c = 1; c < 4; c++) if (f.logits()[i][c] > f.logits()[i][arg]) arg = c;
      if (arg == f.labels()[i]) ok++;
    }
    return ok / (double) f.labels().length;
  }
}
