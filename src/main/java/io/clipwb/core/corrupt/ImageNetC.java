package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import io.clipwb.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The 19 ImageNet-C corruptions (15 benchmark + 4 extra) at severities 1–5, with the parameters of
 * the reference implementation, hendrycks/robustness {@code ImageNet-C/imagenet_c/imagenet_c/corruptions.py}
 * (identical to {@code ImageNet-C/create_c/make_imagenet_c.py}, which produced the published set).
 *
 * <p>Each method takes an RGB image of any size (the reference assumes 224x224; sizes and crop
 * windows are generalised to the image's own width and height) and returns the corrupted RGB image
 * quantised exactly like the reference's {@code np.uint8(np.clip(x, 0, 1) * 255)} (truncation).
 * Deviations, all documented in {@code docs/corruptions.md}: ImageMagick's motion blur (used by
 * motion blur and snow) is re-implemented from its kernel definition; random streams are Java's,
 * not NumPy's; frost overlays are enlarged when the image is larger than the overlay.
 */
public final class ImageNetC {
  private ImageNetC() {}

  /** Applies one ImageNet-C corruption. */
  public static RgbImage apply(Corruption c, int severity, RgbImage x, Rng rng) {
    Corruption.checkSeverity(severity);
    return switch (c) {
      case GAUSSIAN_NOISE -> gaussianNoise(x, severity, rng);
      case SHOT_NOISE -> shotNoise(x, severity, rng);
      case IMPULSE_NOISE -> impulseNoise(x, severity, rng);
      case SPECKLE_NOISE -> speckleNoise(x, severity, rng);
      case GAUSSIAN_BLUR -> gaussianBlur(x, severity);
      case GLASS_BLUR -> glassBlur(x, severity, rng);
      case DEFOCUS_BLUR -> defocusBlur(x, severity);
      case MOTION_BLUR -> motionBlur(x, severity, rng);
      case ZOOM_BLUR -> zoomBlur(x, severity);
      case FOG -> fog(x, severity, rng);
      case FROST -> frost(x, severity, rng);
      case SNOW -> snow(x, severity, rng);
      case SPATTER -> spatter(x, severity, rng);
      case CONTRAST -> contrast(x, severity);
      case BRIGHTNESS -> brightness(x, severity);
      case SATURATE -> saturate(x, severity);
      case JPEG_COMPRESSION -> jpegCompression(x, severity);
      case PIXELATE -> pixelate(x, severity);
      case ELASTIC_TRANSFORM -> elasticTransform(x, severity, rng);
      default -> throw new IllegalArgumentException(c.id() + " is not an ImageNet-C corruption");
    };
  }

  // ================================================================ noise

  /** {@code gaussian_noise}: additive N(0, c²) per sample, c = .08 .12 .18 .26 .38. */
  public static RgbImage gaussianNoise(RgbImage img, int s, Rng rng) {
    double c = new double[] {.08, .12, 0.18, 0.26, 0.38}[s - 1];
    FloatImage x = FloatImage.of(img);
    for (int i = 0; i < x.data.length; i++) x.data[i] = (float) (x.data[i] + rng.normal(0, c));
    return x.toRgbTruncated();
  }

  /** {@code shot_noise}: photon counting, Poisson(x·c)/c with c = 60 25 12 5 3 photons at full scale. */
  public static RgbImage shotNoise(RgbImage img, int s, Rng rng) {
    double c = new double[] {60, 25, 12, 5, 3}[s - 1];
    FloatImage x = FloatImage.of(img);
    for (int i = 0; i < x.data.length; i++) x.data[i] = (float) (rng.poisson(x.data[i] * c) / c);
    return x.toRgbTruncated();
  }

  /**
   * {@code impulse_noise}: skimage {@code random_noise(mode='s&p', amount=c)}, c = .03 .06 .09 .17 .27:
   * each sample is replaced with probability c, by 1 or 0 with equal odds.
   */
  public static RgbImage impulseNoise(RgbImage img, int s, Rng rng) {
    double c = new double[] {.03, .06, .09, 0.17, 0.27}[s - 1];
    FloatImage x = FloatImage.of(img);
    for (int i = 0; i < x.data.length; i++) {
      if (rng.nextDouble() < c) x.data[i] = rng.nextBoolean() ? 1f : 0f;
    }
    return x.toRgbTruncated();
  }

