package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.eval.calibration.Calibration;
import io.clipwb.core.eval.calibration.CalibrationParams;
import io.clipwb.core.eval.calibration.CalibrationResult;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectException;
import io.clipwb.core.project.ProjectParams;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clipwb project run|report} on the committed sample project (three models, the ID set, one
 * shifted set and the OOD set, to keep it quick): every file of the report, its numbers cross-checked
 * against the single-run commands, a second run entirely from the cache, a parameter change
 * recomputed from the run folders, and bad project files.
 */
class ProjectCommandTest {
  static final Path PROJECT = Path.of("sample-data/project.json");

  @Test
  void runsThreeModelsThenRecomputesFromCache(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache");
    String[] args = {"project", "run", PROJECT.toString(), "--out", out.toString(), "--cache", cache.toString(),
        "--bundles", "sample-vit-default,sample-rn-default,sample-vit-shape", "--datasets", "dark,ood", "--batch", "16"};
    EvalCommandsTest.Run r = EvalCommandsTest.run(args);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("sample-rn-default"), r.out());
    for (String f : List.of("summary.json", "summary.csv", "accuracy.csv", "calibration.csv", "ood.csv",
        "effective_robustness.csv", "project-run.json", "models/sample-vit-default/calibration/reliability.csv",
        "models/sample-vit-default/ood/ood.mcm.roc.csv", "models/sample-rn-default/shift/dark.predicted.npy",
        "runs/sample-rn-default/ood/logits.npy")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    JsonNode run1 = Json.read(out.resolve("project-run.json"));
    assertEquals(9, run1.get("runs").size()); // 3 models x (test, dark, ood)
    int computed = 0;
    for (JsonNode x : run1.get("runs")) computed += x.get("computed").asInt();
    assertEquals(3 * (320 + 320 + 160), computed);

    JsonNode s = Json.read(out.resolve("summary.json"));
    assertEquals(3, s.get("models").size());
    JsonNode vit = s.get("models").get(0);
    assertEquals("sample-vit-default", vit.get("model").asText());
    assertEquals("vit", vit.get("factors").get("tower").asText());
    // the report's ID accuracy is the zero-shot run's own acc1
    JsonNode res = Json.read(out.resolve("runs/sample-vit-default/test/results.json"));
    assertEquals(res.get("metrics").get("acc1").asDouble(), vit.get("accuracy").get("test").asDouble(), 1e-12);
    // calibration: the same numbers as the calibrate evaluation on the run folders
    RunArrays id = RunArrays.load(out.resolve("runs/sample-vit-default/test"));
    RunArrays dark = RunArrays.load(out.resolve("runs/sample-vit-default/dark"));
    CalibrationResult direct = Calibration.compute(new Calibration.Input("test", id.logits(), id.labels()),
        List.of(new Calibration.Input("dark", dark.logits(), dark.labels())), CalibrationParams.defaults(), io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    assertEquals(direct.temperature().temperature(), vit.get("temperature").asDouble(), 1e-12);
    assertEquals(direct.table().get(1).eceBefore(), vit.get("calibration").get("dark").get("ece").asDouble(), 1e-12);
    assertEquals(direct.table().get(1).eceAfter(), vit.get("calibration").get("dark").get("ece_after_t").asDouble(), 1e-12);
    double auroc = vit.get("ood").get("ood").get("mcm").get("auroc").asDouble();
    assertTrue(auroc > 0.5 && auroc <= 1, "MCM AUROC of the sample ViT on its OOD set: " + auroc);
    // effective robustness across the three models: a least-squares line through their
    // (logit ID accuracy, logit shift accuracy), computed here by hand from the reported accuracies
    List<String> er = Files.readAllLines(out.resolve("effective_robustness.csv"));
    assertEquals(4, er.size(), String.join("\n", er));
    assertTrue(er.get(1).startsWith("test,dark,sample-vit-default,"));
    double[] tx = new double[3];
    double[] ty = new double[3];
    for (int i = 0; i < 3; i++) {
      JsonNode m = s.get("models").get(i);
      tx[i] = logit(m.get("accuracy").get("test").asDouble());
      ty[i] = logit(m.get("accuracy").get("dark").asDouble());
    }
    double mx = (tx[0] + tx[1] + tx[2]) / 3;
    double my = (ty[0] + ty[1] + ty[2]) / 3;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < 3; i++) {
      sxy += (tx[i] - mx) * (ty[i] - my);
      sxx += (tx[i] - mx) * (tx[i] - mx);
    }
    double slope = sxy / sxx;
    double fitted = 1 / (1 + Math.exp(-(slope * tx[0] + my - slope * mx)));
    double expectedEr = vit.get("accuracy").get("dark").asDouble() - fitted;
    assertTrue(Math.abs(expectedEr) > 1e-4, "three models off one line give a non-zero ER: " + expectedEr);
    assertEquals(expectedEr, vit.get("effective_robustness").get("dark").get("logit").asDouble(), 1e-12);
    List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals(4, csv.size());
    assertTrue(csv.get(0).startsWith("model,factor_"), csv.get(0));
    assertTrue(csv.get(0).contains("acc_dark") && csv.get(0).contains("fpr95_openood_ood_mcm"), csv.get(0));

    // second run: nothing is computed, the report is identical
    String summary1 = Files.readString(out.resolve("summary.csv"));
    EvalCommandsTest.Run r2 = EvalCommandsTest.run(args);
    assertEquals(0, r2.code(), r2.err());
    JsonNode run2 = Json.read(out.resolve("project-run.json"));
    for (JsonNode x : run2.get("runs")) {
      assertEquals(0, x.get("computed").asInt(), x.toString());
      assertEquals(x.get("images").asInt(), x.get("from_cache").asInt());
    }
    assertEquals(summary1, Files.readString(out.resolve("summary.csv")));

    // a parameter change is recomputed from the run folders: no model, no cache
    EvalCommandsTest.Run rep = EvalCommandsTest.run("project", "report", PROJECT.toString(), "--out", out.toString(),
        "--bundles", "sample-vit-default,sample-rn-default,sample-vit-shape", "--datasets", "dark,ood", "--bins", "5", "--calib-fraction", "1");
    assertEquals(0, rep.code(), rep.err());
    JsonNode s3 = Json.read(out.resolve("summary.json"));
    assertEquals(5, s3.get("params").get("calibration").get("bins").asInt());
    assertNotEquals(vit.get("calibration").get("dark").get("ece").asDouble(),
        s3.get("models").get(0).get("calibration").get("dark").get("ece").asDouble());
    long bins = Files.readAllLines(out.resolve("models/sample-vit-default/calibration/reliability.csv")).stream()
        .filter(l -> l.startsWith("dark,before,equal_width,")).count();
    assertEquals(5, bins);
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  @Test
  void corruptionRoleIsReportedPerCorruptionAndSeverity(@TempDir Path tmp) throws Exception {
    // a corrupted set in the ImageNet-C layout, made of sample test images (the layout is what is tested)
    Path test = corruptedSet(tmp.resolve("corr"), 64);
    AtomicFiles.writeString(tmp.resolve("project.json"), """
        {"name": "corruption test",
         "bundles": [{"name": "vit", "path": "%s"}, {"name": "rn", "path": "%s"}],
         "datasets": [{"name": "test", "role": "in-distribution", "manifest": "%s"},
                      {"name": "corr", "role": "corruption", "path": "corr"}]}
        """.formatted(Path.of("sample-data/bundles/vit-default").toAbsolutePath(),
            Path.of("sample-data/bundles/rn-default").toAbsolutePath(), test.resolve("manifest.csv")));
    Path out = tmp.resolve("out");
    EvalCommandsTest.Run r = EvalCommandsTest.run("project", "run", tmp.resolve("project.json").toString(),
        "--out", out.toString(), "--cache", tmp.resolve("cache").toString());
    assertEquals(0, r.code(), r.err());
    List<String> acc = Files.readAllLines(out.resolve("accuracy.csv"));
    assertTrue(acc.stream().anyMatch(l -> l.startsWith("vit,corr,corruption,")), String.join("\n", acc));
    List<String> cal = Files.readAllLines(out.resolve("calibration.csv"));
    for (String g : List.of("fog/1", "fog/2", "gaussian_noise/1", "gaussian_noise/2")) {
      assertEquals(1, cal.stream().filter(l -> l.startsWith("vit,corr," + g + ",group,16,")).count(), g + " in\n" + String.join("\n", cal));
    }
    JsonNode s = Json.read(out.resolve("summary.json"));
    assertEquals("corruption", s.get("roles").get("corr").asText());
    assertTrue(s.get("models").get(0).get("effective_robustness").has("corr"), s.toString());
    // mCE (unnormalised: mean error over severities, averaged over corruptions) from the per-cell accuracies
    JsonNode c = s.get("models").get(0).get("corruption").get("corr");
    double meanErr = 0;
    for (String k : List.of("fog", "gaussian_noise")) {
      JsonNode sev = c.get("accuracy").get(k);
      meanErr += (1 - sev.get("1").asDouble() + 1 - sev.get("2").asDouble()) / 2 / 2;
    }
    assertEquals(meanErr, c.get("mean_ce").asDouble(), 1e-12);
    assertTrue(Files.readAllLines(out.resolve("summary.csv")).get(0).endsWith(",mean_ce_corr"));
    assertTrue(Files.exists(out.resolve("models/vit/corruption/corr/corruption_eval.json")));
  }

  /**
   * Copies the first {@code n} sample test images into {@code root/<fog|gaussian_noise>/<1|2>/<class>/}
   * (alternating corruption, then severity): the layout of a corrupted set, without corrupting.
   *
   * @return the sample test set's folder
   */
  static Path corruptedSet(Path root, int n) throws java.io.IOException {
    Path test = Path.of("sample-data/data/test").toAbsolutePath();
    List<String> rows = Files.readAllLines(test.resolve("manifest.csv"));
    for (int k = 0; k < n; k++) {
      String[] f = rows.get(k + 1).split(",", 3);
      String corruption = k % 2 == 0 ? "fog" : "gaussian_noise";
      String severity = Integer.toString(1 + (k / 2) % 2);
      Path dst = root.resolve(corruption).resolve(severity).resolve(f[1]).resolve(Path.of(f[0]).getFileName());
      Files.createDirectories(dst.getParent());
      Files.copy(test.resolve(f[0]), dst);
    }
    return test;
  }

  @Test
  void reportWithoutRunsNamesTheMissingFolder(@TempDir Path tmp) {
    Project p = Project.load(PROJECT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProjectReport.compute(p, ProjectParams.defaults(), tmp, io.clipwb.core.util.Progress.NONE, Cancellation.none()));
    assertTrue(e.getMessage().contains("no run of model \"sample-vit-default\" on \"test\""), e.getMessage());
  }

  @Test
  void badProjectFilesListEveryProblem(@TempDir Path tmp) {
    AtomicFiles.writeString(tmp.resolve("project.json"), """
        {"bundles": [{"name": "a", "path": "nowhere"}, {"name": "a", "path": "."}],
         "datasets": [{"name": "x", "role": "shiftt", "manifest": "m.csv"},
                      {"name": "y", "role": "in-distribution", "manifest": "missing.csv"}],
         "default_bundle": "zzz"}
        """);
    ProjectException e = assertThrows(ProjectException.class, () -> Project.load(tmp));
    String m = e.getMessage();
    assertTrue(m.contains("5 problem(s)"), m);
    assertTrue(m.contains("bundles[0].path: folder"), m);
    assertTrue(m.contains("bundles[1].name: \"a\" is used twice"), m);
    assertTrue(m.contains("datasets[0].role: \"shiftt\" is not one of"), m);
    assertTrue(m.contains("datasets[1].manifest:"), m);
    assertTrue(m.contains("default_bundle: \"zzz\""), m);

    EvalCommandsTest.Run r = EvalCommandsTest.run("project", "run", PROJECT.toString(), "--out", tmp.resolve("o").toString(),
        "--bundles", "no-such-model");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no bundle named \"no-such-model\""), r.err());
    EvalCommandsTest.Run r2 = EvalCommandsTest.run("project", "run", PROJECT.toString(), "--out", tmp.resolve("o").toString(),
        "--datasets", "multiview");
    assertEquals(2, r2.code());
    assertTrue(r2.err().contains("has role \"multiview\""), r2.err());
    assertTrue(Files.notExists(tmp.resolve("o")), "nothing written before validation passes");
  }
}
