package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clipwb eval} over a corrupted-set folder, then {@code clipwb corruption-eval} with and without baseline errors. */
class CorruptionEvalCommandTest {
  @Test
  void evalThenCorruptionEvalWithBaselineErrors(@TempDir Path tmp) throws Exception {
    Path test = ProjectCommandTest.corruptedSet(tmp.resolve("corr"), 32);
    String model = "sample-data/bundles/vit-default";
    String classes = test.resolve("classes.json").toString();
    String cache = tmp.resolve("cache").toString();
    EvalCommandsTest.Run e = EvalCommandsTest.run("eval", "--model", model, "--data", tmp.resolve("corr").toString(),
        "--classes", classes, "--out", tmp.resolve("run").toString(), "--cache", cache);
    assertEquals(0, e.code(), e.err());
    EvalCommandsTest.Run c = EvalCommandsTest.run("eval", "--model", model, "--data", test.resolve("manifest.csv").toString(),
        "--out", tmp.resolve("clean").toString(), "--cache", cache);
    assertEquals(0, c.code(), c.err());

    EvalCommandsTest.Run u = EvalCommandsTest.run("corruption-eval", "--run", tmp.resolve("run").toString());
    assertEquals(0, u.code(), u.err());
    JsonNode j = Json.mapper().readTree(u.out());
    assertEquals("unnormalized", j.get("ce_kind").asText());
    assertEquals(32, j.get("items").asInt());

    AtomicFiles.writeString(tmp.resolve("alexnet.csv"), "corruption,1,2,3,4,5\nfog,50,60,70,80,90\ngaussian_noise,0.4,0.5,,,\nclean,0.43\n");
    EvalCommandsTest.Run n = EvalCommandsTest.run("corruption-eval", "--run", tmp.resolve("run").toString(), "--clean-run",
        tmp.resolve("clean").toString(), "--baseline-errors", tmp.resolve("alexnet.csv").toString(), "--out", tmp.resolve("ce").toString());
    assertEquals(0, n.code(), n.err());
    JsonNode k = Json.mapper().readTree(n.out());
    assertEquals("normalized", k.get("ce_kind").asText());
    JsonNode acc = k.get("accuracy");
    double ceFog = (2 - acc.get("fog").get("1").asDouble() - acc.get("fog").get("2").asDouble()) / (0.5 + 0.6);
    double ceNoise = (2 - acc.get("gaussian_noise").get("1").asDouble() - acc.get("gaussian_noise").get("2").asDouble()) / (0.4 + 0.5);
    assertEquals((ceFog + ceNoise) / 2, k.get("mce").asDouble(), 1e-12);
    assertEquals(0.9, k.get("clean_accuracy").asDouble(), 1e-12, "the sample ViT's test accuracy");
    assertTrue(k.has("relative_mce"), n.out());
    assertTrue(Files.exists(tmp.resolve("ce/corruption_eval.json")));

    AtomicFiles.writeString(tmp.resolve("short.csv"), "corruption,1,2,3,4,5\nfog,0.5,,,,\ngaussian_noise,0.4,0.5,,,\n");
    EvalCommandsTest.Run bad = EvalCommandsTest.run("corruption-eval", "--run", tmp.resolve("run").toString(),
        "--baseline-errors", tmp.resolve("short.csv").toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("baseline errors for 'fog' lack severity 2"), bad.err());
  }
}
