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
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The weather family of ImageNet-C (fog, frost, snow, spatter); see {@link ImageNetC}.
 * Parameters and quantisation follow the reference exactly as documented on {@link ImageNetC}.
 */
final class WeatherCorruptions {
  private WeatherCorruptions() {}

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
    layer = BlurCorruptions.clippedZoom(layer, c[2]);
    for (int i = 0; i < layer.data.length; i++) {
      float v = layer.data[i] < c[3] ? 0 : layer.data[i];
      layer.data[i] = ((int) (FloatImage.clamp01(v) * 255)) / 255f; // to uint8 (PNG for Wand)
    }
    FloatImage blurred = BlurCorruptions.imageMagickMotionBlur(layer, c[4], c[5], rng.uniform(-135, -45));
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
}
