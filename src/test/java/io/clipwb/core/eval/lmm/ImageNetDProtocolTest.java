package io.clipwb.core.eval.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.eval.lmm.AnswerParser.Outcome;
import io.clipwb.core.io.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --protocol imagenet-d} against verdicts computed by running ImageNet-D's own
 * {@code compute_accuracy.py} (driver {@code imagenet_d/imagenet_d_verdicts.py}; its output
 * {@code expected_verdicts.json} is committed with the commit it ran).
 */
class ImageNetDProtocolTest {
  private static final String DIR = "imagenet_d/";

  private static JsonNode resource(String name) throws Exception {
    try (InputStream in = ImageNetDProtocolTest.class.getResourceAsStream(DIR + name)) {
      return Json.mapper().readTree(in);
    }
  }

  static Outcome of(String verdict) {
    return switch (verdict) {
      case "LLaVa TRUE" -> Outcome.TRUE;
      case "LLaVa FALSE" -> Outcome.FALSE;
      case "LLaVa DOUBLE" -> Outcome.BOTH;
      case "LLaVa TODO" -> Outcome.NEITHER;
      default -> throw new IllegalArgumentException(verdict);
    };
  }

  @Test
  void reproducesEveryVerdictOfTheirScript() throws Exception {
    JsonNode cases = resource("cases.json");
    JsonNode expected = resource("expected_verdicts.json").get("verdicts");
    assertTrue(cases.size() >= 72, "at least 72 cases");
    assertEquals(cases.size(), expected.size());
    List<String> wrong = new ArrayList<>();
    EnumSet<Outcome> seen = EnumSet.noneOf(Outcome.class);
    for (JsonNode c : cases) {
      String id = c.get("id").asText();
      String gt = c.get("gt_category").asText();
      String pred = c.get("pred_category").asText();
      String answer = c.get("answer").asText();
      Outcome want = of(expected.get(id).asText());
      seen.add(want);
      Outcome direct = ImageNetDMatcher.shipped().verdict(answer, gt, pred);
      // as LmmComparison calls it: the class names as their own (only) terms, letter irrelevant
      Outcome viaProtocol = AnswerProtocol.IMAGENET_D.parse(answer, gt, Set.of(gt), pred, Set.of(pred), "A");
      if (direct != want || viaProtocol != want) wrong.add(id + " " + c + ": want " + want + ", got " + direct + "/" + viaProtocol);
    }
    assertEquals(List.of(), wrong);
    assertEquals(EnumSet.allOf(Outcome.class), seen, "every verdict occurs");
  }

  @Test
  void shippedTableIsTheTableTheirScriptDefines() throws Exception {
    JsonNode exp = resource("expected_verdicts.json");
    Map<String, List<String>> theirs = new LinkedHashMap<>();
    exp.get("word_mapping_dict").fields().forEachRemaining(e -> {
      List<String> l = new ArrayList<>();
      e.getValue().forEach(v -> l.add(v.asText()));
      theirs.put(e.getKey(), l);
    });
    assertEquals(theirs, ImageNetDMatcher.shipped().wordMapping());
    assertEquals(List.copyOf(theirs.keySet()), List.copyOf(ImageNetDMatcher.shipped().wordMapping().keySet()));
    assertEquals(exp.get("commit").asText(), ImageNetDMatcher.shipped().sourceCommit());
  }

  @Test
  void extraSynonymsAreExtraSubstringsAndProtocolNamesParse() {
    Set<String> dog = new java.util.LinkedHashSet<>(List.of("dog", "puppy"));
    assertEquals(Outcome.TRUE, AnswerProtocol.IMAGENET_D.parse("A PUPPY", "dog", dog, "cat", Set.of("cat"), "A"));
    assertEquals(Outcome.NEITHER, AnswerProtocol.IMAGENET_D.parse("A PUPPY", "dog", Set.of("dog"), "cat", Set.of("cat"), "A"));
    // option letters: strict reads them, ImageNet-D does not
    assertEquals(Outcome.TRUE, AnswerProtocol.STRICT.parse("(A)", "dog", Set.of("dog"), "cat", Set.of("cat"), "A"));
    assertEquals(Outcome.NEITHER, AnswerProtocol.IMAGENET_D.parse("(A)", "dog", Set.of("dog"), "cat", Set.of("cat"), "A"));
    assertEquals(AnswerProtocol.IMAGENET_D, AnswerProtocol.of("ImageNet_D"));
    assertEquals(AnswerProtocol.STRICT, AnswerProtocol.of(" strict "));
    assertEquals(AnswerProtocol.IMAGENET_D, AnswerProtocol.DEFAULT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnswerProtocol.of("loose"));
    assertTrue(e.getMessage().contains("imagenet-d, strict"), e.getMessage());
    assertEquals(AnswerProtocol.IMAGENET_D, new LmmComparison.Params(0.5, List.of(), "q").protocol());
  }
}
