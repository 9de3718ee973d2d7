package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;

/**
 * The blur family of ImageNet-C (gaussian, glass, defocus, motion, zoom blur) and the ImageMagick
 * motion-blur kernel that snow shares; see {@link ImageNetC}.
 * Parameters and quantisation follow the reference exactly as documented on {@link ImageNetC}.
 */
final class BlurCorruptions {
  private BlurCorruptions() {}

  /** {@code gaussian_blur}: skimage Gaussian, σ = 1 2 3 4 6, truncate 4, edge-replicated borders. */
  public static RgbImage gaussianBlur(RgbImage img, int s) {
    double c = new double[] {1, 2, 3, 4, 6}[s - 1];
    return CvOps.gaussian(FloatImage.of(img), c, 4.0, false).toRgbTruncated();
  }

  /**
   * {@code glass_blur}: Gaussian blur (σ), then {@code iterations} passes that replace every pixel by
   * a random neighbour within [−max_delta, max_delta) (bottom-right to top-left, as in the
   * reference — whose intended swap is, through NumPy view semantics, a copy; we copy too), then blur
   * again. (σ, max_delta, iterations) = (0.7,1,2) (0.9,2,1) (1,2,3) (1.1,3,2) (1.5,4,2). The pixel
   * shuffle, a Python double loop in the reference (seconds per image), is a tight Java loop here.
   */
  public static RgbImage glassBlur(RgbImage img, int s, Rng rng) {
    double[][] cs = {{0.7, 1, 2}, {0.9, 2, 1}, {1, 2, 3}, {1.1, 3, 2}, {1.5, 4, 2}};
    double sigma = cs[s - 1][0];
    int d = (int) cs[s - 1][1];
    int iters = (int) cs[s - 1][2];
    RgbImage blurred = CvOps.gaussian(FloatImage.of(img), sigma, 4.0, false).toRgbTruncated();
    byte[] p = blurred.rgb();
    int w = img.width(), h = img.height();
    for (int it = 0; it < iters; it++) {
      for (int y = h - d; y > d; y--) {
        for (int x = w - d; x > d; x--) {
          int dx = rng.randint(-d, d), dy = rng.randint(-d, d);
          int yp = y + dy, xp = x + dx;
          if (y >= h || x >= w || yp >= h || xp >= w) continue; // only when d = 0 (never)
          int a = (y * w + x) * 3, b = (yp * w + xp) * 3;
          // the reference's "swap" x[h,w], x[h',w'] = x[h',w'], x[h,w] assigns NumPy views, so it
          // copies x[h',w'] into x[h,w] and leaves x[h',w'] as it was; reproduced as such
          p[a] = p[b];
          p[a + 1] = p[b + 1];
          p[a + 2] = p[b + 2];
        }
      }
    }
    return CvOps.gaussian(FloatImage.of(blurred), sigma, 4.0, false).toRgbTruncated();
  }

  /**
   * {@code defocus_blur}: convolution with an anti-aliased disk (the reference's {@code disk()}:
   * a binary disk of radius r on a grid of at least 17x17, normalised, then smoothed by a 3x3 (r ≤ 8)
   * or 5x5 Gaussian of σ = alias_blur). (r, alias_blur) = (3,.1) (4,.5) (6,.5) (8,.5) (10,.5).
   */
  public static RgbImage defocusBlur(RgbImage img, int s) {
    double[][] cs = {{3, 0.1}, {4, 0.5}, {6, 0.5}, {8, 0.5}, {10, 0.5}};
    float[] k = disk(cs[s - 1][0], cs[s - 1][1]);
    int n = (int) Math.round(Math.sqrt(k.length));
    return CvOps.filter2D(FloatImage.of(img), k, n).toRgbTruncated();
  }

  static float[] disk(double radius, double aliasBlur) {
    int half = radius <= 8 ? 8 : (int) radius;
    int ksize = radius <= 8 ? 3 : 5;
    int n = 2 * half + 1;
    float[] k = new float[n * n];
    double sum = 0;
    for (int y = -half; y <= half; y++) {
      for (int x = -half; x <= half; x++) {
        if (x * x + y * y <= radius * radius) {
          k[(y + half) * n + x + half] = 1;
          sum++;
        }
      }
    }
    for (int i = 0; i < k.length; i++) k[i] /= (float) sum;
    return CvOps.gaussianBlurKernel(k, n, ksize, aliasBlur);
  }

  /**
   * {@code motion_blur}: ImageMagick {@code MotionBlurImage(radius, sigma, angle)} with
   * (radius, sigma) = (10,3) (15,5) (15,8) (15,12) (20,15) and angle ~ U(-45°, 45°). Re-implemented
   * from ImageMagick's definition (Wand is not available to Java): a one-sided line kernel of
   * {@code 2·ceil(radius)+1} taps with weights exp(-i²/2σ²), tap i at offset
   * (ceil(i·cos a − ½), ceil(i·sin a − ½)), edge pixels repeated.
   */
  public static RgbImage motionBlur(RgbImage img, int s, Rng rng) {
    double[][] cs = {{10, 3}, {15, 5}, {15, 8}, {15, 12}, {20, 15}};
    double angle = rng.uniform(-45, 45);
    FloatImage x = FloatImage.of(img);
    FloatImage out = imageMagickMotionBlur(x, cs[s - 1][0], cs[s - 1][1], angle);
    return roundToRgb(out);
  }

