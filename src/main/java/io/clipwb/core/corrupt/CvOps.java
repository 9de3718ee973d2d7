package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The thin bridge between the workbench's plain-array images and OpenCV (JavaCPP presets). Every
 * method copies in and out of native memory and frees its {@link Mat}s before returning, so callers
 * never hold native resources. OpenCV is used where it pays: separable Gaussian filters, 2-D
 * convolution, affine warps and remapping, Canny / distance transform (spatter), and JPEG coding
 * with libjpeg (the same codec family as PIL, which produced the reference sets).
 */
public final class CvOps {
  private CvOps() {}

  // ---------------------------------------------------------------- conversion

  static Mat toMat(FloatImage img) {
    Mat m = new Mat(img.height, img.width, opencv_core.CV_32FC(img.channels));
    new FloatPointer(m.data()).put(img.data, 0, img.data.length);
    return m;
  }

  static FloatImage fromMat32F(Mat m) {
    int ch = m.channels();
    Mat src = m.isContinuous() ? m : m.clone();
    float[] out = new float[m.rows() * m.cols() * ch];
    new FloatPointer(src.data()).get(out, 0, out.length);
    return new FloatImage(m.cols(), m.rows(), ch, out);
  }

  static Mat toMatRgb8(RgbImage img) {
    Mat m = new Mat(img.height(), img.width(), opencv_core.CV_8UC3);
    m.data().put(img.rgb(), 0, img.rgb().length);
    return m;
  }

  static RgbImage fromMatRgb8(Mat m) {
    Mat src = m.isContinuous() ? m : m.clone();
    byte[] out = new byte[m.rows() * m.cols() * 3];
    src.data().get(out, 0, out.length);
    return new RgbImage(m.cols(), m.rows(), out);
  }

  static Mat toMat8(byte[] gray, int width, int height) {
    Mat m = new Mat(height, width, opencv_core.CV_8UC1);
    m.data().put(gray, 0, gray.length);
    return m;
  }

  static byte[] fromMat8(Mat m) {
    Mat src = m.isContinuous() ? m : m.clone();
    byte[] out = new byte[m.rows() * m.cols()];
    src.data().get(out, 0, out.length);
    return out;
  }

  // ---------------------------------------------------------------- filters

  /**
   * {@code skimage.filters.gaussian(x, sigma, mode='nearest', truncate)} = scipy's
   * {@code gaussian_filter}: a separable kernel of radius {@code int(truncate * sigma + 0.5)},
   * edge-replicated ({@code 'nearest'}) or half-sample-symmetric ({@code 'reflect'}) borders.
   */
  public static FloatImage gaussian(FloatImage img, double sigma, double truncate, boolean reflect) {
    int radius = (int) (truncate * sigma + 0.5);
    if (radius < 1) return img.copy();
    try (Mat src = toMat(img); Mat dst = new Mat(); Size k = new Size(2 * radius + 1, 2 * radius + 1)) {
      int border = reflect ? opencv_core.BORDER_REFLECT : opencv_core.BORDER_REPLICATE;
      if (2 * radius + 1 > Math.min(img.width, img.height) && reflect) {
        return gaussianJava(img, sigma, radius);
      }
      opencv_imgproc.GaussianBlur(src, dst, k, sigma, sigma, border, 0);
      return fromMat32F(dst);
    }
  }

