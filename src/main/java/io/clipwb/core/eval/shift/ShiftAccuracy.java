package io.clipwb.core.eval.shift;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.clipwb.core.eval.EvalInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * Top-1 accuracy on a (shifted) set from cached logits, optionally with a {@link ClassSubset}:
 * the argmax runs over the subset's columns only, and the prediction is mapped back to the full
 * class index. Per-item predictions and correctness are kept for drill-down.
 */
public final class ShiftAccuracy {
  private ShiftAccuracy() {}

  /** Accuracy of one class (drill-down level between the set and its items). */
  public record PerClass(int classIndex, int n, int correct, double accuracy) {}

  /**
   * The result on one set.
   *
   * @param n labelled items evaluated
   * @param unlabelled items skipped because their label is -1
   * @param ids source rows of the evaluated items
   * @param predicted predicted class (full class space) per evaluated item
   * @param correct correctness per evaluated item
   */
  public record Result(
      String set, String classSubset, int classesUsed, int n, int unlabelled, int nCorrect, double accuracy,
      List<PerClass> perClass,
      @JsonIgnore int[] ids, @JsonIgnore int[] predicted, @JsonIgnore boolean[] correct) {}

  /**
   * @param subset the classes the set covers, or null for all classes
   * @throws IllegalArgumentException on empty/NaN/mismatched input, or a label outside the subset
   */
  public static Result compute(String name, double[][] logits, int[] labels, ClassSubset subset) {
    EvalInputs.checkMatrix(logits, name, 1);
    int c = logits[0].length;
    EvalInputs.checkLabels(labels, logits.length, c, name);
    int[] cols = subset == null ? EvalInputs.range(c) : subset.classes();
    boolean[] inSubset = new boolean[c];
    for (int k : cols) {
      if (k >= c) {
        throw new IllegalArgumentException(name + ": class subset " + subset.name() + " has class " + k
            + " but the logits have only " + c + " columns");
      }
      inSubset[k] = true;
    }
    int m = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) continue;
      if (!inSubset[labels[i]]) {
        throw new IllegalArgumentException(name + ": row " + i + " has label " + labels[i] + ", which is not in class subset "
            + (subset == null ? "" : subset.name()));
      }
      m++;
    }
    if (m == 0) throw new IllegalArgumentException(name + ": no labelled rows (all labels are -1)");
    int[] ids = new int[m];
    int[] pred = new int[m];
    boolean[] ok = new boolean[m];
    int[] clsN = new int[c];
    int[] clsC = new int[c];
    int k = 0;
    int nc = 0;
    for (int i = 0; i < logits.length; i++) {
      if (labels[i] < 0) continue;
      double[] z = logits[i];
      int best = cols[0];
      for (int j = 1; j < cols.length; j++) if (z[cols[j]] > z[best]) best = cols[j];
      ids[k] = i;
      pred[k] = best;
      ok[k] = best == labels[i];
      clsN[labels[i]]++;
      if (ok[k]) {
        nc++;
        clsC[labels[i]]++;
      }
      k++;
    }
    List<PerClass> per = new ArrayList<>();
    for (int j = 0; j < c; j++) if (clsN[j] > 0) per.add(new PerClass(j, clsN[j], clsC[j], (double) clsC[j] / clsN[j]));
    return new Result(name, subset == null ? null : subset.name(), cols.length, m, logits.length - m, nc, (double) nc / m, per,
        ids, pred, ok);
  }
}
