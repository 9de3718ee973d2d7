package io.clipwb.core.eval.zeroshot;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * {@code scale × A · Bᵀ} for float matrices, A = N × D (image embeddings), B = C × D (class
 * weights): the product behind zero-shot logits and prompt re-scoring. At ImageNet scale
 * (50,000 × 1,000 × 512 = 2.6·10¹⁰ multiply-adds) a scalar triple loop takes minutes; this kernel is
 * within a small factor of OpenBLAS on the same cores (figures in {@code docs/throughput.md}).
 *
 * <p>Why this shape, in plain Java (no {@code jdk.incubator.vector}, which needs a module flag at
 * run time): HotSpot's C2 auto-vectorises an <em>axpy</em> loop {@code out[j] += a * w[j]} over
 * contiguous {@code j} into AVX instructions, but not a float dot-product reduction (Java fixes its
 * summation order), and not a loop that stores into two arrays at once. So B is transposed once to
 * D rows of C floats, and each output row is built by sweeping k over D, adding
 * {@code A[i][k] × Bᵀ[k][·]} for four k at a time (one load and store of the output per four
 * multiply-adds). Measured on this machine (2 vCPU EPYC, AVX2, see {@code docs/throughput.md}):
 * a dot product with 8 accumulators ran at 0.3–0.5 GMAC/s per core, column-blocked or two-row
 * variants at 0.7–1.6, this kernel at 2.5–3.6. Row blocks run in parallel on the common
 * fork-join pool plus the calling thread.
 *
 * <p>Numerics: float32 accumulation over k in a fixed order (k ascending in groups of four, each
 * group summed left to right, then added to the running sum), deterministic for a given input
 * whatever the number of threads. Results differ from a double-accumulated dot product in the last
 * bits (about 1e-6 relative for D = 512), as NumPy's float32 {@code matmul} does.
 */
public final class SimilarityGemm {
  /** Image rows per parallel task. */
  static final int ROW_BLOCK = 16;

  private SimilarityGemm() {}

  /** {@code scale × a · bᵀ} as N rows of C floats. Rows of a and b must all have length D. */
  public static float[][] scaledProduct(float[][] a, float[][] b, float scale) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    int n = a.length;
    int c = b.length;
    float[][] out = new float[n][c];
    if (n == 0 || c == 0) return out;
    int d = b[0].length;
    for (float[] r : b) if (r.length != d) throw new IllegalArgumentException("rows of b differ in length: " + r.length + " vs " + d);
    for (float[] r : a) if (r.length != d) throw new IllegalArgumentException("a row of a has length " + r.length + ", b has " + d);
    float[][] bt = transpose(b, d);
    int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
    IntStream.range(0, blocks).parallel().forEach(blk -> {
      int r1 = Math.min(n, (blk + 1) * ROW_BLOCK);
      for (int i = blk * ROW_BLOCK; i < r1; i++) row(a[i], bt, d, c, scale, out[i]);
    });
    return out;
  }

  /** Bᵀ as D rows of C floats. */
  private static float[][] transpose(float[][] b, int d) {
    int c = b.length;
    float[][] bt = new float[d][c];
    for (int j = 0; j < c; j++) {
      float[] r = b[j];
      for (int k = 0; k < d; k++) bt[k][j] = r[k];
    }
    return bt;
  }

  /** One output row: out[j] = scale × Σ_k x[k] bt[k][j]; {@code out} starts at zero. */
  private static void row(float[] x, float[][] bt, int d, int c, float scale, float[] out) {
    int k = 0;
    for (; k + 3 < d; k += 4) {
      float x0 = x[k];
      float x1 = x[k + 1];
      float x2 = x[k + 2];
      float x3 = x[k + 3];
      float[] b0 = bt[k];
      float[] b1 = bt[k + 1];
      float[] b2 = bt[k + 2];
      float[] b3 = bt[k + 3];
      for (int j = 0; j < c; j++) out[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
    }
    for (; k < d; k++) {
      float x0 = x[k];
      float[] b0 = bt[k];
      for (int j = 0; j < c; j++) out[j] += x0 * b0[j];
    }
    for (int j = 0; j < c; j++) out[j] *= scale;
  }
}
