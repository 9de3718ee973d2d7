package io.clipwb.core.eval.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.io.Json;
import io.clipwb.core.runfolder.RunItem;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic stand-in answers: the stand-in's choice between the two candidates, seeded and
 * deterministic, a share unparseable, every line marked synthetic, and read back by the plain
 * answer reader and matched to its questions.
 */
class StandInAnswersTest {
  static CachedRun run(String model, double[][] logits, int[] labels) {
    List<RunItem> items = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) items.add(new RunItem("img" + i, "/data/img" + i + ".png", labels[i], Map.of()));
    return new CachedRun(Path.of(model), List.of("cat", "dog", "fox"), items, logits, labels, 10, model);
  }

  @Test
  void choosesTheStandInsPreferredCandidateDeterministically(@TempDir Path tmp) throws Exception {
    int n = 200;
    double[][] clip = new double[n][];
    double[][] other = new double[n][];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      clip[i] = new double[] {i % 3 == 0 ? 3 : 1, 2, i % 5 == 0 ? 4 : 0.5};
      // the stand-in always prefers "dog" over anything, else "fox" over "cat"
      other[i] = new double[] {0, 9, 1};
    }
    List<LmmQuestion> qs = Questions.build(run("clip", clip, labels), new Questions.Params(0), Cancellation.none());
    StandInAnswers.Params p = new StandInAnswers.Params(7, 0.1, "stand-in", "test");
    List<StandInAnswers.Answer> a = StandInAnswers.generate(qs, run("other", other, labels), "other", p);
    assertEquals(a, StandInAnswers.generate(qs, run("other", other, labels), "other", p), "same seed, same answers");
    assertNotEquals(a, StandInAnswers.generate(qs, run("other", other, labels), "other", new StandInAnswers.Params(8, 0.1, "s", "t")));
    int unparseable = 0;
    for (int i = 0; i < n; i++) {
      LmmQuestion q = qs.get(i);
      String expected = q.choices().contains("dog") ? "dog" : "fox";
      if (a.get(i).chosen() == null) {
        unparseable++;
        continue;
      }
      assertEquals(expected, a.get(i).chosen(), q.questionId());
      assertTrue(a.get(i).answer().toLowerCase(java.util.Locale.ROOT).contains(expected), a.get(i).answer());
    }
    assertTrue(unparseable > 5 && unparseable < 40, "about 10% unparseable: " + unparseable);

    Path f = tmp.resolve("answers.jsonl");
    StandInAnswers.writeJsonl(f, a, p);
    List<String> lines = Files.readAllLines(f);
    assertEquals(n, lines.size());
    for (String l : lines) {
      var node = Json.mapper().readTree(l);
      assertTrue(node.get("synthetic").asBoolean());
      assertEquals("other", node.get("stand_in").asText());
      assertTrue(!node.get("image").asText().contains("/"), "no machine paths in the file");
    }
    var read = AnswerImport.read(f, "auto", null);
    assertEquals(0, read.problems().size());
    var m = AnswerImport.match(read.rows(), qs);
    assertEquals(n, m.pairs().size());
    assertNull(m.unmatched().isEmpty() ? null : m.unmatched());
  }
}
