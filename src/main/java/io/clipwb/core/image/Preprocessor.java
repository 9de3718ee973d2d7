package io.clipwb.core.image;

import io.clipwb.core.model.Preprocessing;

/**
 * A bundle's preprocessing as a function RGB image → normalised CHW floats. CONTRACT STUB —
 * implemented in the fidelity work.
 */
public final class Preprocessor {
  private final Preprocessing spec;

  public Preprocessor(Preprocessing spec) {
    this.spec = spec;
  }

  public Preprocessing spec() {
    return spec;
  }

  /** Resize + center crop to {@code inputSize} x {@code inputSize}, as 8-bit RGB. */
  public RgbImage resizeAndCrop(RgbImage image) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The full transform: 3 x inputSize x inputSize floats, (x/255 - mean) / std. */
  public float[] apply(RgbImage image) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
