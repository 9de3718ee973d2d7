package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;

/**
 * Pillow's {@code Image.resize(size, Image.BOX)} (and {@code BILINEAR}) for 8-bit RGB (Pillow {@code libImaging/Resample.c}):
 * a horizontal then a vertical pass, each with box-filter coefficients over the exact source
 * footprint of an output pixel, normalised, converted to 22-bit fixed point and rounded back to
 * uint8 between passes. Needed bit-for-bit by ImageNet-C's {@code pixelate}.
 */
final class PilBox {
  private PilBox() {}

  private static final int PRECISION_BITS = 32 - 8 - 2;

  static RgbImage resize(RgbImage img, int outW, int outH) {
    return resize(img, outW, outH, false);
  }

  /** Pillow's {@code Image.BILINEAR} (triangle filter, support 1, antialiased when shrinking) — torchvision's Resize. */
  static RgbImage resizeBilinear(RgbImage img, int outW, int outH) {
    return resize(img, outW, outH, true);
  }

  private static RgbImage resize(RgbImage img, int outW, int outH, boolean bilinear) {
    RgbImage r = img;
    if (outW != img.width()) r = pass(r, outW, true, bilinear);
    if (outH != img.height()) r = pass(r, outH, false, bilinear);
    return r;
  }

  private static RgbImage pass(RgbImage img, int outSize, boolean horizontal, boolean bilinear) {
    int inSize = horizontal ? img.width() : img.height();
    double scale = (double) inSize / outSize;
    double filterscale = Math.max(scale, 1.0);
    double support = (bilinear ? 1.0 : 0.5) * filterscale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] bounds = new int[outSize * 2];
    int[] kk = new int[outSize * ksize];
    double ss = 1.0 / filterscale;
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      int xmin = Math.max((int) (center - support + 0.5), 0);
      int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
      double[] k = new double[xmax];
      double ww = 0;
      for (int x = 0; x < xmax; x++) {
        double arg = (x + xmin - center + 0.5) * ss;
        double wv = bilinear ? Math.max(0, 1 - Math.abs(arg)) : (arg > -0.5 && arg <= 0.5) ? 1.0 : 0.0;
        k[x] = wv;
        ww += wv;
      }
      for (int x = 0; x < xmax; x++) {
        double v = ww != 0 ? k[x] / ww : 0;
        kk[xx * ksize + x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
      }
      bounds[xx * 2] = xmin;
      bounds[xx * 2 + 1] = xmax;
    }
    int w = horizontal ? outSize : img.width();
    int h = horizontal ? img.height() : outSize;
    byte[] in = img.rgb();
    byte[] out = new byte[w * h * 3];
    int iw = img.width();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = horizontal ? x : y;
        int xmin = bounds[o * 2], xmax = bounds[o * 2 + 1];
        for (int c = 0; c < 3; c++) {
          long acc = 1L << (PRECISION_BITS - 1);
          for (int t = 0; t < xmax; t++) {
            int src = horizontal ? (y * iw + xmin + t) * 3 + c : ((xmin + t) * iw + x) * 3 + c;
            acc += (long) (in[src] & 0xff) * kk[o * ksize + t];
          }
          long v = acc >> PRECISION_BITS;
          out[(y * w + x) * 3 + c] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
        }
      }
    }
    return new RgbImage(w, h, out);
  }
}
