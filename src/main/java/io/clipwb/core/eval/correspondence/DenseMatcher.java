package io.clipwb.core.eval.correspondence;

/**
 * Nearest neighbour by cosine of a query feature among the bilinearly upsampled features of every
 * candidate pixel of an image, without materialising the upsampled feature map.
 *
 * <p>Because upsampling is linear, the dot product of a query q with the feature at pixel p is
 * {@code Σ_k w_k(p) <q, g_k>} over the four grid cells around p, and the feature's squared norm is
 * {@code Σ_k Σ_l w_k w_l <g_k, g_l>}. So a query costs one dot product
 * per grid cell plus a few multiply-adds per pixel (norms come from the dot products of
 * neighbouring cells, computed once), and the search is exact at every pixel
 * ({@code stride} 1) at about the cost of a coarse search. Candidates are the integer pixels of the
 * image inside the grid's footprint, visited row by row; among equal scores the first visited wins
 * (like {@code argmax}).
 */
public final class DenseMatcher {
  private final DenseFeatures f;
  private final int[] us;
  private final int[] vs;
  private final int[][] colIdx; // per candidate column: {x0, x1}
  private final float[] colW;
  private final int[][] rowIdx;
  private final float[] rowW;
  private final float[] invNorm; // per candidate pixel (row-major over vs x us)

  /**
   * @param features the image searched (view B)
   * @param stride candidate pixel spacing (1 = every pixel)
   */
  public DenseMatcher(DenseFeatures features, int stride) {
    if (stride < 1) throw new IllegalArgumentException("stride must be ≥ 1, got " + stride);
    this.f = features;
    GridFootprint fp = features.footprint;
    int uMin = Math.max(0, (int) Math.ceil(fp.x0() - 0.5));
    int uMax = Math.min(features.imageWidth - 1, (int) Math.ceil(fp.x0() + fp.width() - 0.5) - 1);
    int vMin = Math.max(0, (int) Math.ceil(fp.y0() - 0.5));
    int vMax = Math.min(features.imageHeight - 1, (int) Math.ceil(fp.y0() + fp.height() - 0.5) - 1);
    if (uMax < uMin || vMax < vMin) throw new IllegalArgumentException("the feature footprint does not cover any pixel of the image");
    us = range(uMin, uMax, stride);
    vs = range(vMin, vMax, stride);
    colIdx = new int[us.length][2];
    colW = new float[us.length];
    for (int i = 0; i < us.length; i++) colW[i] = (float) DenseFeatures.axis(us[i], fp.x0(), fp.width(), f.gw, colIdx[i]);
    rowIdx = new int[vs.length][2];
    rowW = new float[vs.length];
    for (int j = 0; j < vs.length; j++) rowW[j] = (float) DenseFeatures.axis(vs[j], fp.y0(), fp.height(), f.gh, rowIdx[j]);
    // dot products of neighbouring grid cells (the only Gram entries bilinear weights combine),
    // then each candidate's upsampled norm from them
    int n = f.cells.length;
    int gw = f.gw;
    int[] diffs = java.util.stream.IntStream.of(0, 1, gw - 1, gw, gw + 1).filter(x -> x >= 0).distinct().toArray();
    int[] diffSlot = new int[gw + 2];
    java.util.Arrays.fill(diffSlot, -1);
    double[][] near = new double[diffs.length][n];
    for (int k = 0; k < diffs.length; k++) {
      diffSlot[diffs[k]] = k;
      for (int a = 0; a + diffs[k] < n; a++) {
        float[] x = f.cells[a];
        float[] y = f.cells[a + diffs[k]];
        double s = 0;
        for (int d = 0; d < f.dim; d++) s += (double) x[d] * y[d];
        near[k][a] = s;
      }
    }
    invNorm = new float[us.length * vs.length];
    int[] c = new int[4];
    double[] w = new double[4];
    for (int j = 0; j < vs.length; j++) {
      for (int i = 0; i < us.length; i++) {
        weights(j, i, c, w);
        double s = 0;
        for (int k = 0; k < 4; k++) {
          for (int l = 0; l < 4; l++) {
            int lo = Math.min(c[k], c[l]);
            int hi = Math.max(c[k], c[l]);
            s += w[k] * w[l] * near[diffSlot[hi - lo]][lo];
          }
        }
        invNorm[j * us.length + i] = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
      }
    }
  }

  private void weights(int j, int i, int[] c, double[] w) {
    double wx = colW[i];
    double wy = rowW[j];
    int gw = f.gw;
    c[0] = rowIdx[j][0] * gw + colIdx[i][0];
    c[1] = rowIdx[j][0] * gw + colIdx[i][1];
    c[2] = rowIdx[j][1] * gw + colIdx[i][0];
    c[3] = rowIdx[j][1] * gw + colIdx[i][1];
    w[0] = (1 - wy) * (1 - wx);
    w[1] = (1 - wy) * wx;
    w[2] = wy * (1 - wx);
    w[3] = wy * wx;
  }

  /** Number of candidate pixels searched. */
  public int candidates() {
    return us.length * vs.length;
  }

  /** The best match of a (normalised) query: {u, v, cosine}. */
  public double[] best(float[] query) {
    if (query.length != f.dim) {
      throw new IllegalArgumentException("query feature has width " + query.length + " but the searched image's features have " + f.dim);
    }
    int n = f.cells.length;
    float[] qd = new float[n];
    for (int c = 0; c < n; c++) {
      float[] g = f.cells[c];
      double s = 0;
      for (int d = 0; d < f.dim; d++) s += query[d] * g[d];
      qd[c] = (float) s;
    }
    int gw = f.gw;
    float best = Float.NEGATIVE_INFINITY;
    int bi = 0;
    int bj = 0;
    for (int j = 0; j < vs.length; j++) {
      int r0 = rowIdx[j][0] * gw;
      int r1 = rowIdx[j][1] * gw;
      float wy = rowW[j];
      int base = j * us.length;
      for (int i = 0; i < us.length; i++) {
        int x0 = colIdx[i][0];
        int x1 = colIdx[i][1];
        float wx = colW[i];
        float top = qd[r0 + x0] + wx * (qd[r0 + x1] - qd[r0 + x0]);
        float bot = qd[r1 + x0] + wx * (qd[r1 + x1] - qd[r1 + x0]);
        float s = (top + wy * (bot - top)) * invNorm[base + i];
        if (s > best) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    return new double[] {us[bi], vs[bj], best};
  }

  private static int[] range(int lo, int hi, int step) {
    int n = (hi - lo) / step + 1;
    int[] r = new int[n];
    for (int k = 0; k < n; k++) r[k] = lo + k * step;
    return r;
  }
}
