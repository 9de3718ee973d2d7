package io.clipwb.core.eval;

import java.util.Arrays;

/**
 * Input checks shared by the evaluations of cached arrays. Every evaluation here is a pure function
 * over logits/labels/scores that someone may have computed elsewhere, so bad arrays must be caught
 * up front with a message that names the array, the row and the field, not deep inside a metric.
 */
public final class EvalInputs {
  private EvalInputs() {}

  /**
   * Checks an N x C score matrix: non-empty, rectangular, at least {@code minColumns} columns, all
   * values finite.
   *
   * @param name the name used in error messages (a file name or "ID logits")
   */
  public static void checkMatrix(double[][] m, String name, int minColumns) {
    if (m == null || m.length == 0) throw new IllegalArgumentException(name + ": empty set (0 rows)");
    int c = m[0] == null ? 0 : m[0].length;
    if (c < minColumns) {
      throw new IllegalArgumentException(name + ": needs at least " + minColumns + " columns (classes) but has " + c);
    }
    for (int i = 0; i < m.length; i++) {
      double[] r = m[i];
      if (r == null || r.length != c) {
        throw new IllegalArgumentException(
            name + ": row " + i + " has " + (r == null ? 0 : r.length) + " columns, row 0 has " + c);
      }
      for (int j = 0; j < c; j++) {
        if (!Double.isFinite(r[j])) {
          throw new IllegalArgumentException(name + ": non-finite value " + r[j] + " at row " + i + ", column " + j);
        }
      }
    }
  }

  /** Checks that labels match the rows and lie in [-1, classes) (-1 = unknown). */
  public static void checkLabels(int[] labels, int rows, int classes, String name) {
    if (labels == null) throw new IllegalArgumentException(name + ": labels missing");
    if (labels.length != rows) {
      throw new IllegalArgumentException(
          name + ": mismatched lengths: " + rows + " rows of logits but " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < -1 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            name + ": label " + labels[i] + " at row " + i + " is outside [0, " + classes + ") (and not -1 = unknown)");
      }
    }
  }

  /** Checks a 1-D score vector: non-empty, finite. */
  public static void checkScores(double[] s, String name) {
    if (s == null || s.length == 0) throw new IllegalArgumentException(name + ": empty set (0 scores)");
    for (int i = 0; i < s.length; i++) {
      if (!Double.isFinite(s[i])) throw new IllegalArgumentException(name + ": non-finite score " + s[i] + " at row " + i);
    }
  }

  /** Checks that row indices are valid for an array of {@code n} rows. */
  public static void checkRows(int[] rows, int n, String name) {
    for (int r : rows) {
      if (r < 0 || r >= n) throw new IllegalArgumentException(name + ": row index " + r + " outside [0, " + n + ")");
    }
  }

  /** 0, 1, ..., n-1. */
  public static int[] range(int n) {
    int[] r = new int[n];
    Arrays.setAll(r, i -> i);
    return r;
  }
}
