package io.clipwb.core.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE as in OpenAI CLIP's {@code simple_tokenizer.py} ({@code bytes_to_unicode},
 * {@code SimpleTokenizer.bpe}): a pre-token's UTF-8 bytes become printable stand-in characters, the
 * last one gets the {@code </w>} suffix, and the lowest-ranked adjacent pair is merged (every
 * occurrence, left to right) until no ranked pair is left. Results are cached per pre-token.
 * Shared by the OpenAI and the Hugging Face flavour, which use the same algorithm.
 */
final class Bpe {
  /** {@code bytes_to_unicode()}: byte value → stand-in character. */
  static final char[] BYTE_ENCODER = new char[256];
  /** The 256 stand-ins in {@code bytes_to_unicode()} order (the first 256 vocabulary entries). */
  static final char[] BYTE_ORDER = new char[256];

  static {
    List<Integer> bs = new ArrayList<>();
    for (int b = '!'; b <= '~'; b++) bs.add(b);
    for (int b = 0xA1; b <= 0xAC; b++) bs.add(b);
    for (int b = 0xAE; b <= 0xFF; b++) bs.add(b);
    List<Integer> cs = new ArrayList<>(bs);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (!bs.contains(b)) {
        bs.add(b);
        cs.add(256 + n);
        n++;
      }
    }
    for (int i = 0; i < 256; i++) {
      BYTE_ENCODER[bs.get(i)] = (char) (int) cs.get(i);
      BYTE_ORDER[i] = (char) (int) cs.get(i);
    }
  }

  private static final int CACHE_LIMIT = 200_000;
  private final Map<String, Integer> ranks;
  private final Map<String, Integer> vocab;
  private final String suffix;
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

  /**
   * @param ranks merge rank keyed by {@code first + " " + second}
   * @param vocab token string → id
   * @param suffix end-of-word suffix ({@code </w>})
   */
  Bpe(Map<String, Integer> ranks, Map<String, Integer> vocab, String suffix) {
    this.ranks = ranks;
    this.vocab = vocab;
    this.suffix = suffix;
  }

  /** The stand-in string of a pre-token's UTF-8 bytes. */
  static String byteEncode(String token) {
    byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
    char[] c = new char[utf8.length];
    for (int i = 0; i < utf8.length; i++) c[i] = BYTE_ENCODER[utf8[i] & 0xff];
    return new String(c);
  }

  /** Ids of one byte-encoded pre-token. */
  int[] encode(String token) {
    int[] ids = cache.get(token);
    if (ids != null) return ids;
    List<String> word = merge(token);
    ids = new int[word.size()];
    for (int i = 0; i < ids.length; i++) {
      Integer id = vocab.get(word.get(i));
      if (id == null) throw new IllegalStateException("BPE produced a symbol missing from the vocabulary: " + word.get(i));
      ids[i] = id;
    }
    if (cache.size() > CACHE_LIMIT) cache.clear();
    cache.put(token, ids);
    return ids;
  }

  private List<String> merge(String token) {
    List<String> word = new ArrayList<>(token.length());
    for (int i = 0; i < token.length() - 1; i++) word.add(String.valueOf(token.charAt(i)));
    word.add(token.charAt(token.length() - 1) + suffix);
    while (word.size() > 1) {
      int best = Integer.MAX_VALUE;
      String first = null;
      String second = null;
      for (int i = 0; i + 1 < word.size(); i++) {
        Integer r = ranks.get(word.get(i) + " " + word.get(i + 1));
        if (r != null && r < best) {
          best = r;
          first = word.get(i);
          second = word.get(i + 1);
        }
      }
      if (first == null) break;
      List<String> next = new ArrayList<>(word.size());
      int i = 0;
      while (i < word.size()) {
        if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
          next.add(first + second);
          i += 2;
        } else {
          next.add(word.get(i));
          i++;
        }
      }
      word = next;
    }
    return word;
  }
}
