package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.eval.runio.TestRuns;
import io.clipwb.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clipwb lmm compare --protocol}: imagenet-d by default, strict on request. */
class LmmProtocolCommandTest {
  @TempDir Path tmp;

  @Test
  void defaultIsImageNetDAndStrictDiffers() throws Exception {
    List<String> classes = List.of("cat", "dog", "car");
    Path runDir = TestRuns.write(Files.createDirectory(tmp.resolve("run")), classes, List.of(
        new TestRuns.Row("a/0.png", 0, Map.of(), TestRuns.logits(3, 0, 1)),
        new TestRuns.Row("a/1.png", 1, Map.of(), TestRuns.logits(3, 2, 1))));
    Path q = tmp.resolve("q.jsonl");
    assertEquals(0, ShapeBiasFactorsLmmCommandsTest.run("lmm", "questions", "--run", runDir.toString(), "--out", q.toString()).code());
    Path ans = tmp.resolve("llava.jsonl");
    // "cathedral" holds "cat" (a substring for ImageNet-D, not a word for strict); "A" is an option letter for strict only
    Files.writeString(ans, "{\"image\":\"a/0.png\",\"answer\":\"a cathedral\"}\n{\"image\":\"a/1.png\",\"answer\":\"A\"}\n");

    ShapeBiasFactorsLmmCommandsTest.Run d = ShapeBiasFactorsLmmCommandsTest.run("lmm", "compare", "--questions", q.toString(),
        "--answers", ans.toString());
    assertEquals(0, d.code(), d.err());
    JsonNode j = Json.mapper().readTree(d.out());
    assertEquals("imagenet-d", j.get("protocol").asText());
    JsonNode o = j.get("models").get("llava").get("overall");
    assertEquals(1, o.get("n_true").asInt());
    assertEquals(1, o.get("n_neither").asInt());

    ShapeBiasFactorsLmmCommandsTest.Run s = ShapeBiasFactorsLmmCommandsTest.run("lmm", "compare", "--questions", q.toString(),
        "--answers", ans.toString(), "--protocol", "strict", "--out", tmp.resolve("o").toString());
    assertEquals(0, s.code(), s.err());
    JsonNode js = Json.mapper().readTree(s.out());
    assertEquals("strict", js.get("protocol").asText());
    JsonNode os = js.get("models").get("llava").get("overall");
    assertEquals(1, os.get("n_neither").asInt());
    assertEquals(1, os.get("n_true").asInt() + os.get("n_false").asInt());
    assertEquals("strict", Json.read(tmp.resolve("o/lmm_compare.json")).get("params").get("protocol").asText());

    ShapeBiasFactorsLmmCommandsTest.Run bad = ShapeBiasFactorsLmmCommandsTest.run("lmm", "compare", "--questions", q.toString(),
        "--answers", ans.toString(), "--protocol", "loose");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("unknown answer protocol 'loose'"), bad.err());
  }
}
