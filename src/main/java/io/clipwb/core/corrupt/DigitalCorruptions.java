package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The digital family of ImageNet-C (contrast, brightness, saturate, JPEG, pixelate, elastic
 * transform); see {@link ImageNetC}.
 * Parameters and quantisation follow the reference exactly as documented on {@link ImageNetC}.
 */
final class DigitalCorruptions {
  private DigitalCorruptions() {}

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
