package io.clipwb.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.model.TokenizerSpec;
import io.clipwb.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokenizer details that the reference file does not isolate: HTML entities, word-vocab, bundles. */
class TokenizerEdgeCasesTest {
  @TempDir Path tmp;

  @Test
  void htmlUnescapeMatchesPython() {
    // expected values printed by CPython 3.11 html.unescape
    String[][] cases = {
        {"&amp;amp;", "&amp;"}, {"&ampx", "&x"}, {"&notit;", "\u00acit;"}, {"&notin;", "\u2209"},
        {"&#65;&#x42;&#X43", "ABC"}, {"&#0;", "\ufffd"}, {"&#128;", "\u20ac"}, {"&#xD800;", "\ufffd"},
        {"&#1114112;", "\ufffd"}, {"&#11;", ""}, {"&nosuch;", "&nosuch;"}, {"a & b", "a & b"},
        {"&lt&gt", "<>"}, {"&#128054;", "\ud83d\udc36"}, {"&NotNestedGreaterGreater;", "\u2aa2\u0338"},
        {"&#99999999999999999999;", "\ufffd"}};
    for (String[] c : cases) assertEquals(c[1], HtmlUnescape.unescape(c[0]), c[0]);
    assertEquals("&", OpenAiClipTokenizer.basicClean("  &amp;amp;\u00a0"), "unescaped twice and Python-stripped");
  }

  @Test
  void pythonStripAndWhitespace() {
    assertEquals("a b", OpenAiClipTokenizer.whitespaceClean("\u3000a \t\n\u2003 b\u00a0"));
    assertEquals("x", OpenAiClipTokenizer.pyStrip("\u0085\u001cx\u202f"));
  }

  private static Path vocab(Path dir, String json) throws IOException {
    Path p = dir.resolve("vocab.json");
    Files.writeString(p, json);
    return p;
  }

  @Test
  void wordVocabFollowsItsContract() throws Exception {
    Path p = vocab(tmp, "[\"<pad>\", \"<unk>\", \"<sot>\", \"a\", \"photo\", \"of\", \"cat\", \"2nd\", \"<eot>\"]");
    WordVocabTokenizer t = WordVocabTokenizer.load(p, 8);
    assertEquals(2, t.sot());
    assertEquals(8, t.eot());
    assertArrayEquals(new int[] {3, 4, 5, 3, 6, 1, 7}, t.encode("A Photo-of a CAT, (dog) 2nd"));
    assertArrayEquals(new int[] {1, 1}, t.encode("héllo")); // 'h' and 'llo' are separate words, both unknown
    int[][] rows = t.tokenize(List.of("a photo of a cat a cat", "cat"));
    assertArrayEquals(new int[] {2, 3, 4, 5, 3, 6, 3, 8}, rows[0], "truncated with EOT last");
    assertArrayEquals(new int[] {2, 6, 8, 0, 0, 0, 0, 0}, rows[1], "zero padded");
  }

  @Test
  void wordVocabReportsTheWordsItDoesNotKnow() throws Exception {
    Path p = vocab(tmp, "[\"<pad>\", \"<unk>\", \"<sot>\", \"a\", \"photo\", \"of\", \"cat\", \"<eot>\"]");
    WordVocabTokenizer t = WordVocabTokenizer.load(p, 8);
    t.encode("a photo of a cat");
    assertEquals(List.of(), t.unknownWords());
    assertArrayEquals(new int[] {3, 4, 5, 3, 1}, t.encode("a photo of a zebra"));
    t.encode("a photo of a unicorn zebra");
    assertEquals(List.of("unicorn", "zebra"), t.unknownWords());
  }