  /**
   * Separable Gaussian with scipy 'reflect' borders for kernels wider than the image (elastic
   * transform's σ = 171 px): the kernel is folded onto the image through the reflections once per
   * axis (an n x n weight matrix), so the cost is O(n³) instead of O(n² · kernel width).
   */
  private static FloatImage gaussianJava(FloatImage img, double sigma, int radius) {
    double[] k = new double[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
    for (int i = 0; i < k.length; i++) k[i] /= sum;
    int w = img.width, h = img.height, c = img.channels;
    double[] wx = foldedKernel(k, radius, w), wy = foldedKernel(k, radius, h);
    if (c == 1) { // out = Wy · img · Wxᵀ with OpenCV's GEMM
      try (Mat a = matOf(wy, h, h); Mat b = matOf(wx, w, w); Mat x = toMat(img); Mat t = new Mat(); Mat o = new Mat();
          Mat none = new Mat()) {
        opencv_core.gemm(a, x, 1.0, none, 0.0, t, 0);
        opencv_core.gemm(t, b, 1.0, none, 0.0, o, opencv_core.GEMM_2_T);
        return fromMat32F(o);
      }
    }
    float[] tmp = new float[img.data.length];
    float[] out = new float[img.data.length];
    int row = w * c;
    for (int y = 0; y < h; y++) { // x pass: tmp[y, x] = Σ_src wx[x, src] · img[y, src]
      for (int x = 0; x < w; x++) {
        for (int src = 0; src < w; src++) {
          float wt = (float) wx[x * w + src];
          int a = y * row + x * c, b = y * row + src * c;
          for (int ch = 0; ch < c; ch++) tmp[a + ch] += wt * img.data[b + ch];
        }
      }
    }
    for (int y = 0; y < h; y++) { // y pass, row-wise so the inner loop is contiguous
      for (int src = 0; src < h; src++) {
        float wt = (float) wy[y * h + src];
        int a = y * row, b = src * row;
        for (int i = 0; i < row; i++) out[a + i] += wt * tmp[b + i];
      }
    }
    return new FloatImage(w, h, c, out);
  }

  private static Mat matOf(double[] v, int rows, int cols) {
    Mat m = new Mat(rows, cols, opencv_core.CV_32FC1);
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
    new FloatPointer(m.data()).put(f, 0, f.length);
    return m;
  }

  private static double[] foldedKernel(double[] k, int radius, int n) {
    double[] m = new double[n * n];
    for (int o = 0; o < n; o++) {
      for (int t = 0; t < k.length; t++) m[o * n + reflectIndex(o + t - radius, n)] += k[t];
    }
    return m;
  }

  /** scipy 'reflect' (half-sample symmetric: d c b a | a b c d | d c b a), any distance. */
  static int reflectIndex(int i, int n) {
    if (n == 1) return 0;
    int period = 2 * n;
    int m = Math.floorMod(i, period);
    return m < n ? m : period - 1 - m;
  }

  /** {@code cv2.filter2D(x, -1, kernel)} per channel, default border (reflect-101). */
  static FloatImage filter2D(FloatImage img, float[] kernel, int ksize) {
    try (Mat src = toMat(img); Mat dst = new Mat(); Mat k = new Mat(ksize, ksize, opencv_core.CV_32FC1);
        Point anchor = new Point(-1, -1)) {
      new FloatPointer(k.data()).put(kernel, 0, kernel.length);
      opencv_imgproc.filter2D(src, dst, -1, k, anchor, 0, opencv_core.BORDER_REFLECT_101);
      return fromMat32F(dst);
    }
  }

  /** 2-D correlation with a centred n x n kernel; replicated (edge) or reflect-101 borders. */
  static FloatImage correlate(FloatImage img, float[] kernel, int n, boolean replicate) {
    try (Mat src = toMat(img); Mat dst = new Mat(); Mat k = new Mat(n, n, opencv_core.CV_32FC1); Point anchor = new Point(-1, -1)) {
      new FloatPointer(k.data()).put(kernel, 0, kernel.length);
      opencv_imgproc.filter2D(src, dst, -1, k, anchor, 0, replicate ? opencv_core.BORDER_REPLICATE : opencv_core.BORDER_REFLECT_101);
      return fromMat32F(dst);
    }
  }

  /** {@code cv2.GaussianBlur(k, (ksize, ksize), sigmaX)} on a small float kernel (disk anti-aliasing). */
  static float[] gaussianBlurKernel(float[] kernel, int n, int ksize, double sigma) {
    try (Mat src = new Mat(n, n, opencv_core.CV_32FC1); Mat dst = new Mat(); Size s = new Size(ksize, ksize)) {
      new FloatPointer(src.data()).put(kernel, 0, kernel.length);
      opencv_imgproc.GaussianBlur(src, dst, s, sigma, 0, opencv_core.BORDER_DEFAULT, 0);
      float[] out = new float[n * n];
      new FloatPointer(dst.data()).get(out, 0, out.length);
      return out;
    }
  }

  /** Gaussian blur with explicit odd kernel size and replicated borders (3DCC's separable blur). */
  static FloatImage gaussianKsizeReplicate(FloatImage img, int ksize, double sigma) {
    if (ksize <= 1) return img.copy();
    try (Mat src = toMat(img); Mat dst = new Mat(); Size k = new Size(ksize, ksize)) {
      opencv_imgproc.GaussianBlur(src, dst, k, sigma, sigma, opencv_core.BORDER_REPLICATE, 0);
      return fromMat32F(dst);
    }
  }

  // ---------------------------------------------------------------- codecs

  /** JPEG-encodes with libjpeg at {@code quality} (4:2:0, standard IJG tables, like PIL's save). */
  public static byte[] encodeJpeg(RgbImage img, int quality) {
    return encodeJpeg(img, quality, 0);
  }

  static byte[] encodeJpeg(RgbImage img, int quality, int restartInterval) {
    try (Mat rgb = toMatRgb8(img); Mat bgr = new Mat(); BytePointer buf = new BytePointer()) {
      opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
      int[] p = restartInterval > 0
          ? new int[] {opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality, opencv_imgcodecs.IMWRITE_JPEG_RST_INTERVAL, restartInterval}
          : new int[] {opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality};
      try (IntPointer params = new IntPointer(p)) {
        if (!opencv_imgcodecs.imencode(".jpg", bgr, buf, params)) throw new IllegalStateException("JPEG encoding failed");
      }
      byte[] out = new byte[(int) buf.limit()];
      buf.get(out);
      return out;
    }
  }

  /** PNG-encodes (lossless). */
  public static byte[] encodePng(RgbImage img) {
    try (Mat rgb = toMatRgb8(img); Mat bgr = new Mat(); BytePointer buf = new BytePointer()) {
      opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
      if (!opencv_imgcodecs.imencode(".png", bgr, buf)) throw new IllegalStateException("PNG encoding failed");
      byte[] out = new byte[(int) buf.limit()];
      buf.get(out);
      return out;
    }
  }

  /** Decodes an encoded image (any format OpenCV reads) to RGB; grey images are replicated to 3 channels. */
  public static RgbImage decode(byte[] bytes, String what) {
    try (Mat buf = new Mat(1, bytes.length, opencv_core.CV_8UC1)) {
      buf.data().put(bytes, 0, bytes.length);
      try (Mat bgr = opencv_imgcodecs.imdecode(buf, opencv_imgcodecs.IMREAD_COLOR)) {
        if (bgr == null || bgr.empty()) {
          throw new IllegalArgumentException(what + ": not a readable image (unsupported format or truncated file)");
        }
        try (Mat rgb = new Mat()) {
          opencv_imgproc.cvtColor(bgr, rgb, opencv_imgproc.COLOR_BGR2RGB);
          return fromMatRgb8(rgb);
        }
      }
    }
  }

  /** Reads an image file to RGB with a clear error naming the file. */
  public static RgbImage readImage(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read image " + file + ": " + e.getMessage(), e);
    }
    return decode(bytes, file.toString());
  }