  /** {@code speckle_noise}: multiplicative x + x·N(0, c²), c = .15 .2 .35 .45 .6. */
  public static RgbImage speckleNoise(RgbImage img, int s, Rng rng) {
    double c = new double[] {.15, .2, 0.35, 0.45, 0.6}[s - 1];
    FloatImage x = FloatImage.of(img);
    for (int i = 0; i < x.data.length; i++) x.data[i] = (float) (x.data[i] + x.data[i] * rng.normal(0, c));
    return x.toRgbTruncated();
  }

  // ================================================================ blur

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

  // ================================================================ weather

  /**
   * {@code fog}: adds c0 · a diamond-square plasma fractal (wibble decay c1) and rescales by
   * max/(max + c0). (c0, c1) = (1.5,2) (2,2) (2.5,1.7) (2.5,1.5) (3,1.4). The fractal map is 256
   * wide as in the reference, or the next power of two above larger images.
   */
  public static RgbImage fog(RgbImage img, int s, Rng rng) {
    double[][] cs = {{1.5, 2}, {2, 2}, {2.5, 1.7}, {2.5, 1.5}, {3, 1.4}};
    double c0 = cs[s - 1][0];
    FloatImage x = FloatImage.of(img);
    int size = 256;
    while (size < Math.max(x.width, x.height)) size *= 2;
    double[] plasma = plasmaFractal(size, cs[s - 1][1], rng);
    float maxVal = 0;
    for (float v : x.data) maxVal = Math.max(maxVal, v);
    float scale = (float) (maxVal / (maxVal + c0));
    for (int y = 0; y < x.height; y++) {
      for (int xx = 0; xx < x.width; xx++) {
        float add = (float) (c0 * plasma[y * size + xx]);
        int o = (y * x.width + xx) * 3;
        for (int c = 0; c < 3; c++) x.data[o + c] = (x.data[o + c] + add) * scale;
      }
    }
    return x.toRgbTruncated();
  }

  /** The reference's {@code plasma_fractal} (diamond-square with NumPy's wrap-around rolls), normalised to [0, 1]. */
  static double[] plasmaFractal(int n, double wibbleDecay, Rng rng) {
    double[] m = new double[n * n];
    int step = n;
    double wibble = 100;
    while (step >= 2) {
      int half = step / 2, g = n / step;
      // fill squares: centres = mean of 4 corners + noise
      for (int i = 0; i < g; i++) {
        for (int j = 0; j < g; j++) {
          int i1 = (i + 1) % g, j1 = (j + 1) % g;
          double sum = m[(i * step) * n + j * step] + m[(i1 * step) * n + j * step]
              + m[(i * step) * n + j1 * step] + m[(i1 * step) * n + j1 * step];
          m[(i * step + half) * n + j * step + half] = sum / 4 + wibble * rng.uniform(-wibble, wibble);
        }
      }
      // fill diamonds
      double[] top = new double[g * g], leftv = new double[g * g];
      for (int i = 0; i < g; i++) {
        for (int j = 0; j < g; j++) {
          int im = (i - 1 + g) % g, jm = (j - 1 + g) % g, i1 = (i + 1) % g, j1 = (j + 1) % g;
          double dr = m[(i * step + half) * n + j * step + half];
          double ltsum = dr + m[(im * step + half) * n + j * step + half]
              + m[(i * step) * n + j * step] + m[(i * step) * n + j1 * step];
          double ttsum = dr + m[(i * step + half) * n + jm * step + half]
              + m[(i * step) * n + j * step] + m[(i1 * step) * n + j * step];
          top[i * g + j] = ltsum / 4 + wibble * rng.uniform(-wibble, wibble);
          leftv[i * g + j] = ttsum / 4 + wibble * rng.uniform(-wibble, wibble);
        }
      }
      for (int i = 0; i < g; i++) {
        for (int j = 0; j < g; j++) {
          m[(i * step) * n + j * step + half] = top[i * g + j];
          m[(i * step + half) * n + j * step] = leftv[i * g + j];
        }
      }
      step /= 2;
      wibble /= wibbleDecay;
    }
    double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
    for (double v : m) min = Math.min(min, v);
    for (int i = 0; i < m.length; i++) max = Math.max(max, m[i] -= min);
    for (int i = 0; i < m.length; i++) m[i] /= max;
    return m;
  }

