package io.clipwb.core.model;

/**
 * A batch of preprocessed images in NCHW float layout (already resized, cropped and normalised
 * with the bundle's mean/std), as a flat array: element (n, c, y, x) lies at
 * {@code ((n * 3 + c) * height + y) * width + x}.
 */
public record ImageBatch(int count, int height, int width, float[] pixels) {
  public ImageBatch {
    if ((long) count * 3 * height * width != pixels.length) {
      throw new IllegalArgumentException(
          "pixel array of length " + pixels.length + " does not hold " + count + " x 3 x " + height + " x " + width);
    }
  }
}
