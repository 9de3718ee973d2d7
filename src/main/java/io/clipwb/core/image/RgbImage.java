package io.clipwb.core.image;

/**
 * An 8-bit RGB image in row-major interleaved HWC layout: the sample at (x, y, c) lies at
 * {@code (y * width + x) * 3 + c}, unsigned. This is the common currency of decoding,
 * preprocessing, corruptions and the sample world: plain Java, no AWT/JavaFX/OpenCV types.
 */
public record RgbImage(int width, int height, byte[] rgb) {
  public RgbImage {
    if (width <= 0 || height <= 0 || (long) width * height * 3 != rgb.length) {
      throw new IllegalArgumentException("RGB buffer of " + rgb.length + " bytes does not fit " + width + "x" + height);
    }
  }

  public static RgbImage blank(int width, int height) {
    return new RgbImage(width, height, new byte[width * height * 3]);
  }

  /** Channel value 0..255 at (x, y, c). */
  public int get(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xff;
  }

  public void set(int x, int y, int c, int value) {
    rgb[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, value));
  }
}
