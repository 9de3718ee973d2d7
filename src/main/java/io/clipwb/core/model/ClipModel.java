package io.clipwb.core.model;

/**
 * A loaded CLIP model: the image and text towers of one {@link Bundle}. This is the only view of a
 * model that the core has; the DJL adapter implements it, and tests can implement it with plain
 * Java. Towers are used through per-thread encoders because inference engines (DJL's
 * {@code Predictor}) are not thread-safe: each worker thread opens its own and closes it.
 */
public interface ClipModel extends AutoCloseable {
  /** The bundle this model was loaded from (preprocessing, tokenizer, card, fingerprint). */
  Bundle bundle();

  /** A new image encoder for the calling worker thread. Not thread-safe; close it when done. */
  ImageEncoder newImageEncoder();

  /** A new text encoder for the calling worker thread. Not thread-safe; close it when done. */
  TextEncoder newTextEncoder();

  /** Releases the model's native resources. */
  @Override
  void close();
}
