package io.clipwb.core.image;

/**
 * What the JPEG marker segments before the first scan say: frame size and components, the JFIF and
 * Adobe markers (which decide the colour space exactly as libjpeg's {@code default_decompress_parms}
 * in {@code jdapimin.c} does), and the EXIF block. Parsed by hand so that the colour conversion is
 * ours and not the JDK's guess.
 */
record JpegInfo(
    int width,
    int height,
    int precision,
    int[] componentIds,
    boolean jfif,
    boolean adobe,
    int adobeTransform,
    boolean progressive,
    boolean arithmetic,
    byte[] exif) {

  /** libjpeg's colour space of the coded data. */
  enum ColorSpace { GRAY, YCBCR, RGB, CMYK, YCCK, UNKNOWN }

  int components() {
    return componentIds.length;
  }

  /** libjpeg-turbo 2.x {@code default_decompress_parms}, which PIL's decoder keeps. */
  ColorSpace colorSpace() {
    switch (components()) {
      case 1:
        return ColorSpace.GRAY;
      case 3:
        if (jfif) return ColorSpace.YCBCR;
        if (adobe) return adobeTransform == 0 ? ColorSpace.RGB : ColorSpace.YCBCR;
        if (componentIds[0] == 82 && componentIds[1] == 71 && componentIds[2] == 66) return ColorSpace.RGB;
        return ColorSpace.YCBCR;
      case 4:
        if (adobe) return adobeTransform == 0 ? ColorSpace.CMYK : ColorSpace.YCCK;
        return ColorSpace.CMYK;
      default:
        return ColorSpace.UNKNOWN;
    }
  }

  /**
   * Parses the markers up to the first SOS.
   *
   * @throws ImageDecodeException when the data end before the first scan ("truncated JPEG") or hold
   *     no frame header
   */
  static JpegInfo parse(byte[] b, String name) throws ImageDecodeException {
    int p = 2;
    boolean jfif = false;
    boolean adobe = false;
    int transform = -1;
    byte[] exif = null;
    int w = -1;
    int h = -1;
    int precision = 8;
    int[] ids = null;
    boolean progressive = false;
    boolean arithmetic = false;
    while (true) {
      if (p >= b.length) {
        throw new ImageDecodeException("truncated JPEG: " + name + " ends after " + b.length + " bytes, before the image data");
      }
      if ((b[p] & 0xff) != 0xFF) {
        // libjpeg skips garbage before a marker with a warning; do the same
        p++;
        continue;
      }
      while (p < b.length && (b[p] & 0xff) == 0xFF) p++;
      if (p >= b.length) {
        throw new ImageDecodeException("truncated JPEG: " + name + " ends inside a marker");
      }
      int marker = b[p++] & 0xff;
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
      if (marker == 0xD9) {
        throw new ImageDecodeException("corrupt JPEG: " + name + " has no image data (end-of-image marker before the first scan)");
      }
      if (p + 2 > b.length) {
        throw new ImageDecodeException("truncated JPEG: " + name + " ends inside a marker segment");
      }
      int len = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
      if (len < 2) throw new ImageDecodeException("corrupt JPEG: " + name + " has a marker segment of length " + len);
      int start = p + 2;
      int end = p + len;
      if (marker == 0xDA) {
        if (ids == null) throw new ImageDecodeException("corrupt JPEG: " + name + " has a scan before its frame header");
        if (end > b.length) throw new ImageDecodeException("truncated JPEG: " + name + " ends inside the scan header");
        return new JpegInfo(w, h, precision, ids, jfif, adobe, transform, progressive, arithmetic, exif);
      }
      if (end > b.length) {
        throw new ImageDecodeException("truncated JPEG: " + name + " ends inside a marker segment (0xFF"
            + Integer.toHexString(marker).toUpperCase() + ")");
      }
      int n = end - start;
      if (marker == 0xE0 && n >= 5 && b[start] == 'J' && b[start + 1] == 'F' && b[start + 2] == 'I'
          && b[start + 3] == 'F' && b[start + 4] == 0) {
        jfif = true;
      } else if (marker == 0xEE && n >= 12 && b[start] == 'A' && b[start + 1] == 'd' && b[start + 2] == 'o'
          && b[start + 3] == 'b' && b[start + 4] == 'e') {
        adobe = true;
        transform = b[start + 11] & 0xff;
      } else if (marker == 0xE1 && exif == null && n >= 6 && b[start] == 'E' && b[start + 1] == 'x'
          && b[start + 2] == 'i' && b[start + 3] == 'f' && b[start + 4] == 0 && b[start + 5] == 0) {
        exif = java.util.Arrays.copyOfRange(b, start + 6, end);
      } else if (isSof(marker)) {
        if (n < 6) throw new ImageDecodeException("corrupt JPEG: " + name + " has a short frame header");
        precision = b[start] & 0xff;
        h = ((b[start + 1] & 0xff) << 8) | (b[start + 2] & 0xff);
        w = ((b[start + 3] & 0xff) << 8) | (b[start + 4] & 0xff);
        int nc = b[start + 5] & 0xff;
        if (n < 6 + 3 * nc) throw new ImageDecodeException("corrupt JPEG: " + name + " has a short frame header");
        ids = new int[nc];
        for (int i = 0; i < nc; i++) ids[i] = b[start + 6 + 3 * i] & 0xff;
        progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
        arithmetic = marker >= 0xC9;
      }
      p = end;
    }
  }

  private static boolean isSof(int m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
  }
}
