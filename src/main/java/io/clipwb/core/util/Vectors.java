package io.clipwb.core.util;

/**
 * The vector arithmetic every evaluation shares: L2 normalisation of embedding rows and softmax of
 * logit rows. Kept in one place so that zero-shot classification, retrieval, calibration and the
 * importers compute them the same way, to the last bit: normalisation divides in double and
 * rounds once to float; softmax subtracts the row maximum before {@code exp} (numerically stable)
 * and works in double. No method here mutates its input.
 */
public final class Vectors {
  private Vectors() {}

  /** A unit-length copy of {@code v} (a zero vector stays zero). */
  public static float[] normalize(float[] v) {
    double s = 0;
    for (float x : v) s += (double) x * x;
    double n = Math.sqrt(s);
    float[] out = new float[v.length];
    if (n == 0) return out;
    for (int j = 0; j < v.length; j++) out[j] = (float) (v[j] / n);
    return out;
  }

  /** A copy of {@code m} with every row L2-normalised (zero rows stay zero); {@code m} is unchanged. */
  public static float[][] normalizeRows(float[][] m) {
    float[][] out = new float[m.length][];
    for (int i = 0; i < m.length; i++) out[i] = normalize(m[i]);
    return out;
  }

  /** Softmax of one logit row, in double with the row maximum subtracted. */
  public static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logits) max = Math.max(max, v);
    double[] p = new double[logits.length];
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      s += p[i];
    }
    for (int i = 0; i < p.length; i++) p[i] /= s;
    return p;
  }

  /** Softmax of one float logit row, computed exactly as {@link #softmax(double[])} on the widened row. */
  public static double[] softmax(float[] logits) {
    double[] d = new double[logits.length];
    for (int i = 0; i < d.length; i++) d[i] = logits[i];
    return softmax(d);
  }
}