  /** The frost overlays: system property {@code clipwb.frost}, else {@code <shared>/data/imagenet-c-frost}. */
  public static Path frostDirectory() {
    String p = System.getProperty("clipwb.frost");
    if (p != null && !p.isBlank()) {
      Path dir = Path.of(p);
      if (!Files.isDirectory(dir)) throw new IllegalStateException("frost overlays: -Dclipwb.frost=" + p + " is not a folder");
      return dir;
    }
    return SharedData.resolve("data/imagenet-c-frost").orElseThrow(() -> new IllegalStateException(
        "frost overlays not found: the frost corruption needs the six ImageNet-C frost images"
            + " (frost1.png … frost6.jpg from hendrycks/robustness). Point -Dclipwb.frost=DIR, or"
            + " -Dclipwb.shared / CLIPWB_SHARED at a shared folder holding data/imagenet-c-frost"));
  }

  private static final String[] FROST_FILES = {"frost1.png", "frost2.png", "frost3.png", "frost4.jpg", "frost5.jpg", "frost6.jpg"};
  /** Decoded frost photos keyed by path, size and mtime (six files; bounded for a long-running GUI). */
  private static final io.clipwb.core.util.BoundedCache<String, RgbImage> FROST_CACHE = new io.clipwb.core.util.BoundedCache<>(12);

