package io.clipwb.core.model;

/** One worker thread's handle on the text tower. */
public interface TextEncoder extends AutoCloseable {
  /**
   * Text embeddings (not normalised) for token id sequences already padded to the bundle's context
   * length, one row per text.
   */
  float[][] encode(int[][] tokens);

  @Override
  void close();
}
