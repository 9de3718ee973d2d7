package io.clipwb.core.cache;

import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link EmbeddingCacheConcurrencyTest}: writes {@code count} keys
 * {@code <prefix><i>} one shard each into a shared cache and compacts after every few, so two of
 * these running at once interleave writes and compactions.
 */
public final class CacheWriterMain {
  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    EmbeddingCache c = EmbeddingCache.open(root, "shared-fp", "images", 4);
    for (int i = 0; i < count; i++) {
      c.put(List.of(prefix + i), new float[][] {EmbeddingCacheConcurrencyTest.row(prefix, i)});
      if (i % 5 == 4) c.compact(3);
    }
    c.compact(1);
  }
}
