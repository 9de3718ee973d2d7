package io.clipwb.core.corrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clipwb.core.image.RgbImage;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints of outputs computed by the reference tools themselves (not by our code), so the
 * shared images need not be copied:
 *
 * <ul>
 *   <li>pixelate and JPEG of {@code imagenet-c-sample/bird.jpeg} with hendrycks' code on Pillow 9.4
 *       ({@code x.resize(.., Image.BOX)} twice; {@code x.save(b, 'JPEG', quality=q)} and reopen):
 *       the first 16 hex digits of the SHA-256 of the HWC uint8 array — ours must be bit-identical;
 *   <li>contrast, brightness, saturate (bit-identical) and Gaussian, defocus and zoom blur (mean and
 *       sharpness) of {@code bird.jpeg} with hendrycks' {@code corruptions.py} on scikit-image 0.26,
 *       SciPy 1.17, opencv-python 5.0, Pillow 12.3 ({@code multichannel=True} spelled
 *       {@code channel_axis=-1}, the API's new name), quantised by {@code np.uint8} as
 *       {@code make_imagenet_c.py} does (ours: max 1 LSB off, MAD ≤ 0.04/255);
 *   <li>fog 3D and near/far focus of {@code rgbd/3dcc/…point_0_view_0} with the code of
 *       EPFL-VILAB/3DCommonCorruptions {@code create_fog.py fog_3d} and {@code create_dof.py}
 *       ({@code refocus_image}, run on CPU with torch 1.13): the mean sample value and the mean
 *       absolute horizontal gradient (sharpness) of each output. (Our outputs differ from those
 *       arrays by at most 1 LSB, MAD ≤ 0.044/255.)
 * </ul>
 *
 * <p>How each number was produced: {@code src/test/resources/corrupt/make_reference_fingerprints.py}.
 */
@Tag("reference")
class ReferenceToolFingerprintsTest {
  static String sha16(RgbImage img) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(img.rgb())).substring(0, 16);
  }

  @Test
  void pixelateAndJpegAreBitIdenticalToPillow() throws Exception {
    RgbImage bird = CvOps.readImage(TestImages.shared("data/imagenet-c-sample/bird.jpeg"));
    String[] pixelate = {"3673476c978af8ac", "6c520a6e4ffff371", "f025d149b3a601b2", "e287574a9a149741", "7e07e80acc217c5f"};
    String[] jpeg = {"bbed90ebfaecd8a9", "8d2b906ef6e10850", "25fa8100f2385d5c", "07f7726eefbcb398", "ae196fca3f639197"};
    for (int s = 1; s <= 5; s++) {
      assertEquals(pixelate[s - 1], sha16(ImageNetC.pixelate(bird, s)), "pixelate s" + s);
      assertEquals(jpeg[s - 1], sha16(ImageNetC.jpegCompression(bird, s)), "jpeg_compression s" + s);
    }
  }

  @Test
  void digitalCorruptionsAreBitIdenticalToHendrycks() throws Exception {
    RgbImage bird = CvOps.readImage(TestImages.shared("data/imagenet-c-sample/bird.jpeg"));
    String[][] h = {
        {"a521aed03b33d850", "8d7c4e60a5e8cbc4", "1708d0ea2f3526ec", "f2fc2233af9493f7", "d4f7febe48e52a4d"},
        {"caea52b7f4a729a1", "fb9e751ea8d2c3fa", "3b66501800e63a19", "f39b72b605f1d938", "039c69ebc83c873c"},
        {"cb00159611dbfe03", "8f6c7eb522292ef6", "c59b45f81a242408", "331f8ea28f2377af", "f950b3fa0f8932d4"}};
    Corruption[] cs = {Corruption.CONTRAST, Corruption.BRIGHTNESS, Corruption.SATURATE};
    for (int i = 0; i < cs.length; i++) {
      for (int s = 1; s <= 5; s++) assertEquals(h[i][s - 1], sha16(ImageNetC.apply(cs[i], s, bird, new Rng(0))), cs[i].id() + " s" + s);
    }
  }

  @Test
  void blursMatchHendrycks() {
    RgbImage bird = CvOps.readImage(TestImages.shared("data/imagenet-c-sample/bird.jpeg"));
    double[][] gauss = {{93.528, 93.525, 93.521, 93.519, 93.517}, {3.595, 2.47, 1.946, 1.61, 1.187}};
    double[][] defocus = {{93.512, 93.531, 93.533, 94.752, 94.544}, {2.932, 2.399, 1.874, 1.569, 1.303}};
    double[][] zoom = {{93.049, 92.803, 92.482, 92.184, 91.706}, {3.726, 3.249, 3.142, 2.923, 2.919}};
    for (int s = 1; s <= 5; s++) {
      check("gaussian_blur s" + s, ImageNetC.gaussianBlur(bird, s), gauss[0][s - 1], gauss[1][s - 1]);
      check("defocus_blur s" + s, ImageNetC.defocusBlur(bird, s), defocus[0][s - 1], defocus[1][s - 1]);
      check("zoom_blur s" + s, ImageNetC.zoomBlur(bird, s), zoom[0][s - 1], zoom[1][s - 1]);
    }
  }

  /**
   * Random corruptions in distribution: mean absolute deviation from the clean {@code bird.jpeg}
   * (uint8, no storage) averaged over seeds. Reference: hendrycks' functions on NumPy 2 with
   * {@code np.random.seed(0..5)} (glass blur: 0..1, its Python loop is slow); ours over 8 seeds.
   */
  @Test
  void noiseAndGlassBlurStrengthMatchHendrycks() {
    RgbImage bird = CvOps.readImage(TestImages.shared("data/imagenet-c-sample/bird.jpeg"));
    Object[][] ref = {
        {Corruption.GAUSSIAN_NOISE, new double[] {15.74, 23.131, 33.458, 45.7, 60.689}, 0.02},
        {Corruption.SHOT_NOISE, new double[] {14.955, 22.924, 32.474, 48.489, 60.601}, 0.02},
        {Corruption.IMPULSE_NOISE, new double[] {3.806, 7.722, 11.473, 21.637, 34.481}, 0.03},
        {Corruption.SPECKLE_NOISE, new double[] {11.178, 14.819, 25.274, 31.703, 40.177}, 0.02},
        {Corruption.GLASS_BLUR, new double[] {8.853, 9.078, 13.413, 13.047, 14.38}, 0.03}};
    for (Object[] r : ref) {
      Corruption c = (Corruption) r[0];
      double[] want = (double[]) r[1];
      for (int s = 1; s <= 5; s++) {
        double tot = 0;
        for (int seed = 0; seed < 8; seed++) {
          RgbImage o = ImageNetC.apply(c, s, bird, new Rng(seed * 7919L + s));
          double sum = 0;
          for (int i = 0; i < o.rgb().length; i++) sum += Math.abs((o.rgb()[i] & 0xff) - (bird.rgb()[i] & 0xff));
          tot += sum / o.rgb().length;
        }
        assertEquals(want[s - 1], tot / 8, (double) r[2] * want[s - 1], c.id() + " s" + s + " strength");
      }
    }
  }

  /** 3DCC ISO noise and low light: strength vs {@code create_non3d.py} (NumPy, seeds 0..3) on the 3DCC frame. */
  @Test
  void isoNoiseAndLowLightStrengthMatchThe3dccCode() {
    RgbImage img = CvOps.readImage(TestImages.shared("data/rgbd/3dcc/rgb/point_0_view_0_domain_rgb.png"));
    double[] iso = {26.439, 28.862, 33.358, 40.091, 50.272};
    double[] low = {74.681, 82.348, 89.991, 97.621, 105.205};
    for (int s = 1; s <= 5; s++) {
      double a = 0, b = 0;
      for (int seed = 0; seed < 4; seed++) {
        a += ReferenceComparison.mad(ThreeDCC.isoNoise(img, s, new Rng(seed + 31L * s)), img) / 4;
        b += ReferenceComparison.mad(ThreeDCC.lowLight(img, s, new Rng(seed + 31L * s)), img) / 4;
      }
      assertEquals(iso[s - 1], a, 0.02 * iso[s - 1], "iso_noise s" + s);
      assertEquals(low[s - 1], b, 0.02 * low[s - 1], "low_light s" + s);
    }
  }

  /**
   * ImageNet-C's preprocessing {@code Resize(256) + CenterCrop(224)} as torchvision does it on a PIL
   * image (Pillow 9.4 {@code resize(.., BILINEAR)}, crop at {@code round((r − 224) / 2)}): bit-identical.
   */
  @Test
  void preprocessingIsBitIdenticalToTorchvisionOnPillow() throws Exception {
    Path dir = TestImages.shared("data/imagenet-samples");
    assertEquals("dd65d6d3503bc5a1", sha16(CorruptionSetGenerator.preprocess(CvOps.readImage(dir.resolve("n01440764_tench.JPEG")), 224)));
    assertEquals("1e0eb194d250ed56", sha16(CorruptionSetGenerator.preprocess(CvOps.readImage(dir.resolve("n01530575_brambling.JPEG")), 224)));
    assertEquals("86af79d7fcd54b12", sha16(CorruptionSetGenerator.preprocess(CvOps.readImage(dir.resolve("n01641577_bullfrog.JPEG")), 224)));
  }

  /** 3DCC colour quantisation = {@code PIL.ImageOps.posterize(x, 6 - s)} (Pillow 9.4), bit-identical. */
  @Test
  void colourQuantisationIsBitIdenticalToPillowPosterize() throws Exception {
    RgbImage rgb = CvOps.readImage(TestImages.shared("data/rgbd/3dcc/rgb/point_0_view_0_domain_rgb.png"));
    String[] h = {"efb1090905c5a898", "c2b0bb3411a21cce", "9fdf0d1beb79e71f", "f8665b66d3ec7efe", "4983ebaa0ea0433c"};
    for (int s = 1; s <= 5; s++) assertEquals(h[s - 1], sha16(ThreeDCC.colorQuant(rgb, s)), "color_quant s" + s);
  }

  @Test
  void fogAndFocusMatchThe3dccCode() {
    Path t = TestImages.shared("data/rgbd/3dcc");
    RgbImage rgb = CvOps.readImage(t.resolve("rgb/point_0_view_0_domain_rgb.png"));
    DepthMap d = DepthMap.read(t.resolve("depth/point_0_view_0_domain_depth_euclidean.png"), DepthMap.Scale.TASKONOMY);
    double[][] fog = {{122.286, 122.419, 121.943, 121.372, 120.889}, {3.006, 1.93, 1.293, 0.891, 0.623}};
    double[][] near = {{120.094, 120.088, 120.086, 120.071, 120.057}, {2.812, 2.428, 2.172, 1.961, 1.804}};
    double[][] far = {{120.275, 120.33, 120.415, 120.506, 120.582}, {3.795, 3.204, 2.892, 2.648, 2.478}};
    for (int s = 1; s <= 5; s++) {
      check("fog_3d s" + s, ThreeDCC.fog3d(rgb, d, s), fog[0][s - 1], fog[1][s - 1]);
      check("near_focus s" + s, ThreeDCC.focus(rgb, d, s, true), near[0][s - 1], near[1][s - 1]);
      check("far_focus s" + s, ThreeDCC.focus(rgb, d, s, false), far[0][s - 1], far[1][s - 1]);
    }
  }

  private static void check(String what, RgbImage img, double mean, double gradient) {
    byte[] b = img.rgb();
    double sum = 0, grad = 0;
    int w = img.width(), h = img.height();
    for (byte v : b) sum += v & 0xff;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x + 1 < w; x++) {
        for (int c = 0; c < 3; c++) grad += Math.abs((b[(y * w + x + 1) * 3 + c] & 0xff) - (b[(y * w + x) * 3 + c] & 0xff));
      }
    }
    assertEquals(mean, sum / b.length, 0.05, what + " mean");
    assertEquals(gradient, grad / (h * (w - 1) * 3.0), 0.02, what + " sharpness");
  }
}
