package io.clipwb.core.image;

/**
 * The EXIF orientation tag (0x0112) and the transposition that undoes it, as Pillow's
 * {@code ImageOps.exif_transpose} maps it: 2 = mirror, 3 = rotate 180, 4 = flip, 5 = transpose,
 * 6 = rotate 90 clockwise, 7 = transverse, 8 = rotate 90 counter-clockwise.
 */
final class ExifOrientation {
  private ExifOrientation() {}

  /** The orientation (1..8) in a TIFF-structured EXIF block, or 1 when absent or unreadable. */
  static int read(byte[] tiff) {
    if (tiff == null || tiff.length < 8) return 1;
    boolean little;
    if (tiff[0] == 'I' && tiff[1] == 'I') little = true;
    else if (tiff[0] == 'M' && tiff[1] == 'M') little = false;
    else return 1;
    long ifd = u32(tiff, 4, little);
    if (ifd < 8 || ifd + 2 > tiff.length) return 1;
    int n = u16(tiff, (int) ifd, little);
    for (int i = 0; i < n; i++) {
      int e = (int) ifd + 2 + 12 * i;
      if (e + 12 > tiff.length) return 1;
      if (u16(tiff, e, little) == 0x0112) {
        int type = u16(tiff, e + 2, little);
        int v = type == 3 ? u16(tiff, e + 8, little) : type == 4 ? (int) u32(tiff, e + 8, little) : 1;
        return v >= 1 && v <= 8 ? v : 1;
      }
    }
    return 1;
  }

  /** The image as it should be displayed given the orientation tag. */
  static RgbImage apply(RgbImage im, int orientation) {
    if (orientation <= 1 || orientation > 8) return im;
    int w = im.width();
    int h = im.height();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    byte[] src = im.rgb();
    byte[] dst = new byte[src.length];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          default -> { sx = w - 1 - y; sy = x; } // 8
        }
        int s = (sy * w + sx) * 3;
        int d = (y * ow + x) * 3;
        dst[d] = src[s];
        dst[d + 1] = src[s + 1];
        dst[d + 2] = src[s + 2];
      }
    }
    return new RgbImage(ow, oh, dst);
  }

  private static int u16(byte[] b, int p, boolean little) {
    return little ? (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 : (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
  }

  private static long u32(byte[] b, int p, boolean little) {
    return little
        ? (long) u16(b, p, true) | (long) u16(b, p + 2, true) << 16
        : (long) u16(b, p, false) << 16 | u16(b, p + 2, false);
  }
}
