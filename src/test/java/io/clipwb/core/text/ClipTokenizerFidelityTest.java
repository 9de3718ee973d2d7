package io.clipwb.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.testing.Shared;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token ids against {@code shared/reference/clip_tokenizer.json}: 2,012 texts tokenized by OpenAI
 * CLIP's own {@code clip.tokenize(truncate=True)}.
 */
@Tag("reference")
class ClipTokenizerFidelityTest {
  private static final Logger LOG = LoggerFactory.getLogger(ClipTokenizerFidelityTest.class);
  static Path root;
  static JsonNode ref;

  /** Reads the reference once; the shared-data gate runs in every test (skip or, in CI, fail). */
  private static synchronized void assumeShared() {
    Path f = Shared.path("reference/clip_tokenizer.json");
    if (ref == null) {
      root = Shared.root();
      ref = Json.read(f);
    }
  }

  /** Reference rows are [SOT] + ids + [EOT] without padding. */
  private static int[] unpadded(int[] row, int eot) {
    for (int i = 0; i < row.length; i++) if (row[i] == eot) return Arrays.copyOf(row, i + 1);
    return row;
  }

  @Test
  void openAiBpeReproducesEveryReferenceCase() throws Exception {
    assumeShared();
    Tokenizer tok = OpenAiClipTokenizer.load(root.resolve("data/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz"), ref.get("context_length").asInt());
    assertEquals(ref.get("sot").asInt(), tok.sot());
    assertEquals(ref.get("eot").asInt(), tok.eot());
    List<String> texts = new ArrayList<>();
    List<int[]> expected = new ArrayList<>();
    for (JsonNode c : ref.get("cases")) {
      texts.add(c.get("text").asText());
      int[] ids = new int[c.get("ids").size()];
      for (int i = 0; i < ids.length; i++) ids[i] = c.get("ids").get(i).asInt();
      expected.add(ids);
    }
    assertEquals(2012, texts.size());
    int[][] rows = tok.tokenize(texts);
    int truncated = 0;
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(77, rows[i].length);
      assertArrayEquals(expected.get(i), unpadded(rows[i], tok.eot()), "text: " + texts.get(i));
      for (int j = expected.get(i).length; j < 77; j++) assertEquals(0, rows[i][j], "padding of " + texts.get(i));
      if (expected.get(i).length == 77) truncated++;
    }
    assertTrue(truncated > 0, "the reference holds over-long texts");
    LOG.info("openai-clip-bpe: {} / {} reference texts identical ({} truncated)", texts.size(), texts.size(), truncated);
  }

  /**
   * The Hugging Face tokenizer.json of the same model gives the same ids wherever its pipeline does
   * not differ from OpenAI's (it applies NFC and no html.unescape): every reference text except those
   * holding an HTML entity or a decomposed accent.
   */
  @Test
  void hfTokenizerJsonAgreesWithOpenAiWhereNormalizationDoesNotMatter() throws Exception {
    assumeShared();
    Tokenizer hf = Tokenizers.hfTokenizerJson(root.resolve("data/clip-tokenizer/tokenizer.json"), 77);
    assertEquals(49406, hf.sot());
    assertEquals(49407, hf.eot());
    int agree = 0;
    int comparable = 0;
    List<String> differing = new ArrayList<>();
    for (JsonNode c : ref.get("cases")) {
      String text = c.get("text").asText();
      int[] ids = new int[c.get("ids").size()];
      for (int i = 0; i < ids.length; i++) ids[i] = c.get("ids").get(i).asInt();
      int[] got = unpadded(hf.tokenize(List.of(text))[0], hf.eot());
      boolean same = Arrays.equals(ids, got);
      boolean normalizationMatters = text.contains("&")
          || !java.text.Normalizer.isNormalized(text, java.text.Normalizer.Form.NFC);
      if (same) agree++;
      else differing.add(text);
      if (!normalizationMatters) {
        comparable++;
        assertArrayEquals(ids, got, "hf-tokenizer-json differs on: " + text);
      }
    }
    LOG.info("hf-tokenizer-json: {} / {} reference texts identical to OpenAI's ids ({} where NFC/HTML do not matter, all identical); differing: {}",
        agree, ref.get("cases").size(), comparable, differing);
    assertTrue(comparable >= 2000);
  }
}
