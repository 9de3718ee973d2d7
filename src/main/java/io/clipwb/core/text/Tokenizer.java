package io.clipwb.core.text;

import java.util.List;

/** Text → token ids for a bundle's text tower. Implementations are thread-safe. */
public interface Tokenizer {
  /** BPE/word ids of the text without SOT/EOT. */
  int[] encode(String text);

  int contextLength();

  int sot();

  int eot();

  /**
   * As {@code clip.tokenize(texts, truncate=True)}: [SOT] + ids + [EOT], truncated to the context
   * length with EOT kept last, zero-padded.
   */
  default int[][] tokenize(List<String> texts) {
    int[][] out = new int[texts.size()][contextLength()];
    for (int i = 0; i < texts.size(); i++) {
      int[] ids = encode(texts.get(i));
      int[] row = out[i];
      row[0] = sot();
      int n = Math.min(ids.length, contextLength() - 2);
      System.arraycopy(ids, 0, row, 1, n);
      row[n + 1] = eot();
    }
    return out;
  }
}
