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
 * D rows of C floats, and the output is built in blocks of 16 rows × 256 columns by sweeping k
 * over D, adding {@code A[i][k] × Bᵀ[k][j0..j1)} for four k at a time as one chain of fused
 * multiply-adds ({@code Math.fma}, which C2 turns into vector FMA): the block's output and the four
 * Bᵀ segments stay in L1 while all 16 rows reuse them. Row blocks run in parallel on the common
 * fork-join pool plus the calling thread. Measured (2 vCPU EPYC, AVX2, idle, 50,000 × 1,000 × 512,
 * {@code clipwb bench --rescore}; figures in {@code docs/throughput.md}): about 0.8–0.9 s against
 * 1.1–1.3 s for the same axpy kernel row by row without blocking, and 0.41 s for NumPy's
 * {@code matmul} (OpenBLAS) on the same arrays.
 *
 * <p>Numerics: float32, each output element accumulated over k ascending by fused multiply-adds,
 * deterministic for a given input whatever the number of threads. Results differ from a
 * double-accumulated dot product (the zero-shot logits of releases before this kernel) in the last
 * bits: on the sample project, ECE and NLL moved by at most 2.5e-7 relative; accuracies,
 * temperatures, AUROC/FPR, effective robustness, mCE and shape bias are unchanged. PyTorch's and
 * NumPy's float32 {@code matmul} accumulate in float32 too.
 */
public final class SimilarityGemm {
  /** Image rows per parallel task. */
  static final int ROW_BLOCK = 16;

  /** Output columns per inner block (16 rows x 256 floats of output = 16 KiB, in L1 with the Bᵀ segments). */
  static final int COL_BLOCK = 256;

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
      int r0 = blk * ROW_BLOCK;
      int r1 = Math.min(n, r0 + ROW_BLOCK);
      for (int j0 = 0; j0 < c; j0 += COL_BLOCK) block(a, r0, r1, bt, d, j0, Math.min(c, j0 + COL_BLOCK), out);
      for (int i = r0; i < r1; i++) {
        float[] o = out[i];
        for (int j = 0; j < c; j++) o[j] *= scale;
      }
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

  /**
   * {@code out[i][j0..j1) += Σ_k a[i][k] bt[k][j0..j1)} for the rows of one block: the block's
   * output segments (16 × 256 floats) and the four Bᵀ row segments in use stay in L1 while every
   * row of the block reuses them; each element is one fused multiply-add chain over k ascending.
   */
  private static void block(float[][] a, int r0, int r1, float[][] bt, int d, int j0, int j1, float[][] out) {
    int k = 0;
    for (; k + 3 < d; k += 4) {
      float[] b0 = bt[k];
      float[] b1 = bt[k + 1];
      float[] b2 = bt[k + 2];
      float[] b3 = bt[k + 3];
      for (int i = r0; i < r1; i++) {
        float[] x = a[i];
        float[] o = out[i];
        float x0 = x[k];
        float x1 = x[k + 1];
        float x2 = x[k + 2];
        float x3 = x[k + 3];
        for (int j = j0; j < j1; j++) o[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], o[j]))));
      }
    }
    for (; k < d; k++) {
      float[] b0 = bt[k];
      for (int i = r0; i < r1; i++) {
        float x0 = a[i][k];
        float[] o = out[i];
        for (int j = j0; j < j1; j++) o[j] = Math.fma(x0, b0[j], o[j]);
      }
    }
  }
}
