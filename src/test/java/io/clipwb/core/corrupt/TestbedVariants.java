package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** imagenet-testbed's variants of two corruptions (src/eval_settings/image_utils.py), for the reference check only. */
final class TestbedVariants {
  private TestbedVariants() {}

  static RgbImage swap(RgbImage a) {
    byte[] b = a.rgb().clone();
    for (int i = 0; i < b.length; i += 3) {
      byte t = b[i];
      b[i] = b[i + 2];
      b[i + 2] = t;
    }
    return new RgbImage(a.width(), a.height(), b);
  }

  static RgbImage pixelate(RgbImage img, double c) {
    int w = img.width(), h = img.height();
    try (Mat src = CvOps.toMatRgb8(img); Mat s = new Mat(); Mat o = new Mat(); Size small = new Size((int) (w * c), (int) (h * c));
        Size full = new Size(w, h)) {
      opencv_imgproc.resize(src, s, small, 0, 0, opencv_imgproc.INTER_AREA);
      opencv_imgproc.resize(s, o, full, 0, 0, opencv_imgproc.INTER_NEAREST);
      return CvOps.fromMatRgb8(o);
    }
  }
}
