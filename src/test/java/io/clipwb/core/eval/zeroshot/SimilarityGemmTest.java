package io.clipwb.core.eval.zeroshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked GEMM against a plain double-precision triple loop written here. */
class SimilarityGemmTest {
  private static float[][] random(Random r, int n, int d) {
    float[][] m = new float[n][d];
    for (float[] row : m) for (int j = 0; j < d; j++) row[j] = (float) r.nextGaussian();
    return m;
  }

  private static double reference(float[] x, float[] w) {
    double s = 0;
    for (int k = 0; k < x.length; k++) s += (double) x[k] * w[k];
    return s;
  }

  @Test
  void matchesDoubleTripleLoopOnOddShapes() {
    Random r = new Random(42);
    // D not a multiple of 4, N not a multiple of the row block, C odd
    int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {37, 13, 18}, {100, 101, 513}, {17, 1000, 64}};
    for (int[] s : shapes) {
      float[][] a = random(r, s[0], s[2]);
      float[][] b = random(r, s[1], s[2]);
      float scale = 3.5f;
      float[][] got = SimilarityGemm.scaledProduct(a, b, scale);
      assertEquals(s[0], got.length);
      for (int i = 0; i < s[0]; i++) {
        assertEquals(s[1], got[i].length);
        for (int j = 0; j < s[1]; j++) {
          double want = scale * reference(a[i], b[j]);
          double tol = 1e-5 * scale * Math.sqrt(s[2]) * 4 + 1e-6 * Math.abs(want);
          assertEquals(want, got[i][j], tol, "shape " + java.util.Arrays.toString(s) + " at " + i + "," + j);
        }
      }
    }
  }

  @Test
  void exactOnSmallIntegers() {
    float[][] a = {{1, 2, 3}, {0, -1, 4}};
    float[][] b = {{1, 0, 0}, {1, 1, 1}, {2, -2, 0.5f}};
    float[][] got = SimilarityGemm.scaledProduct(a, b, 2f);
    assertArrayEquals(new float[] {2, 12, -1}, got[0]);
    assertArrayEquals(new float[] {0, 6, 8}, got[1]);
  }

  @Test
  void deterministicAcrossRuns() {
    Random r = new Random(7);
    float[][] a = random(r, 300, 96);
    float[][] b = random(r, 50, 96);
    float[][] x = SimilarityGemm.scaledProduct(a, b, 1f);
    float[][] y = SimilarityGemm.scaledProduct(a, b, 1f);
    for (int i = 0; i < x.length; i++) assertArrayEquals(x[i], y[i]);
  }

  @Test
  void emptyAndMismatched() {
    assertEquals(0, SimilarityGemm.scaledProduct(new float[0][], new float[][] {{1}}, 1f).length);
    assertEquals(0, SimilarityGemm.scaledProduct(new float[][] {{1}}, new float[0][], 1f)[0].length);
    assertThrows(IllegalArgumentException.class, () -> SimilarityGemm.scaledProduct(new float[][] {{1, 2}}, new float[][] {{1}}, 1f));
  }
}
