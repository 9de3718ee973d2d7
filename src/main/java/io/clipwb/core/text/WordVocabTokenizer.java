package io.clipwb.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code word-vocab} tokenizer of small self-contained models (the sample lab's): a JSON array of
 * strings whose index is the id.
 *
 * <p>Contract (models are trained against exactly this): the text is lower-cased
 * ({@code toLowerCase(Locale.ROOT)}); words are the maximal runs of {@code [a-z0-9]}, everything else
 * separates; each word maps to its index, or to the index of {@code "<unk>"} when absent. The list
 * must hold {@code "<pad>"} at index 0, {@code "<unk>"}, {@code "<sot>"}, and {@code "<eot>"} as its
 * last element — CLIP-style text towers pool at the argmax id, which is then the EOT. The bundle's
 * {@code sot}/{@code eot} must equal those indices. Then the usual [SOT] + ids + [EOT], truncated to
 * the context length with EOT last, zero-padded ({@link Tokenizer#tokenize}).
 */
public final class WordVocabTokenizer extends SpecialTokens {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WordVocabTokenizer.class);

  private final Map<String, Integer> ids;
  private final int unk;
  private final String source;
  /** Words met that the vocabulary lacks (each is warned about once). */
  private final java.util.Set<String> unknown = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private WordVocabTokenizer(Map<String, Integer> ids, int unk, int sot, int eot, int contextLength, String source) {
    super(contextLength, sot, eot);
    this.ids = ids;
    this.unk = unk;
    this.source = source;
  }

  /** The words met so far that the vocabulary lacks (they were encoded as {@code <unk>}), sorted. */
  public List<String> unknownWords() {
    return unknown.stream().sorted().toList();
  }

  /** Reads and validates the vocabulary; SOT/EOT are the indices of {@code <sot>} and {@code <eot>}. */
  public static WordVocabTokenizer load(Path file, int contextLength) throws IOException {
    JsonNode root = readJson(file);
    if (!root.isArray()) throw new IOException(file + ": a word-vocab file must be a JSON array of strings");
    List<String> words = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      if (!root.get(i).isTextual()) throw new IOException(file + ": element " + i + " is not a string: " + root.get(i));
      words.add(root.get(i).asText());
    }
    return of(words, contextLength, file.toString());
  }

  /** Builds the tokenizer from the word list ({@code where} names it in messages). */
  public static WordVocabTokenizer of(List<String> words, int contextLength, String where) throws IOException {
    Map<String, Integer> ids = new HashMap<>(words.size() * 2);
    for (int i = 0; i < words.size(); i++) {
      if (ids.putIfAbsent(words.get(i), i) != null) {
        throw new IOException(where + ": \"" + words.get(i) + "\" appears twice (indices " + ids.get(words.get(i)) + " and " + i + ")");
      }
    }
    if (words.isEmpty() || !"<pad>".equals(words.get(0))) throw new IOException(where + ": element 0 must be \"<pad>\"");
    for (String s : List.of("<unk>", "<sot>", "<eot>")) {
      if (!ids.containsKey(s)) throw new IOException(where + ": the vocabulary lacks \"" + s + "\"");
    }
    if (ids.get("<eot>") != words.size() - 1) {
      throw new IOException(where + ": \"<eot>\" must be the last element (index " + (words.size() - 1) + "), found at "
          + ids.get("<eot>") + "; CLIP text towers pool at the largest id");
    }
    if (contextLength < 2) throw new IOException(where + ": context length must be at least 2, got " + contextLength);
    return new WordVocabTokenizer(ids, ids.get("<unk>"), ids.get("<sot>"), ids.get("<eot>"), contextLength, where);
  }

  /** Checks the ids a bundle declares against the vocabulary. */
  WordVocabTokenizer withBundleIds(int contextLength, int sot, int eot, String where) {
    if (sot != sot() || eot != eot()) {
      throw new IllegalArgumentException(where + ": sot/eot are " + sot + "/" + eot + " but the vocabulary has <sot>="
          + sot() + " and <eot>=" + eot());
    }
    return new WordVocabTokenizer(ids, unk, sot, eot, contextLength, source);
  }

  @Override
  public int[] encode(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    List<Integer> out = new ArrayList<>();
    List<String> fresh = null;
    int i = 0;
    int n = t.length();
    while (i < n) {
      if (!isWordChar(t.charAt(i))) {
        i++;
        continue;
      }
      int j = i;
      while (j < n && isWordChar(t.charAt(j))) j++;
      String w = t.substring(i, j);
      Integer id = ids.get(w);
      if (id == null && unknown.add(w)) {
        if (fresh == null) fresh = new ArrayList<>();
        fresh.add(w);
      }
      out.add(id != null ? id : unk);
      i = j;
    }
    if (fresh != null) {
      // a class name the sample model never saw: its prompt embeds as <unk>, and scores for that class mean little
      LOG.warn("{}: words not in the vocabulary, encoded as <unk>: {} (in \"{}\")", source, fresh, text);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

}
