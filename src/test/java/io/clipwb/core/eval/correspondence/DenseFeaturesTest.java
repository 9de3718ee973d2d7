package io.clipwb.core.eval.correspondence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.model.PatchFeatures;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseFeaturesTest {
  /**
   * {@code F.interpolate(g, size=(5, 7), mode="bilinear", align_corners=False)} of the 2x3 grid
   * [[1, 2, 4], [8, 16, 32]], computed with torch 1.13 (Debian).
   */
  static final double[][] TORCH = {
    {1.0, 1.1428571939468384, 1.5714285373687744, 2.0, 2.857142925262451, 3.7142858505249023, 4.0},
    {1.7000000476837158, 1.942857265472412, 2.671428680419922, 3.4000000953674316, 4.857142925262451, 6.314286231994629, 6.800000190734863},
    {4.5, 5.142857074737549, 7.0714287757873535, 9.0, 12.85714340209961, 16.714284896850586, 18.0},
    {7.300000190734863, 8.342857360839844, 11.471428871154785, 14.600001335144043, 20.85714340209961, 27.114286422729492, 29.200000762939453},
    {8.0, 9.142857551574707, 12.571428298950195, 16.0, 22.85714340209961, 29.71428680419922, 32.0}
  };

  @Test
  void upsamplingMatchesTorchBilinearWithoutAlignCorners() {
    float[][] cells = {{1}, {2}, {4}, {8}, {16}, {32}};
    DenseFeatures f = new DenseFeatures(new PatchFeatures(2, 3, new float[][][] {cells}), 0, GridFootprint.full(7, 5), 7, 5);
    for (int v = 0; v < 5; v++) {
      for (int u = 0; u < 7; u++) assertEquals(TORCH[v][u], f.sample(u, v)[0], 2e-6, "pixel " + u + "," + v);
    }
  }

  @Test
  void matcherEqualsBruteForceOverUpsampledPixels() {
    Random r = new Random(9);
    int gh = 5;
    int gw = 7;
    int d = 6;
    float[][] cells = new float[gh * gw][d];
    for (float[] c : cells) for (int j = 0; j < d; j++) c[j] = (float) r.nextGaussian();
    GridFootprint fp = new GridFootprint(3.5, 1, 30, 26);
    DenseFeatures b = new DenseFeatures(new PatchFeatures(gh, gw, new float[][][] {cells}), 0, fp, 40, 30);
    DenseMatcher m = new DenseMatcher(b, 1);
    for (int q = 0; q < 20; q++) {
      float[] query = new float[d];
      for (int j = 0; j < d; j++) query[j] = (float) r.nextGaussian();
      double norm = 0;
      for (float x : query) norm += x * x;
      for (int j = 0; j < d; j++) query[j] /= (float) Math.sqrt(norm);
      double best = Double.NEGATIVE_INFINITY;
      int bu = -1;
      int bv = -1;
      int count = 0;
      for (int v = 0; v < 30; v++) {
        for (int u = 0; u < 40; u++) {
          if (!b.covers(u, v)) continue;
          count++;
          float[] f = b.sampleNormalized(u, v);
          double s = 0;
          for (int j = 0; j < d; j++) s += query[j] * f[j];
          if (s > best + 1e-6) {
            best = s;
            bu = u;
            bv = v;
          }
        }
      }
      double[] got = m.best(query);
      assertEquals(count, m.candidates());
      assertEquals(best, got[2], 1e-5);
      assertEquals(bu, got[0], "query " + q);
      assertEquals(bv, got[1], "query " + q);
    }
  }

  @Test
  void clipCenterCropFootprint() {
    // 640x480 → resize shorter side to 224 → 298x224 → crop 224 at left int(round(37.0)) = 37
    GridFootprint fp = GridFootprint.clipPreprocessing(640, 480, 224, 224, true);
    assertEquals(37 * 640.0 / 298, fp.x0(), 1e-12);
    assertEquals(224 * 640.0 / 298, fp.width(), 1e-12);
    assertEquals(0, fp.y0());
    assertEquals(480, fp.height(), 1e-12);
    assertFalse(fp.contains(78, 100));
    assertTrue(fp.contains(79, 100));
    // portrait, and Python's round-half-to-even: 225 → crop 224 leaves 1 → offset round(0.5) = 0
    GridFootprint p = GridFootprint.clipPreprocessing(225, 300, 225, 224, true);
    assertEquals(0, p.x0());
    assertEquals(GridFootprint.full(10, 20), GridFootprint.clipPreprocessing(10, 20, 224, 224, false));
  }
}
