package io.clipwb.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.model.Preprocessing.Interpolation;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Geometry and normalisation of {@link Preprocessor}; pixel fidelity is in PreprocessFidelityTest. */
class PreprocessorTest {
  private static RgbImage random(int w, int h, long seed) {
    RgbImage im = RgbImage.blank(w, h);
    new Random(seed).nextBytes(im.rgb());
    return im;
  }

  @Test
  void torchvisionResizeSizes() {
    assertArrayEquals(new int[] {298, 224}, Preprocessor.resizedSize(500, 375, 224)); // int(224 * 500 / 375) = 298
    assertArrayEquals(new int[] {224, 298}, Preprocessor.resizedSize(375, 500, 224));
    assertArrayEquals(new int[] {502, 224}, Preprocessor.resizedSize(350, 156, 224)); // 502.56 truncated
    assertArrayEquals(new int[] {500, 224}, Preprocessor.resizedSize(500, 224, 224), "short side already right: unchanged");
    assertArrayEquals(new int[] {336, 336}, Preprocessor.resizedSize(224, 224, 336));
  }

  @Test
  void centerCropRoundsHalfToEven() {
    assertEquals(37, Preprocessor.cropOffset(298, 224)); // round(37.0)
    assertEquals(0, Preprocessor.cropOffset(225, 224)); // round(0.5) = 0 in Python
    assertEquals(2, Preprocessor.cropOffset(227, 224)); // round(1.5) = 2
    assertEquals(2, Preprocessor.cropOffset(229, 224)); // round(2.5) = 2
    assertEquals(-3, Preprocessor.cropOffset(218, 224), "smaller than the crop: torchvision pads (224 - 218) // 2 on the left");
  }

  @Test
  void windowEqualsFullResizeThenCrop() {
    RgbImage im = random(61, 47, 1);
    for (Interpolation f : Interpolation.values()) {
      RgbImage full = PillowResample.resize(im, 40, 30, f);
      RgbImage win = PillowResample.resizeWindow(im, 40, 30, f, 7, 5, 20, 19);
      for (int y = 0; y < 19; y++) {
        for (int x = 0; x < 20; x++) {
          for (int c = 0; c < 3; c++) assertEquals(full.get(x + 7, y + 5, c), win.get(x, y, c));
        }
      }
    }
  }

  @Test
  void paddingWhenResizeIsSmallerThanTheCrop() {
    Preprocessing spec = new Preprocessing(10, 8, Interpolation.BILINEAR, true, Preprocessing.CLIP_MEAN, Preprocessing.CLIP_STD);
    RgbImage out = new Preprocessor(spec).resizeAndCrop(random(16, 8, 2)); // resize to 16x8, crop 10x10
    assertEquals(10, out.width());
    assertEquals(0, out.get(4, 0, 0), "the padded top row is zero");
    assertEquals(0, out.get(4, 9, 0), "the padded bottom row is zero");
  }

  @Test
  void normalizationIsTorchvisionFloat32() {
    Preprocessor p = new Preprocessor(Preprocessing.clip(2));
    RgbImage im = RgbImage.blank(2, 2);
    im.set(1, 0, 0, 255);
    im.set(0, 1, 2, 128);
    float[] t = p.apply(im);
    assertEquals(12, t.length);
    assertEquals((0f / 255f - 0.48145466f) / 0.26862954f, t[0]);
    assertEquals((255f / 255f - 0.48145466f) / 0.26862954f, t[1], "CHW: channel 0, x = 1");
    assertEquals((128f / 255f - 0.40821073f) / 0.27577711f, t[8 + 2], "channel 2, y = 1, x = 0");
  }

  @Test
  void squashWithoutCenterCrop() {
    Preprocessing spec = new Preprocessing(32, 0, Interpolation.BICUBIC, false, Preprocessing.CLIP_MEAN, Preprocessing.CLIP_STD);
    RgbImage im = random(64, 16, 3);
    RgbImage out = new Preprocessor(spec).resizeAndCrop(im);
    assertArrayEquals(PillowResample.resize(im, 32, 32, Interpolation.BICUBIC).rgb(), out.rgb());
  }

  @Test
  void rejectsBadSpecs() {
    assertThrows(IllegalArgumentException.class,
        () -> new Preprocessor(new Preprocessing(0, 224, Interpolation.BICUBIC, true, Preprocessing.CLIP_MEAN, Preprocessing.CLIP_STD)));
    assertThrows(IllegalArgumentException.class,
        () -> new Preprocessor(new Preprocessing(224, 224, Interpolation.BICUBIC, true, Preprocessing.CLIP_MEAN, new float[] {1, 0, 1})));
  }
}
