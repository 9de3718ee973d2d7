package io.clipwb.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every command that embeds images through the cache ({@code eval}, {@code project
 * run}): one definition, so names, defaults and help read the same everywhere.
 */
final class EmbeddingOptions {
  @Option(names = "--cache", description = "embedding cache folder (default: $CLIPWB_CACHE or ~/.cache/clipwb)")
  Path cache;

  @Option(names = "--batch", defaultValue = "32", description = "images per forward pass (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--decode-threads", description = "decode/preprocess threads (default: half the cores)")
  Integer decodeThreads;

  @Option(names = "--allow-outside-root",
      description = "let manifest rows name files outside the manifest's folder (after links are resolved); refused by default")
  boolean allowOutsideRoot;

  /** The decode threads asked for, else {@code fallback}. */
  int decodeThreads(int fallback) {
    return decodeThreads != null ? decodeThreads : fallback;
  }
}
