package io.clipwb.core.model;

/** One worker thread's handle on the image tower. */
public interface ImageEncoder extends AutoCloseable {
  /** Image embeddings as returned by the tower (not normalised), one row per image. */
  float[][] encode(ImageBatch batch);

  /**
   * Patch-token features before pooling, when the bundle exports them (see {@link Bundle#patchEncoder()}).
   *
   * @throws UnsupportedOperationException when the bundle has no patch-token output
   */
  default PatchFeatures encodePatches(ImageBatch batch) {
    throw new UnsupportedOperationException("this bundle exports no patch-token output");
  }

  @Override
  void close();
}
