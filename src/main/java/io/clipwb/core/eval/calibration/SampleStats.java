package io.clipwb.core.eval.calibration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.clipwb.core.eval.EvalInputs;
import java.util.Arrays;

/**
 * The per-sample "cache" of calibration: for every labelled item, its confidence (max softmax),
 * predicted class, true label, correctness, negative log-likelihood and Brier score. All binned
 * metrics (ECE in its variants, MCE, reliability diagrams) and all per-group metrics are functions
 * of these vectors only, so a change of bin count, binning scheme or grouping recomputes in
 * milliseconds without the N x C logits (and never touches a model).
 *
 * <p>{@code ids} holds each sample's row in the original array (rows with label -1 = unknown are
 * dropped), so every aggregate can be turned back into its images.
 *
 * @param ids row of each sample in the source logits
 * @param confidence max softmax probability
 * @param predicted argmax class (first maximum on ties, as torch.max / numpy.argmax)
 * @param labels true class
 * @param nll -log softmax[label]
 * @param brier sum over classes of (p_c - onehot_c)^2
 * @param temperature the temperature the logits were divided by (1 = raw)
 */
public record SampleStats(
    int[] ids, double[] confidence, int[] predicted, int[] labels, double[] nll, double[] brier, double temperature) {

  public SampleStats {
    int n = ids.length;
    if (confidence.length != n || predicted.length != n || labels.length != n || nll.length != n || brier.length != n) {
      throw new IllegalArgumentException("SampleStats: vectors of different lengths");
    }
  }

  /** Number of samples. */
  public int size() {
    return ids.length;
  }

  /** Whether sample i is classified correctly. */
  public boolean correct(int i) {
    return predicted[i] == labels[i];
  }

  /** Correctness of every sample (1 = correct). */
  @JsonIgnore
  public boolean[] correctness() {
    boolean[] c = new boolean[ids.length];
    for (int i = 0; i < c.length; i++) c[i] = predicted[i] == labels[i];
    return c;
  }

  /**
   * Computes the per-sample statistics of softmax(logits / temperature). Rows whose label is -1
   * (unknown) are skipped.
   *
   * @param name used in error messages (e.g. the file name)
   * @throws IllegalArgumentException on empty input, NaN/inf logits, mismatched lengths, labels out
   *     of range, or no labelled row
   */
  public static SampleStats fromLogits(double[][] logits, int[] labels, double temperature, String name) {
    EvalInputs.checkMatrix(logits, name, 2);
    EvalInputs.checkLabels(labels, logits.length, logits[0].length, name);
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException(name + ": temperature must be > 0, got " + temperature);
    }
    int m = 0;
    for (int l : labels) if (l >= 0) m++;
    if (m == 0) throw new IllegalArgumentException(name + ": no labelled rows (all labels are -1)");
    int[] ids = new int[m];
    double[] conf = new double[m];
    int[] pred = new int[m];
    int[] lab = new int[m];
    double[] nll = new double[m];
    double[] brier = new double[m];
    int c = logits[0].length;
    double[] p = new double[c];
    int k = 0;
    for (int i = 0; i < logits.length; i++) {
      if (labels[i] < 0) continue;
      double[] z = logits[i];
      double max = Double.NEGATIVE_INFINITY;
      int arg = 0;
      for (int j = 0; j < c; j++) {
        double v = z[j] / temperature;
        p[j] = v;
        if (v > max) {
          max = v;
          arg = j;
        }
      }
      double sum = 0;
      for (int j = 0; j < c; j++) {
        double e = Math.exp(p[j] - max);
        p[j] = e;
        sum += e;
      }
      int y = labels[i];
      double b = 0;
      for (int j = 0; j < c; j++) {
        double q = p[j] / sum;
        double d = j == y ? q - 1 : q;
        b += d * d;
      }
      ids[k] = i;
      conf[k] = 1.0 / sum; // p[arg] = exp(0) / sum
      pred[k] = arg;
      lab[k] = y;
      nll[k] = Math.log(sum) + max - z[y] / temperature;
      brier[k] = b;
      k++;
    }
    return new SampleStats(ids, conf, pred, lab, nll, brier, temperature);
  }

  /** The samples at the given positions (positions into this object, not source rows). */
  public SampleStats select(int[] positions) {
    int n = positions.length;
    int[] i2 = new int[n];
    double[] c2 = new double[n];
    int[] p2 = new int[n];
    int[] l2 = new int[n];
    double[] n2 = new double[n];
    double[] b2 = new double[n];
    for (int k = 0; k < n; k++) {
      int q = positions[k];
      if (q < 0 || q >= ids.length) throw new IllegalArgumentException("sample position " + q + " outside [0, " + ids.length + ")");
      i2[k] = ids[q];
      c2[k] = confidence[q];
      p2[k] = predicted[q];
      l2[k] = labels[q];
      n2[k] = nll[q];
      b2[k] = brier[q];
    }
    return new SampleStats(i2, c2, p2, l2, n2, b2, temperature);
  }

  /** The samples whose source rows are in {@code rows} (rows with unknown label are ignored). */
  public SampleStats selectRows(int[] rows) {
    int maxId = 0;
    for (int id : ids) maxId = Math.max(maxId, id);
    int[] pos = new int[Math.max(maxId + 1, 1)];
    Arrays.fill(pos, -1);
    for (int k = 0; k < ids.length; k++) pos[ids[k]] = k;
    int[] sel = Arrays.stream(rows).filter(r -> r >= 0 && r < pos.length && pos[r] >= 0).map(r -> pos[r]).toArray();
    return select(sel);
  }
}
