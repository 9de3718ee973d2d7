package io.clipwb.core.run;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.TextEncoder;
import io.clipwb.core.text.Tokenizer;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Text embeddings of prompts, cached per (model fingerprint, exact prompt): changing one template
 * encodes only the new prompts.
 */
public final class TextEmbedder {
  private TextEmbedder() {}

  /**
   * Raw text-tower outputs, one row per prompt (duplicates allowed). Only prompts missing from the
   * cache are encoded; {@link Progress#items} reports distinct prompts computed vs found in the cache
   * (once after the lookup, then after every batch).
   */
  public static float[][] embed(ClipModel model, Tokenizer tokenizer, List<String> prompts, EmbeddingCache cache,
      int batchSize, Progress progress, Cancellation cancel) {
    return embed(model::newTextEncoder, tokenizer, prompts, cache, batchSize, progress, cancel);
  }

  /**
   * As {@link #embed(ClipModel, Tokenizer, List, EmbeddingCache, int, Progress, Cancellation)} with
   * only a text-encoder factory, called only when some prompt is not cached (so a re-score whose
   * prompts are all cached never opens a tower).
   */
  public static float[][] embed(Supplier<TextEncoder> encoders, Tokenizer tokenizer, List<String> prompts, EmbeddingCache cache,
      int batchSize, Progress progress, Cancellation cancel) {
    Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    List<String> missing = new ArrayList<>();
    LinkedHashSet<String> distinct = new LinkedHashSet<>(prompts);
    for (String p : distinct) if (!cache.contains(key(p))) missing.add(p);
    int cached = distinct.size() - missing.size();
    progress.items(0, cached);
    if (!missing.isEmpty()) {
      try (TextEncoder enc = encoders.get()) {
        for (int s = 0; s < missing.size(); s += batchSize) {
          cancel.check();
          List<String> chunk = missing.subList(s, Math.min(missing.size(), s + batchSize));
          float[][] e = enc.encode(tokenizer.tokenize(chunk));
          cache.put(chunk.stream().map(TextEmbedder::key).toList(), e);
          progress.items(s + chunk.size(), cached);
          progress.update(s + chunk.size(), missing.size(), "encoding prompts");
        }
      }
    }
    float[][] out = new float[prompts.size()][];
    for (int i = 0; i < out.length; i++) out[i] = cache.get(key(prompts.get(i)));
    return out;
  }

  /** The cache key of one prompt in the "texts" space. */
  public static String key(String prompt) {
    return "text:" + prompt;
  }
}
