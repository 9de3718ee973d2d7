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

/**
 * Text embeddings of prompts, cached per (model fingerprint, exact prompt): changing one template
 * encodes only the new prompts.
 */
public final class TextEmbedder {
  private TextEmbedder() {}

  /** Raw text-tower outputs, one row per prompt (duplicates allowed). */
  public static float[][] embed(ClipModel model, Tokenizer tokenizer, List<String> prompts, EmbeddingCache cache,
      int batchSize, Progress progress, Cancellation cancel) {
    List<String> missing = new ArrayList<>();
    for (String p : new LinkedHashSet<>(prompts)) if (!cache.contains(key(p))) missing.add(p);
    if (!missing.isEmpty()) {
      try (TextEncoder enc = model.newTextEncoder()) {
        for (int s = 0; s < missing.size(); s += batchSize) {
          cancel.check();
          List<String> chunk = missing.subList(s, Math.min(missing.size(), s + batchSize));
          float[][] e = enc.encode(tokenizer.tokenize(chunk));
          cache.put(chunk.stream().map(TextEmbedder::key).toList(), e);
          progress.update(s + chunk.size(), missing.size(), "encoding prompts");
        }
      }
    }
    float[][] out = new float[prompts.size()][];
    for (int i = 0; i < out.length; i++) out[i] = cache.get(key(prompts.get(i)));
    return out;
  }

  static String key(String prompt) {
    return "text:" + prompt;
  }
}
