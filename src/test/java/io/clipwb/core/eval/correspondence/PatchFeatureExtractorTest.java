package io.clipwb.core.eval.correspondence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.image.Preprocessor;
import io.clipwb.core.image.RgbImage;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.PatchFeatures;
import io.clipwb.core.model.Preprocessing;
import org.junit.jupiter.api.Test;

/** The model path with a plain-Java "patch encoder": mean colour of each 32x32 patch of the model input. */
class PatchFeatureExtractorTest {
  static final class MeanColourEncoder implements ImageEncoder {
    @Override
    public float[][] encode(ImageBatch batch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PatchFeatures encodePatches(ImageBatch b) {
      int g = b.width() / 32;
      float[][][] out = new float[b.count()][g * g][3];
      for (int n = 0; n < b.count(); n++) {
        for (int c = 0; c < 3; c++) {
          for (int y = 0; y < b.height(); y++) {
            for (int x = 0; x < b.width(); x++) {
              out[n][(y / 32) * g + x / 32][c] += b.pixels()[((n * 3 + c) * b.height() + y) * b.width() + x] / (32f * 32f);
            }
          }
        }
      }
      return new PatchFeatures(g, g, out);
    }

    @Override
    public void close() {}
  }

  @Test
  void patchesLandOnTheRightPartOfTheOriginalImage() {
    Preprocessing spec = Preprocessing.clip(224);
    // 640x480: left half red, right half blue; the 224 crop covers x in [79.5, 560.5)
    RgbImage img = RgbImage.blank(640, 480);
    for (int y = 0; y < 480; y++) {
      for (int x = 0; x < 640; x++) img.set(x, y, x < 320 ? 0 : 2, 255);
    }
    DenseFeatures f = new PatchFeatureExtractor(new MeanColourEncoder(), spec).features(img);
    assertEquals(GridFootprint.clipPreprocessing(640, 480, 224, 224, true), f.footprint());
    assertEquals(3, f.dim());
    float[] left = f.sample(120, 240);
    float[] right = f.sample(520, 240);
    assertTrue(left[0] > left[2] && right[2] > right[0], "red on the left, blue on the right");
    assertTrue(!f.covers(40, 240) && f.covers(120, 240), "pixels outside the crop have no feature");
  }
}