  static RgbImage frostOverlay(int index) {
    Path file = frostDirectory().resolve(FROST_FILES[index]);
    if (!Files.isRegularFile(file)) throw new IllegalStateException("frost overlay missing: " + file);
    String key;
    try {
      key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return FROST_CACHE.computeIfAbsent(key, k -> CvOps.readImage(file));
  }

  /**
   * {@code frost}: c0·x + c1·(random crop of one of the frost photos), (c0, c1) = (1,.4) (.8,.6)
   * (.7,.7) (.65,.7) (.6,.75). As in the reference, the overlay index is {@code randint(5)}, so
   * frost6 is never used. Overlays smaller than the image are enlarged (bilinear) to cover it.
   */
  public static RgbImage frost(RgbImage img, int s, Rng rng) {
    return frost(img, s, rng, rng.randint(0, 5));
  }

  /** Frost with a chosen overlay (0..5); {@link #frost(RgbImage, int, Rng)} draws it from 0..4 like the reference. */
  static RgbImage frost(RgbImage img, int s, Rng rng, int overlay) {
    double[][] cs = {{1, 0.4}, {0.8, 0.6}, {0.7, 0.7}, {0.65, 0.7}, {0.6, 0.75}};
    RgbImage fr = frostOverlay(overlay);
    int w = img.width(), h = img.height();
    if (fr.width() <= w || fr.height() <= h) {
      double f = Math.max((w + 1.0) / fr.width(), (h + 1.0) / fr.height());
      fr = CvOps.resize(fr, (int) Math.ceil(fr.width() * f), (int) Math.ceil(fr.height() * f));
    }
    int y0 = rng.randint(0, fr.height() - h), x0 = rng.randint(0, fr.width() - w);
    double c0 = cs[s - 1][0], c1 = cs[s - 1][1];
    byte[] out = new byte[w * h * 3];
    byte[] a = img.rgb(), b = fr.rgb();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 3, q = ((y + y0) * fr.width() + x + x0) * 3;
        for (int c = 0; c < 3; c++) {
          double v = c0 * (a[o + c] & 0xff) + c1 * (b[q + c] & 0xff);
          out[o + c] = (byte) (int) Math.min(255, Math.max(0, v));
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  /**
   * {@code snow}: a Gaussian snow layer N(c0, c1²), zoomed by c2, thresholded at c3, motion-blurred
   * (ImageMagick kernel, radius c4, sigma c5, angle U(-135°, -45°)) and added twice (itself and
   * rotated 180°) to the image brightened towards max(x, 1.5·grey + 0.5) with weight 1 − c6.
   */
  public static RgbImage snow(RgbImage img, int s, Rng rng) {
    double[][] cs = {
        {0.1, 0.3, 3, 0.5, 10, 4, 0.8}, {0.2, 0.3, 2, 0.5, 12, 4, 0.7}, {0.55, 0.3, 4, 0.9, 12, 8, 0.7},
        {0.55, 0.3, 4.5, 0.85, 12, 8, 0.65}, {0.55, 0.3, 2.5, 0.85, 12, 12, 0.55}};
    double[] c = cs[s - 1];
    int w = img.width(), h = img.height();
    FloatImage layer = FloatImage.zeros(w, h, 1);
    for (int i = 0; i < layer.data.length; i++) layer.data[i] = (float) rng.normal(c[0], c[1]);
    layer = clippedZoom(layer, c[2]);
    for (int i = 0; i < layer.data.length; i++) {
      float v = layer.data[i] < c[3] ? 0 : layer.data[i];
      layer.data[i] = ((int) (FloatImage.clamp01(v) * 255)) / 255f; // to uint8 (PNG for Wand)
    }
    FloatImage blurred = imageMagickMotionBlur(layer, c[4], c[5], rng.uniform(-135, -45));
    for (int i = 0; i < blurred.data.length; i++) blurred.data[i] = Math.round(FloatImage.clamp01(blurred.data[i]) * 255f) / 255f;
    FloatImage x = FloatImage.of(img);
    float c6 = (float) c[6];
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        int o = (y * w + xx) * 3;
        float grey = 0.299f * x.data[o] + 0.587f * x.data[o + 1] + 0.114f * x.data[o + 2];
        float bright = grey * 1.5f + 0.5f;
        float sn = blurred.data[y * w + xx] + blurred.data[(h - 1 - y) * w + (w - 1 - xx)];
        for (int k = 0; k < 3; k++) {
          float v = x.data[o + k];
          x.data[o + k] = c6 * v + (1 - c6) * Math.max(v, bright) + sn;
        }
      }
    }
    return x.toRgbTruncated();
  }

  /**
   * {@code spatter}: a liquid layer N(c0, c1²) blurred (σ = c2) and thresholded at c3. Severities
   * 1–3 (c5 = 0) draw water: Canny edges → distance transform (truncated at 20) → box blur →
   * histogram equalisation → emboss kernel → box blur, used as the opacity of pale turquoise
   * (175, 238, 238)/255 scaled by c4; severities 4–5 draw mud: the thresholded mask blurred with
   * σ = c4, kept where ≥ 0.8, blended with mud brown (63, 42, 20)/255.
   * (c0..c5) = (.65,.3,4,.69,.6,0) (.65,.3,3,.68,.6,0) (.65,.3,2,.68,.5,0) (.65,.3,1,.65,1.5,1) (.67,.4,1,.65,1.5,1).
   */
  public static RgbImage spatter(RgbImage img, int s, Rng rng) {
    double[][] cs = {
        {0.65, 0.3, 4, 0.69, 0.6, 0}, {0.65, 0.3, 3, 0.68, 0.6, 0}, {0.65, 0.3, 2, 0.68, 0.5, 0},
        {0.65, 0.3, 1, 0.65, 1.5, 1}, {0.67, 0.4, 1, 0.65, 1.5, 1}};
    double[] c = cs[s - 1];
    int w = img.width(), h = img.height();
    FloatImage liquid = FloatImage.zeros(w, h, 1);
    for (int i = 0; i < liquid.data.length; i++) liquid.data[i] = (float) rng.normal(c[0], c[1]);
    liquid = CvOps.gaussian(liquid, c[2], 4.0, false);
    for (int i = 0; i < liquid.data.length; i++) if (liquid.data[i] < c[3]) liquid.data[i] = 0;
    FloatImage x = FloatImage.of(img);
    if (c[5] == 0) {
      byte[] l8 = new byte[w * h];
      for (int i = 0; i < l8.length; i++) l8[i] = (byte) (int) (liquid.data[i] * 255); // astype(uint8) wraps like C
      float[] dist = waterOpacity(l8, w, h);
      float max = 0;
      float[] m = new float[w * h];
      for (int i = 0; i < m.length; i++) max = Math.max(max, m[i] = (l8[i] & 0xff) * dist[i]);
      float scale = max > 0 ? (float) (c[4] / max) : 0;
      float[] color = {175 / 255f, 238 / 255f, 238 / 255f};
      for (int i = 0; i < m.length; i++) {
        float mm = m[i] * scale;
        for (int k = 0; k < 3; k++) x.data[i * 3 + k] = x.data[i * 3 + k] + mm * color[k];
      }
      return x.toRgbTruncated();
    }
    FloatImage mask = FloatImage.zeros(w, h, 1);
    for (int i = 0; i < mask.data.length; i++) mask.data[i] = liquid.data[i] > c[3] ? 1 : 0;
    mask = CvOps.gaussian(mask, c[4], 4.0, false);
    float[] color = {63 / 255f, 42 / 255f, 20 / 255f};
    for (int i = 0; i < mask.data.length; i++) {
      float mm = mask.data[i] < 0.8f ? 0 : mask.data[i];
      for (int k = 0; k < 3; k++) x.data[i * 3 + k] = x.data[i * 3 + k] * (1 - mm) + color[k] * mm;
    }
    return x.toRgbTruncated();
  }

  /** The OpenCV chain of spatter's water branch, returning the float "dist" map. */
  private static float[] waterOpacity(byte[] liquid8, int w, int h) {
    try (Mat liq = CvOps.toMat8(liquid8, w, h); Mat edges = new Mat(); Mat inv = new Mat(); Mat dist = new Mat();
        Mat trunc = new Mat(); Mat blurred = new Mat(); Mat d8 = new Mat(); Mat eq = new Mat(); Mat emb = new Mat();
        Mat out = new Mat(); Size s3 = new Size(3, 3); Point anchor = new Point(-1, -1);
        Mat ker = new Mat(3, 3, opencv_core.CV_32FC1)) {
      opencv_imgproc.Canny(liq, edges, 50, 150);
      opencv_core.bitwise_not(edges, inv); // 255 - edges
      opencv_imgproc.distanceTransform(inv, dist, opencv_imgproc.DIST_L2, 5);
      opencv_imgproc.threshold(dist, trunc, 20, 20, opencv_imgproc.THRESH_TRUNC);
      opencv_imgproc.blur(trunc, blurred, s3);
      float[] bf = new float[w * h];
      new FloatPointer(blurred.data()).get(bf, 0, bf.length);
      byte[] b8 = new byte[w * h];
      for (int i = 0; i < bf.length; i++) b8[i] = (byte) (int) bf[i];
      try (Mat d8in = CvOps.toMat8(b8, w, h)) {
        opencv_imgproc.equalizeHist(d8in, eq);
      }
      new FloatPointer(ker.data()).put(new float[] {-2, -1, 0, -1, 1, 1, 0, 1, 2}, 0, 9);
      opencv_imgproc.filter2D(eq, emb, opencv_core.CV_8U, ker, anchor, 0, opencv_core.BORDER_DEFAULT);
      opencv_imgproc.blur(emb, out, s3);
      byte[] o8 = CvOps.fromMat8(out);
      float[] r = new float[w * h];
      for (int i = 0; i < r.length; i++) r[i] = o8[i] & 0xff;
      return r;
    }
  }

  // ================================================================ digital

  /** {@code contrast}: (x − mean_c)·c + mean_c per channel, c = .4 .3 .2 .1 .05. */
  public static RgbImage contrast(RgbImage img, int s) {
    double c = new double[] {0.4, .3, .2, .1, .05}[s - 1];
    FloatImage x = FloatImage.of(img);
    double[] mean = new double[3];
    for (int i = 0; i < x.data.length; i++) mean[i % 3] += x.data[i];
    int n = x.width * x.height;
    for (int k = 0; k < 3; k++) mean[k] /= n;
    for (int i = 0; i < x.data.length; i++) {
      double m = mean[i % 3];
      x.data[i] = (float) ((x.data[i] - m) * c + m);
    }
    return x.toRgbTruncated();
  }

  /** {@code brightness}: V += c in skimage's HSV, clipped, c = .1 .2 .3 .4 .5. */
  public static RgbImage brightness(RgbImage img, int s) {
    double c = new double[] {.1, .2, .3, .4, .5}[s - 1];
    return hsvAdjust(img, 1, 0, c);
  }

  /** {@code saturate}: S ← S·c0 + c1 in skimage's HSV, clipped, (c0, c1) = (.3,0) (.1,0) (2,0) (5,.1) (20,.2). */
  public static RgbImage saturate(RgbImage img, int s) {
    double[][] cs = {{0.3, 0}, {0.1, 0}, {2, 0}, {5, 0.1}, {20, 0.2}};
    return hsvAdjust(img, cs[s - 1][0], cs[s - 1][1], 0);
  }

  /** skimage {@code rgb2hsv} → S·sMul + sAdd, V + vAdd (both clipped to [0, 1]) → {@code hsv2rgb}, in double precision. */
  private static RgbImage hsvAdjust(RgbImage img, double sMul, double sAdd, double vAdd) {
    byte[] in = img.rgb();
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i += 3) {
      double r = (in[i] & 0xff) / 255.0, g = (in[i + 1] & 0xff) / 255.0, b = (in[i + 2] & 0xff) / 255.0;
      double v = Math.max(r, Math.max(g, b));
      double delta = v - Math.min(r, Math.min(g, b));
      double sat = v == 0 ? 0 : delta / v;
      double hue;
      if (delta == 0) {
        hue = 0;
      } else {
        if (b == v) hue = 4 + (r - g) / delta;
        else if (g == v) hue = 2 + (b - r) / delta;
        else hue = (g - b) / delta;
        hue = hue / 6.0;
        hue = hue - Math.floor(hue);
      }
      sat = clip01(sat * sMul + sAdd);
      v = clip01(v + vAdd);
      int hi = (int) Math.floor(hue * 6);
      double f = hue * 6 - hi;
      double p = v * (1 - sat), q = v * (1 - f * sat), t = v * (1 - (1 - f) * sat);
      double rr, gg, bb;
      switch (Math.floorMod(hi, 6)) {
        case 0 -> { rr = v; gg = t; bb = p; }
        case 1 -> { rr = q; gg = v; bb = p; }
        case 2 -> { rr = p; gg = v; bb = t; }
        case 3 -> { rr = p; gg = q; bb = v; }
        case 4 -> { rr = t; gg = p; bb = v; }
        default -> { rr = v; gg = p; bb = q; }
      }
      out[i] = (byte) (int) (clip01(rr) * 255);
      out[i + 1] = (byte) (int) (clip01(gg) * 255);
      out[i + 2] = (byte) (int) (clip01(bb) * 255);
    }
    return new RgbImage(img.width(), img.height(), out);
  }

