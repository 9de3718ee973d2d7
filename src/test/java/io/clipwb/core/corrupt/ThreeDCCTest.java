package io.clipwb.core.corrupt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.image.RgbImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class ThreeDCCTest {
  static RgbImage open3dRgb;
  static DepthMap open3dDepth;
  static RgbImage tdccRgb;
  static DepthMap tdccDepth;

  /** Loads the two RGB-D frames once; the shared-data gate runs in every test that calls it. */
  static synchronized void load() {
    if (tdccDepth != null) return;
    Path o = TestImages.shared("data/rgbd/open3d");
    RgbImage rgb = CvOps.readImage(o.resolve("color/00000.jpg"));
    DepthMap d = DepthMap.read(o.resolve("depth/00000.png"), DepthMap.Scale.MILLIMETRES);
    d.checkMatches(rgb);
    open3dRgb = CvOps.resize(rgb, 160, 120);
    open3dDepth = d.resized(160, 120);
    Path t = TestImages.shared("data/rgbd/3dcc");
    RgbImage rgb2 = CvOps.readImage(t.resolve("rgb/point_0_view_0_domain_rgb.png"));
    DepthMap d2 = DepthMap.read(t.resolve("depth/point_0_view_0_domain_depth_euclidean.png"), DepthMap.Scale.TASKONOMY);
    tdccRgb = CvOps.resize(rgb2, 128, 128);
    tdccDepth = d2.resized(128, 128);
  }

  @Test
  void depthScalesAreRead() {
    load();
    double medianMetres = open3dDepth.quantile(0.5);
    assertTrue(medianMetres > 0.3 && medianMetres < 10, "Open3D indoor depth in metres: " + medianMetres);
    double m2 = tdccDepth.quantile(0.5);
    assertTrue(m2 > 0.3 && m2 < 30, "3DCC depth in metres: " + m2);
  }

  /** Every 3DCC corruption at every severity, one test each, on the Open3D and the 3DCC frame. */
  static Stream<Arguments> corruptionsAndSeverities() {
    return Corruption.threeD().stream().flatMap(c -> IntStream.rangeClosed(1, 5).boxed()
        .flatMap(s -> Stream.of(Arguments.of(c, s, "open3d"), Arguments.of(c, s, "3dcc"))));
  }

  @ParameterizedTest(name = "{0} s{1} {2}")
  @MethodSource("corruptionsAndSeverities")
  void everyCorruptionAtEverySeverityRunsOnRgbdFrames(Corruption c, int s, String frame) {
    load();
    RgbImage img = frame.equals("open3d") ? open3dRgb : tdccRgb;
    DepthMap d = frame.equals("open3d") ? open3dDepth : tdccDepth;
    RgbImage out = Corruptions.apply(c, s, img, d, 3, "f");
    assertEquals(img.width(), out.width());
    assertEquals(img.height(), out.height());
    assertTrue(ReferenceComparison.mad(out, img) > 0.05, c.id() + " s" + s + " left the frame unchanged");
  }

  @Test
  void severityIncreasesTheDamageOfDeterministicOnes() {
    load();
    for (Corruption c : new Corruption[] {Corruption.FOG_3D, Corruption.NEAR_FOCUS, Corruption.FAR_FOCUS, Corruption.COLOR_QUANT,
        Corruption.FLASH, Corruption.H265_ABR}) {
      double d1 = ReferenceComparison.mad(Corruptions.apply(c, 1, tdccRgb, tdccDepth, 0, "x"), tdccRgb);
      double d5 = ReferenceComparison.mad(Corruptions.apply(c, 5, tdccRgb, tdccDepth, 0, "x"), tdccRgb);
      assertTrue(d5 > d1, c.id() + ": severity 5 (" + d5 + ") not worse than 1 (" + d1 + ")");
    }
  }

  @Test
  void fogHidesFarPixelsMoreThanNearOnes() {
    load();
    RgbImage out = ThreeDCC.fog3d(tdccRgb, tdccDepth, 3);
    float[] z = tdccDepth.filledMetres();
    double near = 0, far = 0;
    int nn = 0, nf = 0;
    double q25 = tdccDepth.quantile(0.25), q75 = tdccDepth.quantile(0.75);
    for (int i = 0; i < z.length; i++) {
      double diff = 0;
      for (int k = 0; k < 3; k++) diff += Math.abs((out.rgb()[i * 3 + k] & 0xff) - (tdccRgb.rgb()[i * 3 + k] & 0xff));
      if (z[i] <= q25) { near += diff; nn++; }
      if (z[i] >= q75) { far += diff; nf++; }
    }
    assertTrue(far / nf > near / nn, "fog must change far pixels more (transmission exp(-beta d))");
  }

  static List<Corruption> threeD() {
    return Corruption.threeD();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("threeD")
  void deterministicPerSeed(Corruption c) {
    load();
    RgbImage a = Corruptions.apply(c, 2, open3dRgb, open3dDepth, 9, "k");
    RgbImage b = Corruptions.apply(c, 2, open3dRgb, open3dDepth, 9, "k");
    assertArrayEquals(a.rgb(), b.rgb(), c.id());
  }

  @Test
  void depthOfTheWrongSizeIsAClearError() {
    load();
    DepthMap small = open3dDepth.resized(80, 60);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Corruptions.apply(Corruption.NEAR_FOCUS, 1, open3dRgb, small, 0, "x"));
    assertTrue(e.getMessage().contains("80x60") && e.getMessage().contains("160x120"), e.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> Corruptions.apply(Corruption.FOG_3D, 1, open3dRgb, null, 0, "x"));
    assertTrue(none.getMessage().contains("depth"), none.getMessage());
  }

  @Test
  void allInvalidDepthIsAClearError(@TempDir Path tmp) {
    Path file = tmp.resolve("invalid.png");
    try (Mat m = new Mat(8, 8, opencv_core.CV_16UC1, new Scalar(65535.0)); BytePointer buf = new BytePointer()) {
      opencv_imgcodecs.imencode(".png", m, buf);
      byte[] b = new byte[(int) buf.limit()];
      buf.get(b);
      io.clipwb.core.io.AtomicFiles.write(file, b);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DepthMap.read(file, DepthMap.Scale.TASKONOMY));
    assertTrue(e.getMessage().contains("invalid.png") && e.getMessage().contains("every pixel is invalid"), e.getMessage());
    Path rgb = tmp.resolve("rgb.png");
    io.clipwb.core.io.AtomicFiles.write(rgb, CvOps.encodePng(RgbImage.blank(8, 8)));
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> DepthMap.read(rgb, DepthMap.Scale.MILLIMETRES));
    assertTrue(e2.getMessage().contains("rgb.png"), e2.getMessage());
  }
}
