package io.clipwb.core.image;

import io.clipwb.core.util.BoundedCache;
import io.clipwb.core.model.Preprocessing.Interpolation;

/**
 * Pillow 9.4's antialiased resize of 8-bit images ({@code src/libImaging/Resample.c}:
 * {@code precompute_coeffs}, {@code normalize_coeffs_8bpc}, {@code ImagingResampleHorizontal_8bpc},
 * {@code ImagingResampleVertical_8bpc}), reimplemented so that {@code Image.resize} results are
 * reproduced bit for bit:
 *
 * <ul>
 *   <li>the filter support (bicubic 2 with a = -0.5, bilinear 1) is scaled by the downscale factor;
 *   <li>each output sample's taps are {@code filter((x + xmin - center + 0.5) / filterscale)} in
 *       double, normalised to sum 1, then rounded half away from zero to 22-bit fixed point
 *       ({@code PRECISION_BITS = 32 - 8 - 2});
 *   <li>horizontal pass first (skipped when the width does not change), then vertical, each
 *       accumulating in a 32-bit int from {@code 1 << 21}, shifting right by 22 and clipping to 0..255.
 *       Pillow runs the horizontal pass only on the rows the vertical pass reads, which does not change
 *       any value; this class goes further and computes only a requested window of the output (the
 *       centre crop), which also changes no value because every output sample depends only on its
 *       own taps.
 * </ul>
 *
 * Coefficient tables are cached per (input size, output size, filter). Thread-safe.
 */
public final class PillowResample {
  private static final int PRECISION_BITS = 32 - 8 - 2;
  private static final int HALF = 1 << (PRECISION_BITS - 1);
  /** Coefficients per (input size, output size, filter): a few KB each, the 256 most recent kept. */
  private static final BoundedCache<Long, Coeffs> CACHE = new BoundedCache<>(256);

  private PillowResample() {}

  /** Taps of one axis: for output i, {@code count[i]} weights starting at input {@code start[i]}. */
  record Coeffs(int ksize, int[] start, int[] count, int[] k) {}

  /** {@code Image.resize((outW, outH), filter)} of an RGB image. */
  public static RgbImage resize(RgbImage in, int outW, int outH, Interpolation filter) {
    return resizeWindow(in, outW, outH, filter, 0, 0, outW, outH);
  }