  private static double clip01(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }

  /** {@code jpeg_compression}: a JPEG round trip at quality 25 18 15 10 7 (libjpeg, 4:2:0). */
  public static RgbImage jpegCompression(RgbImage img, int s) {
    int q = new int[] {25, 18, 15, 10, 7}[s - 1];
    return CvOps.decode(CvOps.encodeJpeg(img, q), "JPEG round trip");
  }

  /** {@code pixelate}: PIL BOX resize to int(size·c) and back, c = .6 .5 .4 .3 .25. */
  public static RgbImage pixelate(RgbImage img, int s) {
    double c = new double[] {0.6, 0.5, 0.4, 0.3, 0.25}[s - 1];
    int w = img.width(), h = img.height();
    RgbImage small = PilBox.resize(img, Math.max(1, (int) (w * c)), Math.max(1, (int) (h * c)));
    return PilBox.resize(small, w, h);
  }

  /**
   * {@code elastic_transform}: a random affine warp (three control points around the centre moved
   * by U(−c2, c2), reflect-101 borders) followed by a smooth random displacement field
   * (U(−1, 1) noise Gaussian-blurred with σ = c1, truncate 3, scaled by c0) applied with bilinear
   * sampling and reflecting borders. (c0, c1, c2) = 244·(2, .7, .1) (2, .08, .2) (.05, .01, .02)
   * (.07, .01, .02) (.12, .01, .02) — the reference's "244 should have been 224" constants, kept.
   */
  public static RgbImage elasticTransform(RgbImage img, int s, Rng rng) {
    double[][] cs = {
        {244 * 2, 244 * 0.7, 244 * 0.1}, {244 * 2, 244 * 0.08, 244 * 0.2}, {244 * 0.05, 244 * 0.01, 244 * 0.02},
        {244 * 0.07, 244 * 0.01, 244 * 0.02}, {244 * 0.12, 244 * 0.01, 244 * 0.02}};
    double[] c = cs[s - 1];
    int w = img.width(), h = img.height();
    FloatImage x = FloatImage.of(img);
    // random affine
    float cy = (float) Math.floor(h / 2.0), cx = (float) Math.floor(w / 2.0);
    float sq = Math.min(h, w) / 3;
    // pts are (row-ish, col-ish) pairs exactly as the reference builds them from shape_size = (h, w)
    float[][] pts1 = {{cy + sq, cx + sq}, {cy + sq, cx - sq}, {cy - sq, cx - sq}};
    float[][] pts2 = new float[3][2];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) pts2[i][j] = (float) (pts1[i][j] + rng.uniform(-c[2], c[2]));
    FloatImage warped;
    try (Point2f src = new Point2f(3); Point2f dst = new Point2f(3)) {
      for (int i = 0; i < 3; i++) {
        src.position(i).x(pts1[i][0]).y(pts1[i][1]);
        dst.position(i).x(pts2[i][0]).y(pts2[i][1]);
      }
      src.position(0);
      dst.position(0);
      try (Mat m = opencv_imgproc.getAffineTransform(src, dst); Mat in = CvOps.toMat(x); Mat out = new Mat();
          Size size = new Size(w, h); Scalar zero = new Scalar(0.0)) {
        opencv_imgproc.warpAffine(in, out, m, size, opencv_imgproc.INTER_LINEAR, opencv_core.BORDER_REFLECT_101, zero);
        warped = CvOps.fromMat32F(out);
      }
    }
    FloatImage dx = FloatImage.zeros(w, h, 1), dy = FloatImage.zeros(w, h, 1);
    for (int i = 0; i < dx.data.length; i++) dx.data[i] = (float) rng.uniform(-1, 1);
    for (int i = 0; i < dy.data.length; i++) dy.data[i] = (float) rng.uniform(-1, 1);
    dx = CvOps.gaussian(dx, c[1], 3.0, true);
    dy = CvOps.gaussian(dy, c[1], 3.0, true);
    // map_coordinates(image, (y + dy, x + dx), order=1, mode='reflect')
    float[] out = new float[x.data.length];
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        int i = y * w + xx;
        double sy = y + dy.data[i] * c[0], sx = xx + dx.data[i] * c[0];
        int y0 = (int) Math.floor(sy), x0 = (int) Math.floor(sx);
        double fy = sy - y0, fx = sx - x0;
        int ya = CvOps.reflectIndex(y0, h), yb = CvOps.reflectIndex(y0 + 1, h);
        int xa = CvOps.reflectIndex(x0, w), xb = CvOps.reflectIndex(x0 + 1, w);
        for (int k = 0; k < 3; k++) {
          double v00 = warped.data[(ya * w + xa) * 3 + k], v01 = warped.data[(ya * w + xb) * 3 + k];
          double v10 = warped.data[(yb * w + xa) * 3 + k], v11 = warped.data[(yb * w + xb) * 3 + k];
          double v0 = v00 + fx * (v01 - v00), v1 = v10 + fx * (v11 - v10);
          out[i * 3 + k] = (float) (v0 + fy * (v1 - v0));
        }
      }
    }
    return new FloatImage(w, h, 3, out).toRgbTruncated();
  }
}
