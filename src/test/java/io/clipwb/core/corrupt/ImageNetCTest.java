package io.clipwb.core.corrupt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.image.RgbImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageNetCTest {
  private static RgbImage colour;
  private static RgbImage grey;

  /** The two photos (decoded once; the shared-data gate runs in every test that needs them). */
  private static synchronized RgbImage photo(boolean isGrey) throws Exception {
    if (colour == null) {
      colour = TestImages.load(TestImages.colourSample(), 160);
      grey = TestImages.load(TestImages.greyscaleSample(), 96);
    }
    return isGrey ? grey : colour;
  }

  /** Every ImageNet-C corruption at every severity, one test each, on a colour and a greyscale photo. */
  static Stream<Arguments> corruptionsAndSeverities() {
    return Corruption.imagenetC().stream().flatMap(c -> IntStream.rangeClosed(1, 5).boxed()
        .flatMap(s -> Stream.of(Arguments.of(c, s, false), Arguments.of(c, s, true))));
  }

  @ParameterizedTest(name = "{0} s{1} grey={2}")
  @MethodSource("corruptionsAndSeverities")
  void everyCorruptionAtEverySeverityChangesAPhoto(Corruption c, int s, boolean isGrey) throws Exception {
    RgbImage img = photo(isGrey);
    if (isGrey) assertTrue(TestImages.isGrey(img), "the greyscale sample decodes to R = G = B");
    RgbImage out = Corruptions.apply(c, s, img, null, 7, "img");
    assertEquals(img.width(), out.width(), c.id());
    assertEquals(img.height(), out.height(), c.id());
    double dev = ReferenceComparison.mad(out, img);
    if (isGrey && c == Corruption.SATURATE && s <= 3) {
      assertEquals(0.0, dev, "saturation x c with no offset keeps a grey image (S = 0) unchanged");
      return;
    }
    assertTrue(dev > 0.05, c.id() + " s" + s + " left the image unchanged");
  }

  @Test
  void colourNeutralCorruptionsKeepAGreyImageGrey() throws Exception {
    RgbImage grey = TestImages.load(TestImages.greyscaleSample(), 96);
    for (Corruption c : List.of(Corruption.DEFOCUS_BLUR, Corruption.ZOOM_BLUR, Corruption.GAUSSIAN_BLUR, Corruption.CONTRAST,
        Corruption.BRIGHTNESS, Corruption.PIXELATE, Corruption.MOTION_BLUR, Corruption.FOG, Corruption.ELASTIC_TRANSFORM)) {
      assertTrue(TestImages.isGrey(Corruptions.apply(c, 3, grey, null, 1, "g")), c.id());
    }
  }

  static List<Corruption> imagenetC() {
    return Corruption.imagenetC();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("imagenetC")
  void deterministicPerSeed(Corruption c) throws Exception {
    RgbImage img = TestImages.load(TestImages.colourSample(), 96);
    RgbImage a = Corruptions.apply(c, 3, img, null, 42, "k");
    RgbImage b = Corruptions.apply(c, 3, img, null, 42, "k");
    assertArrayEquals(a.rgb(), b.rgb(), c.id() + " differs between two runs with the same seed");
    RgbImage other = Corruptions.apply(c, 3, img, null, 43, "k");
    assertEquals(c.deterministic(), Arrays.equals(a.rgb(), other.rgb()),
        c.id() + (c.deterministic() ? " depends on the seed" : " ignores the seed"));
  }

  /**
   * Deterministic corruptions that the sample's generator implements like hendrycks/robustness:
   * mean absolute difference ≤ 3/255 after storing ours as the reference stored its files (JPEG q75).
   */
  @Test
  @Tag("reference")
  void deterministicCorruptionsMatchTheReferenceOutputs() {
    Path dir = ReferenceComparison.sampleDir();
    RgbImage clean = CvOps.readImage(dir.resolve("bird.jpeg"));
    for (Corruption c : List.of(Corruption.BRIGHTNESS, Corruption.CONTRAST, Corruption.SATURATE, Corruption.DEFOCUS_BLUR,
        Corruption.ZOOM_BLUR, Corruption.GAUSSIAN_BLUR)) {
      for (int s = 1; s <= 5; s++) {
        double mad = ReferenceComparison.compare(dir, clean, c, s, 0).madToReference();
        assertTrue(mad <= 3.0, c.id() + " s" + s + ": mean abs diff " + mad + " > 3/255");
      }
    }
  }

  /**
   * The sample's pixelate and JPEG come from imagenet-testbed's re-implementation (area + nearest
   * resize; cv2.imencode on RGB data taken as BGR), not hendrycks' PIL BOX / PIL JPEG that we follow.
   * Reproducing those two quirks with our building blocks lands within 3.5/255 — which confirms the
   * building blocks, and explains our 5–9/255 difference on these two.
   */
  @Test
  @Tag("reference")
  void pixelateAndJpegSamplesAreExplainedByTheTestbedVariant() {
    Path dir = ReferenceComparison.sampleDir();
    RgbImage clean = CvOps.readImage(dir.resolve("bird.jpeg"));
    double[] cs = {0.6, 0.5, 0.4, 0.3, 0.25};
    int[] qs = {25, 18, 15, 10, 7};
    for (int s = 1; s <= 5; s++) {
      RgbImage p = ReferenceComparison.jpegStore(TestbedVariants.pixelate(clean, cs[s - 1]));
      RgbImage j = ReferenceComparison.jpegStore(TestbedVariants.swap(CvOps.decode(CvOps.encodeJpeg(TestbedVariants.swap(clean), qs[s - 1]), "j")));
      double mp = ReferenceComparison.mad(p, CvOps.readImage(dir.resolve("pixelate_" + s + ".jpeg")));
      double mj = ReferenceComparison.mad(j, CvOps.readImage(dir.resolve("jpeg_compression_" + s + ".jpeg")));
      assertTrue(mp <= 3.5, "pixelate s" + s + ": " + mp);
      assertTrue(mj <= 3.5, "jpeg s" + s + ": " + mj);
    }
  }

  /**
   * Random corruptions: the reference output's deviation from the clean image (MAD and std of the
   * difference) must fall inside the spread of ours over 4 seeds (frost: 36 draws, six per overlay, since the overlay dominates), widened by 25 % (one reference
   * draw per severity is all there is). Glass blur has no sample.
   */
  static Stream<Arguments> randomCorruptionsWithASample() {
    return Corruption.imagenetC().stream().filter(c -> !c.deterministic() && c != Corruption.GLASS_BLUR)
        .flatMap(c -> IntStream.rangeClosed(1, 5).mapToObj(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest(name = "{0} s{1}")
  @MethodSource("randomCorruptionsWithASample")
  @Tag("reference")
  void randomCorruptionsMatchTheReferenceNoiseStatistics(Corruption c, int s) {
    Path dir = ReferenceComparison.sampleDir();
    RgbImage clean = CvOps.readImage(dir.resolve("bird.jpeg"));
    RgbImage ref = CvOps.readImage(dir.resolve(c.id() + "_" + s + ".jpeg"));
    double refDev = ReferenceComparison.mad(ref, clean);
    double min = Double.MAX_VALUE, max = 0;
    for (long seed = 0; seed < (c == Corruption.FROST ? 36 : 4); seed++) {
      // frost: the sample's generator draws from all six overlays (the reference from the first five)
      double d = c == Corruption.FROST
          ? ReferenceComparison.mad(ReferenceComparison.jpegStore(ImageNetC.frost(clean, s, new Rng(seed), (int) (seed % 6))), clean)
          : ReferenceComparison.compare(dir, clean, c, s, seed).ourDeviation();
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertTrue(refDev >= 0.75 * min && refDev <= 1.25 * max,
        c.id() + " s" + s + ": reference deviation " + refDev + " outside ours [" + min + ", " + max + "]");
  }

  /**
   * Motion blur is random only through its angle. Scanning the angle (1° steps) our re-implemented
   * ImageMagick kernel reproduces the reference samples within 2.5/255 — i.e. the kernel is right.
   */
  @Test
  @Tag("reference")
  void motionBlurMatchesTheReferenceAtTheBestAngle() {
    Path dir = ReferenceComparison.sampleDir();
    RgbImage clean = CvOps.readImage(dir.resolve("bird.jpeg"));
    double[][] cs = {{10, 3}, {15, 5}, {15, 8}, {15, 12}, {20, 15}};
    for (int s : new int[] {2, 5}) {
      RgbImage ref = CvOps.readImage(dir.resolve("motion_blur_" + s + ".jpeg"));
      double best = Double.MAX_VALUE;
      for (int angle = -45; angle <= 45; angle++) {
        FloatImage f = ImageNetC.imageMagickMotionBlur(FloatImage.of(clean), cs[s - 1][0], cs[s - 1][1], angle);
        byte[] o = new byte[f.data.length];
        for (int i = 0; i < o.length; i++) o[i] = (byte) Math.round(Math.min(1, Math.max(0, f.data[i])) * 255);
        best = Math.min(best, ReferenceComparison.mad(ReferenceComparison.jpegStore(new RgbImage(clean.width(), clean.height(), o)), ref));
      }
      assertTrue(best <= 2.5, "motion_blur s" + s + ": best-angle MAD " + best);
    }
  }

  @Test
  void frostWithoutOverlaysFailsClearly() {
    String old = System.getProperty("clipwb.frost");
    System.setProperty("clipwb.frost", "/nonexistent/frost");
    try {
      RgbImage img = RgbImage.blank(32, 32);
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> Corruptions.apply(Corruption.FROST, 1, img, null, 0, "x"));
      assertTrue(e.getMessage().contains("frost"), e.getMessage());
    } finally {
      if (old == null) System.clearProperty("clipwb.frost");
      else System.setProperty("clipwb.frost", old);
    }
  }

  @Test
  void pilBoxDownscaleAveragesExactBlocks() {
    byte[] px = new byte[4 * 1 * 3];
    int[] v = {0, 100, 200, 50};
    for (int i = 0; i < 4; i++) Arrays.fill(px, i * 3, i * 3 + 3, (byte) v[i]);
    RgbImage half = PilBox.resize(new RgbImage(4, 1, px), 2, 1);
    assertEquals(50, half.get(0, 0, 0));
    assertEquals(125, half.get(1, 0, 0));
    assertFalse(TestImages.isGrey(new RgbImage(1, 1, new byte[] {1, 2, 3})));
  }
}