  @Test
  void wordVocabRejectsBadLists() throws Exception {
    Path d1 = Files.createDirectory(tmp.resolve("d1"));
    IOException e = assertThrows(IOException.class,
        () -> WordVocabTokenizer.load(vocab(d1, "[\"<pad>\", \"<unk>\", \"<eot>\", \"<sot>\"]"), 8));
    assertTrue(e.getMessage().contains("\"<eot>\" must be the last element"), e.getMessage());
    Path d2 = Files.createDirectory(tmp.resolve("d2"));
    e = assertThrows(IOException.class, () -> WordVocabTokenizer.load(vocab(d2, "[\"<unk>\", \"<pad>\", \"<sot>\", \"<eot>\"]"), 8));
    assertTrue(e.getMessage().contains("element 0 must be \"<pad>\""), e.getMessage());
    Path d3 = Files.createDirectory(tmp.resolve("d3"));
    e = assertThrows(IOException.class, () -> WordVocabTokenizer.load(vocab(d3, "[\"<pad>\", \"<sot>\", \"<eot>\"]"), 8));
    assertTrue(e.getMessage().contains("lacks \"<unk>\""), e.getMessage());
    Path d4 = Files.createDirectory(tmp.resolve("d4"));
    e = assertThrows(IOException.class, () -> WordVocabTokenizer.load(vocab(d4, "{\"a\": 1}"), 8));
    assertTrue(e.getMessage().contains("JSON array"), e.getMessage());
  }

  private static Bundle bundle(Path dir, TokenizerSpec spec) {
    return new Bundle(dir, "t", dir.resolve("img.pt"), dir.resolve("txt.pt"), Optional.empty(), null, 8, 100f,
        Preprocessing.clip(224), spec, null, "x");
  }

  @Test
  void forBundleResolvesAndValidates() throws Exception {
    vocab(tmp, "[\"<pad>\", \"<unk>\", \"<sot>\", \"cat\", \"<eot>\"]");
    Tokenizer t = Tokenizers.forBundle(bundle(tmp, new TokenizerSpec("word-vocab", "vocab.json", 6, 2, 4)));
    assertArrayEquals(new int[] {2, 3, 4, 0, 0, 0}, t.tokenize(List.of("cat"))[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tokenizers.forBundle(bundle(tmp, new TokenizerSpec("word-vocab", "vocab.json", 6, 1, 4))));
    assertTrue(e.getMessage().contains("bundle.json: tokenizer") && e.getMessage().contains("<sot>=2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Tokenizers.forBundle(bundle(tmp, new TokenizerSpec("sentencepiece", "vocab.json", 6, 2, 4))));
    assertTrue(e.getMessage().contains("kind \"sentencepiece\" is unknown"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Tokenizers.forBundle(bundle(tmp, new TokenizerSpec("openai-clip-bpe", "missing.txt.gz", 77, 49406, 49407))));
    assertTrue(e.getMessage().contains("missing.txt.gz"), e.getMessage());
  }

  @Test
  void sharedPrefixFindsOpenAiVocabulary() {
    Shared.path("data/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz");
    Shared.path("data/clip-tokenizer/tokenizer.json");
    TokenizerSpec spec = new TokenizerSpec("openai-clip-bpe", "shared:data/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz", 77, 49406, 49407);
    Tokenizer t = Tokenizers.forBundle(bundle(tmp, spec));
    int[] row = t.tokenize(List.of("a photo of a <|endoftext|> \ud83d\udc36"))[0];
    assertEquals(49406, row[0]);
    assertEquals(49407, row[5], "special tokens in the text keep their id");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tokenizers.forBundle(bundle(tmp, new TokenizerSpec("openai-clip-bpe", spec.file(), 77, 1, 2))));
    assertTrue(e.getMessage().contains("<|startoftext|>=49406"), e.getMessage());
    Tokenizer hf = Tokenizers.forBundle(bundle(tmp, new TokenizerSpec("hf-tokenizer-json", "shared:data/clip-tokenizer/tokenizer.json", 77, 49406, 49407)));
    assertArrayEquals(t.encode("Caf\u00e9 \ud83d\udc36\ud83d\udc31 test"), hf.encode("Cafe\u0301 \ud83d\udc36\ud83d\udc31 test"),
        "NFC makes the decomposed accent agree with OpenAI's composed one");
  }
}