  /** A 16-bit (or 8-bit) single-channel image, unsigned samples, as ints. */
  record Gray16(int width, int height, int[] values, int bitDepth) {}

  static Gray16 readGray16(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read depth map " + file + ": " + e.getMessage(), e);
    }
    try (Mat buf = new Mat(1, bytes.length, opencv_core.CV_8UC1)) {
      buf.data().put(bytes, 0, bytes.length);
      try (Mat m = opencv_imgcodecs.imdecode(buf, opencv_imgcodecs.IMREAD_ANYDEPTH)) {
        if (m == null || m.empty()) throw new IllegalArgumentException("depth map " + file + ": not a readable image");
        if (m.channels() != 1) throw new IllegalArgumentException("depth map " + file + ": expected one channel, found " + m.channels());
        int n = m.rows() * m.cols();
        int[] v = new int[n];
        Mat src = m.isContinuous() ? m : m.clone();
        if (m.depth() == opencv_core.CV_16U) {
          short[] s = new short[n];
          new ShortPointer(src.data()).get(s, 0, n);
          for (int i = 0; i < n; i++) v[i] = s[i] & 0xffff;
          return new Gray16(m.cols(), m.rows(), v, 16);
        } else if (m.depth() == opencv_core.CV_8U) {
          byte[] b = new byte[n];
          src.data().get(b, 0, n);
          for (int i = 0; i < n; i++) v[i] = b[i] & 0xff;
          return new Gray16(m.cols(), m.rows(), v, 8);
        }
        throw new IllegalArgumentException("depth map " + file + ": unsupported sample type (expected 16-bit PNG)");
      }
    }
  }

  /** Resizes with OpenCV (area for shrinking, bilinear for enlarging). */
  public static RgbImage resize(RgbImage img, int width, int height) {
    if (img.width() == width && img.height() == height) return img;
    try (Mat src = toMatRgb8(img); Mat dst = new Mat(); Size s = new Size(width, height)) {
      boolean shrink = width < img.width() && height < img.height();
      opencv_imgproc.resize(src, dst, s, 0, 0, shrink ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR);
      return fromMatRgb8(dst);
    }
  }
}