  /** ImageMagick's motion blur on a float image (any channel count), see {@link #motionBlur}. */
  static FloatImage imageMagickMotionBlur(FloatImage img, double radius, double sigma, double angleDeg) {
    int width = (int) (2 * Math.ceil(radius) + 1);
    double[] k = new double[width];
    double norm = 0;
    for (int i = 0; i < width; i++) norm += k[i] = Math.exp(-(double) i * i / (2 * sigma * sigma));
    for (int i = 0; i < width; i++) k[i] /= norm;
    double a = Math.toRadians(angleDeg);
    double px = width * Math.sin(a), py = width * Math.cos(a);
    double hyp = Math.hypot(px, py);
    int[] ox = new int[width], oy = new int[width];
    for (int i = 0; i < width; i++) {
      ox[i] = (int) Math.ceil(i * py / hyp - 0.5);
      oy[i] = (int) Math.ceil(i * px / hyp - 0.5);
    }
    // as a 2-D correlation kernel anchored at its centre: dst(x, y) = Σ_i k_i · src(x + ox_i, y + oy_i)
    int r = width - 1, n = 2 * r + 1;
    float[] kernel = new float[n * n];
    for (int i = 0; i < width; i++) kernel[(r + oy[i]) * n + r + ox[i]] += (float) k[i];
    return CvOps.correlate(img, kernel, n, true);
  }

  /** ImageMagick writes 8-bit PNG with rounding. */
  private static RgbImage roundToRgb(FloatImage x) {
    byte[] out = new byte[x.data.length];
    for (int i = 0; i < out.length; i++) out[i] = (byte) Math.round(FloatImage.clamp01(x.data[i]) * 255f);
    return new RgbImage(x.width, x.height, out);
  }

  /**
   * {@code zoom_blur}: the mean of the image and its centre-zoomed copies (scipy {@code zoom}, order 1,
   * corner-aligned grid, cropped back to size) for factors {@code np.arange(1, 1.11, .01)},
   * (1, 1.16, .01), (1, 1.21, .02), (1, 1.26, .02), (1, 1.31, .03).
   */
  public static RgbImage zoomBlur(RgbImage img, int s) {
    double[][] cs = {{1, 1.11, 0.01}, {1, 1.16, 0.01}, {1, 1.21, 0.02}, {1, 1.26, 0.02}, {1, 1.31, 0.03}};
    double[] zs = arange(cs[s - 1][0], cs[s - 1][1], cs[s - 1][2]);
    FloatImage x = FloatImage.of(img);
    float[] acc = x.data.clone();
    for (double z : zs) {
      FloatImage zz = clippedZoom(x, z);
      for (int i = 0; i < acc.length; i++) acc[i] += zz.data[i];
    }
    float n = zs.length + 1;
    for (int i = 0; i < acc.length; i++) acc[i] /= n;
    return new FloatImage(x.width, x.height, 3, acc).toRgbTruncated();
  }

  /** {@code np.arange(start, stop, step)}: ceil((stop-start)/step) values start + i·step. */
  static double[] arange(double start, double stop, double step) {
    int n = (int) Math.ceil((stop - start) / step);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = start + i * step;
    return v;
  }

  /**
   * The reference's {@code clipped_zoom}: crop the central ceil(h/z) x ceil(w/z) window, zoom it with
   * scipy's order-1 spline (output size round(size·z), input coordinate = out·(in−1)/(out−1)), and
   * cut the central h x w.
   */
  static FloatImage clippedZoom(FloatImage img, double z) {
    int h = img.height, w = img.width, ch = img.channels;
    int chh = (int) Math.ceil(h / z), chw = (int) Math.ceil(w / z);
    int top = (h - chh) / 2, left = (w - chw) / 2;
    int oh = (int) Math.rint(chh * z), ow = (int) Math.rint(chw * z);
    int trimTop = (oh - h) / 2, trimLeft = (ow - w) / 2;
    double sy = oh > 1 ? (chh - 1.0) / (oh - 1.0) : 0, sx = ow > 1 ? (chw - 1.0) / (ow - 1.0) : 0;
    float[] out = new float[img.data.length];
    int[] x0 = new int[w];
    float[] fx = new float[w];
    for (int x = 0; x < w; x++) {
      double xs = (x + trimLeft) * sx;
      int xi = Math.min((int) Math.floor(xs), chw - 1);
      x0[x] = xi;
      fx[x] = (float) (xs - xi);
    }
    for (int y = 0; y < h; y++) {
      double ys = (y + trimTop) * sy;
      int yi = Math.min((int) Math.floor(ys), chh - 1);
      float fy = (float) (ys - yi);
      int yi1 = Math.min(yi + 1, chh - 1);
      for (int x = 0; x < w; x++) {
        int xi = x0[x], xi1 = Math.min(xi + 1, chw - 1);
        float f = fx[x];
        int a = ((top + yi) * w + left + xi) * ch, b = ((top + yi) * w + left + xi1) * ch;
        int c = ((top + yi1) * w + left + xi) * ch, d = ((top + yi1) * w + left + xi1) * ch;
        int o = (y * w + x) * ch;
        for (int k = 0; k < ch; k++) {
          float v0 = img.data[a + k] + f * (img.data[b + k] - img.data[a + k]);
          float v1 = img.data[c + k] + f * (img.data[d + k] - img.data[c + k]);
          out[o + k] = v0 + fy * (v1 - v0);
        }
      }
    }
    return new FloatImage(w, h, ch, out);
  }
}