  /**
   * The window {@code [x0, x0 + w) x [y0, y0 + h)} of {@code Image.resize((outW, outH), filter)},
   * computed without the rest of the output. The window must lie inside the output.
   */
  public static RgbImage resizeWindow(RgbImage in, int outW, int outH, Interpolation filter, int x0, int y0, int w, int h) {
    if (outW <= 0 || outH <= 0) throw new IllegalArgumentException("output size must be positive: " + outW + "x" + outH);
    if (x0 < 0 || y0 < 0 || w <= 0 || h <= 0 || x0 + w > outW || y0 + h > outH) {
      throw new IllegalArgumentException("window " + x0 + "," + y0 + " " + w + "x" + h + " outside " + outW + "x" + outH);
    }
    int inW = in.width();
    int inH = in.height();
    byte[] src = in.rgb();
    if (inW == outW && inH == outH) {
      return crop(in, x0, y0, w, h);
    }
    // Horizontal pass over the input rows that the vertical pass of the window needs.
    int rowFirst;
    int rowLast;
    Coeffs cv = null;
    if (inH != outH) {
      cv = coeffs(inH, outH, filter);
      rowFirst = cv.start[y0];
      rowLast = 0;
      for (int yy = y0; yy < y0 + h; yy++) rowLast = Math.max(rowLast, cv.start[yy] + cv.count[yy]);
    } else {
      rowFirst = y0;
      rowLast = y0 + h;
    }
    int rows = rowLast - rowFirst;
    byte[] tmp;
    if (inW != outW) {
      Coeffs ch = coeffs(inW, outW, filter);
      tmp = new byte[rows * w * 3];
      horizontal(src, inW, rowFirst, rows, ch, x0, w, tmp);
    } else {
      tmp = new byte[rows * w * 3];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, ((rowFirst + r) * inW + x0) * 3, tmp, r * w * 3, w * 3);
      }
    }
    if (cv == null) return new RgbImage(w, h, tmp);
    byte[] out = new byte[w * h * 3];
    vertical(tmp, w, rowFirst, cv, y0, h, out);
    return new RgbImage(w, h, out);
  }

  private static RgbImage crop(RgbImage in, int x0, int y0, int w, int h) {
    if (x0 == 0 && y0 == 0 && w == in.width() && h == in.height()) return new RgbImage(w, h, in.rgb().clone());
    byte[] out = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      System.arraycopy(in.rgb(), ((y0 + y) * in.width() + x0) * 3, out, y * w * 3, w * 3);
    }
    return new RgbImage(w, h, out);
  }

  private static void horizontal(byte[] src, int inW, int rowFirst, int rows, Coeffs c, int x0, int w, byte[] dst) {
    int ksize = c.ksize;
    int[] k = c.k;
    for (int r = 0; r < rows; r++) {
      int rowBase = (rowFirst + r) * inW * 3;
      int o = r * w * 3;
      for (int xx = x0; xx < x0 + w; xx++) {
        int xmin = c.start[xx];
        int n = c.count[xx];
        int kb = xx * ksize;
        int s0 = HALF;
        int s1 = HALF;
        int s2 = HALF;
        int p = rowBase + xmin * 3;
        for (int x = 0; x < n; x++, p += 3) {
          int kv = k[kb + x];
          s0 += (src[p] & 0xff) * kv;
          s1 += (src[p + 1] & 0xff) * kv;
          s2 += (src[p + 2] & 0xff) * kv;
        }
        dst[o++] = clip8(s0);
        dst[o++] = clip8(s1);
        dst[o++] = clip8(s2);
      }
    }
  }

  private static void vertical(byte[] tmp, int w, int rowFirst, Coeffs c, int y0, int h, byte[] dst) {
    int ksize = c.ksize;
    int[] k = c.k;
    int stride = w * 3;
    int[] acc = new int[stride];
    for (int yy = y0; yy < y0 + h; yy++) {
      int ymin = c.start[yy] - rowFirst;
      int n = c.count[yy];
      int kb = yy * ksize;
      java.util.Arrays.fill(acc, HALF);
      for (int y = 0; y < n; y++) {
        int kv = k[kb + y];
        int p = (ymin + y) * stride;
        for (int i = 0; i < stride; i++) acc[i] += (tmp[p + i] & 0xff) * kv;
      }
      int o = (yy - y0) * stride;
      for (int i = 0; i < stride; i++) dst[o + i] = clip8(acc[i]);
    }
  }

  private static byte clip8(int ss) {
    int v = ss >> PRECISION_BITS;
    return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
  }

  /** The fixed-point taps of one axis, cached. */
  static Coeffs coeffs(int inSize, int outSize, Interpolation filter) {
    long key = ((long) inSize << 33) | ((long) outSize << 2) | filter.ordinal();
    return CACHE.computeIfAbsent(key, k -> precompute(inSize, outSize, filter));
  }

  /** {@code precompute_coeffs} with box (0, inSize) followed by {@code normalize_coeffs_8bpc}. */
  static Coeffs precompute(int inSize, int outSize, Interpolation filter) {
    double filterSupport = filter == Interpolation.BICUBIC ? 2.0 : 1.0;
    double in0 = 0.0;
    double in1 = inSize;
    double scale = (in1 - in0) / outSize;
    double filterscale = scale < 1.0 ? 1.0 : scale;
    double support = filterSupport * filterscale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] start = new int[outSize];
    int[] count = new int[outSize];
    int[] kk = new int[outSize * ksize];
    double[] w = new double[ksize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = in0 + (xx + 0.5) * scale;
      double ww = 0.0;
      double ss = 1.0 / filterscale;
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) xmin = 0;
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) xmax = inSize;
      xmax -= xmin;
      for (int x = 0; x < xmax; x++) {
        double v = filter((x + xmin - center + 0.5) * ss, filter);
        w[x] = v;
        ww += v;
      }
      for (int x = 0; x < xmax; x++) {
        double v = ww != 0.0 ? w[x] / ww : w[x];
        kk[xx * ksize + x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
      }
      start[xx] = xmin;
      count[xx] = xmax;
    }
    return new Coeffs(ksize, start, count, kk);
  }

  private static double filter(double x, Interpolation f) {
    if (x < 0.0) x = -x;
    if (f == Interpolation.BILINEAR) {
      return x < 1.0 ? 1.0 - x : 0.0;
    }
    final double a = -0.5;
    if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
    return 0.0;
  }
}
