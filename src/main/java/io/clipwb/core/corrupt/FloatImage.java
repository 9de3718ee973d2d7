package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;

/**
 * A mutable float image in interleaved HWC layout with {@code channels} samples per pixel, values
 * nominally in [0, 1]. The ImageNet-C reference works on {@code np.array(x) / 255.} and converts the
 * result back with {@code np.uint8(np.clip(x, 0, 1) * 255)} — a truncation, not a rounding — which
 * {@link #toRgbTruncated()} reproduces.
 */
public final class FloatImage {
  public final int width;
  public final int height;
  public final int channels;
  public final float[] data;

  public FloatImage(int width, int height, int channels, float[] data) {
    if ((long) width * height * channels != data.length) {
      throw new IllegalArgumentException("float buffer of " + data.length + " does not fit " + width + "x" + height + "x" + channels);
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.data = data;
  }

  public static FloatImage zeros(int width, int height, int channels) {
    return new FloatImage(width, height, channels, new float[width * height * channels]);
  }

  /** RGB bytes scaled to [0, 1]. */
  public static FloatImage of(RgbImage img) {
    byte[] b = img.rgb();
    float[] f = new float[b.length];
    for (int i = 0; i < b.length; i++) f[i] = (b[i] & 0xff) / 255f;
    return new FloatImage(img.width(), img.height(), 3, f);
  }

  public FloatImage copy() {
    return new FloatImage(width, height, channels, data.clone());
  }

  public float get(int x, int y, int c) {
    return data[(y * width + x) * channels + c];
  }

  /** {@code np.uint8(np.clip(x, 0, 1) * 255)}: clip, scale, truncate. Requires 3 channels. */
  public RgbImage toRgbTruncated() {
    if (channels != 3) throw new IllegalStateException("not an RGB float image: " + channels + " channels");
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i++) out[i] = (byte) (int) (clamp01(data[i]) * 255f);
    return new RgbImage(width, height, out);
  }

  /** Same as {@link #toRgbTruncated()} for data already on the 0..255 scale (clip to [0, 255]). */
  public RgbImage toRgbTruncated255() {
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      float v = data[i];
      out[i] = (byte) (int) (v < 0 ? 0 : v > 255 ? 255 : v);
    }
    return new RgbImage(width, height, out);
  }

  static float clamp01(float v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
