package io.clipwb.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.sentencepiece.SentencePieceModel;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SentencePiece and transformers' SiglipTokenizer in plain Java against the ids the libraries
 * themselves give (sentencepiece 0.1.97 and tokenization_siglip.py, run by
 * tools/checkpoints/make_siglip_fixtures.py) for 52 strings: punctuation, digits, case, NFKC
 * (full-width, ligatures), scripts the vocabulary lacks (unknown runs; byte fallback), special
 * tokens in the text, whitespace runs, over-long text (truncation) and the empty string.
 */
class SiglipTokenizerTest {
  static Path dir() {
    try {
      return Path.of(SiglipTokenizerTest.class.getResource("/checkpoints/sentencepiece").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"unigram-200-nmt-nfkc", "unigram-420-bytes-identity"})
  @Tag("reference")
  void siglipRowsMatchTheUpstreamTokenizer(String name) throws Exception {
    JsonNode doc = Json.read(dir().resolve(name + ".json"));
    Path model = dir().resolve(doc.get("model").asText()).normalize();
    SiglipTokenizer tok = SiglipTokenizer.load(model, null, doc.get("max_length").asInt());
    assertEquals(doc.get("eos_id").asInt(), tok.eot());
    assertEquals(doc.get("pad_id").asInt(), tok.padId());
    List<String> texts = new ArrayList<>();
    for (JsonNode c : doc.get("cases")) texts.add(c.get("text").asText());
    int[][] rows = tok.tokenize(texts);
    int same = 0;
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      int[] want = ints(doc.get("cases").get(i).get("ids"));
      if (java.util.Arrays.equals(want, rows[i])) same++;
      else bad.add(texts.get(i) + ": want " + java.util.Arrays.toString(want) + " got " + java.util.Arrays.toString(rows[i]));
    }
    assertEquals(texts.size(), same, name + ": " + String.join("\n", bad));
  }

  @ParameterizedTest
  @ValueSource(strings = {"unigram-200-nmt-nfkc", "unigram-420-bytes-identity"})
  @Tag("reference")
  void plainSentencePieceMatchesTheLibrary(String name) throws Exception {
    JsonNode doc = Json.read(dir().resolve(name + ".json"));
    SentencePieceModel sp = SentencePieceModel.load(dir().resolve(doc.get("model").asText()).normalize());
    for (JsonNode c : doc.get("cases")) {
      assertArrayEquals(ints(c.get("sentencepiece_ids")), sp.encodeIds(c.get("text").asText()), c.get("text").asText());
    }
  }

  static int[] ints(JsonNode a) {
    int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) r[i] = a.get(i).asInt();
    return r;
  }
}
