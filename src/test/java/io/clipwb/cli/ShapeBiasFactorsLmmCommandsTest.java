package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.eval.factors.ImageNetX;
import io.clipwb.core.eval.runio.TestRuns;
import io.clipwb.core.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape-bias, factors and lmm sub-commands, run in-process. */
class ShapeBiasFactorsLmmCommandsTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static synchronized Run run(String... args) {
    PrintStream o = System.out;
    PrintStream e = System.err;
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    ByteArrayOutputStream be = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bo, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(be, true, StandardCharsets.UTF_8));
      int code = Main.commandLine().execute(args);
      return new Run(code, bo.toString(StandardCharsets.UTF_8), be.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] c : List.of(new String[] {"shape-bias"}, new String[] {"factors"}, new String[] {"lmm"},
        new String[] {"lmm", "questions"}, new String[] {"lmm", "compare"})) {
      List<String> a = new ArrayList<>(List.of(c));
      a.add("--help");
      Run r = run(a.toArray(String[]::new));
      assertEquals(0, r.code(), String.join(" ", c));
      assertTrue(r.out().contains("Usage: clipwb " + String.join(" ", c)), r.out());
    }
  }

  @Test
  void shapeBiasFromMvhCsvPrintsPooledJsonAndFlagsBadRows() throws Exception {
    Path a = tmp.resolve("s1.csv");
    Files.writeString(a, "subj,session,trial,rt,object_response,category,condition,imagename\n"
        + "s1,1,1,500,cat,cat,0,cat1-dog1.png\ns1,1,2,500,dog,cat,0,cat2-dog2.png\n");
    Path b = tmp.resolve("s2.csv");
    Files.writeString(b, "subj,session,trial,rt,object_response,category,condition,imagename\n"
        + "s2,1,1,500,cat,cat,0,cat1-dog1.png\ns2,1,2,500,cat\n");
    Run r = run("shape-bias", "--mvh-csv", a.toString(), b.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("s2.csv:3"), r.err());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(2.0 / 3.0, j.get("fraction_correct_shape").asDouble(), 1e-15);
    assertEquals(2.0 / 3.0 / (2.0 / 3.0 + 1.0 / 3.0), j.get("shape_bias").asDouble(), 1e-15);
    assertEquals(3, j.get("per_category").get("cat").get("n_trials").asInt());
    assertTrue(Files.isRegularFile(tmp.resolve("o/shape_bias.json")) && Files.isRegularFile(tmp.resolve("o/shape_bias_per_category.csv")));
    Run strict = run("shape-bias", "--mvh-csv", b.toString(), "--strict");
    assertEquals(2, strict.code());
    assertTrue(strict.err().contains("s2.csv:3"), strict.err());
  }

  @Test
  void factorsFromAnnotationsAndTwoModels() throws Exception {
    StringBuilder ann = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      StringBuilder sb = new StringBuilder("{\"file_name\":\"f" + i + ".JPEG\",\"class\":" + i);
      for (String f : ImageNetX.FACTORS) sb.append(",\"").append(f).append("\":").append(f.equals("pose") && i < 2 ? 1 : 0);
      ann.append(sb).append("}\n");
    }
    Path annotations = tmp.resolve("ann.jsonl");
    Files.writeString(annotations, ann.toString());
    Path m1 = tmp.resolve("m1.csv");
    Files.writeString(m1, "file_name,predicted_class,predicted_probability\nf0.JPEG,0,0.9\nf1.JPEG,5,0.8\nf2.JPEG,2,0.7\nf3.JPEG,3,0.6\n");
    Path m2 = tmp.resolve("m2.csv");
    Files.writeString(m2, "file_name,is_correct\nf0.JPEG,False\nf1.JPEG,False\nf2.JPEG,True\nf3.JPEG,False\n");
    Run one = run("factors", "--annotations", annotations.toString(), "--predictions", m1.toString());
    assertEquals(0, one.code(), one.err());
    JsonNode j = Json.mapper().readTree(one.out());
    assertEquals(0.5, j.get("factor_accuracy").get("pose").asDouble(), 0.0);
    assertEquals(0.75, j.get("factor_accuracy").get("average").asDouble(), 0.0);
    assertEquals(2.0, j.get("error_ratio").get("pose").asDouble(), 1e-12);
    Run two = run("factors", "--annotations", annotations.toString(), "--predictions", m1.toString(), m2.toString(),
        "--out", tmp.resolve("fo").toString());
    assertEquals(0, two.code(), two.err());
    JsonNode t = Json.mapper().readTree(two.out());
    assertEquals(0.0, t.get("models").get("m2").get("factor_accuracy").get("pose").asDouble(), 0.0);
    assertEquals(1.0, t.get("trend").get("all").get("pose").get("slope").asDouble(), 1e-12);
    assertTrue(Files.readString(tmp.resolve("fo/factors.csv")).contains("m1,all,pose,0.5,2.0"));
  }

  @Test
  void lmmQuestionsThenCompare() throws Exception {
    List<String> classes = List.of("cat", "dog", "car");
    List<TestRuns.Row> rows = List.of(
        new TestRuns.Row("a/0.png", 0, Map.of(), TestRuns.logits(3, 0, 1)),
        new TestRuns.Row("a/1.png", 1, Map.of(), TestRuns.logits(3, 2, 1)));
    Path runDir = TestRuns.write(Files.createDirectory(tmp.resolve("run")), classes, rows);
    Path q = tmp.resolve("q.jsonl");
    Run r = run("lmm", "questions", "--run", runDir.toString(), "--out", q.toString(), "--seed", "3",
        "--vlmevalkit-tsv", tmp.resolve("q.tsv").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(2, Json.mapper().readTree(r.out()).get("questions").asInt());
    Path ans = tmp.resolve("llava.jsonl");
    Files.writeString(ans, "{\"image\":\"a/0.png\",\"answer\":\"A cat.\"}\n{\"image\":\"a/1.png\",\"answer\":\"car\"}\n"
        + "{\"image\":\"a/9.png\",\"answer\":\"car\"}\n");
    Run c = run("lmm", "compare", "--questions", q.toString(), "--answers", ans.toString(), "--out", tmp.resolve("lo").toString());
    assertEquals(3, c.code(), c.err());
    assertTrue(c.err().contains("a/9.png"), c.err());
    JsonNode j = Json.mapper().readTree(c.out());
    JsonNode o = j.get("models").get("llava").get("overall");
    assertEquals(1, o.get("n_true").asInt());
    assertEquals(1, o.get("n_false").asInt());
    assertEquals(1, j.get("unmatched").size());
    assertTrue(Files.isRegularFile(tmp.resolve("lo/lmm_per_class.csv")));
    Run strict = run("lmm", "compare", "--questions", q.toString(), "--answers", ans.toString(), "--strict");
    assertEquals(2, strict.code());
  }
}
