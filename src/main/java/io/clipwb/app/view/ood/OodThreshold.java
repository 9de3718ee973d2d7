package io.clipwb.app.view.ood;

import io.clipwb.core.eval.ood.OodResult;

/**
 * The operating point of one OOD score at a threshold, in the ROC's orientation (OpenOOD's: an
 * image is flagged OOD when its score is at or below the threshold): TPR = share of OOD images
 * flagged, FPR = share of ID images flagged. This is what the view's slider shows live; at the
 * core's {@code thresholdOpenOod} it gives the core's FPR@95.
 *
 * @param threshold the score threshold
 * @param tpr share of OOD images with score &lt;= threshold
 * @param fpr share of ID images with score &lt;= threshold
 * @param oodFlagged number of OOD images flagged
 * @param idFlagged number of ID images flagged
 */
public record OodThreshold(double threshold, double tpr, double fpr, int oodFlagged, int idFlagged) {
  /** The rates of {@code s}'s per-image scores at {@code t}. */
  public static OodThreshold at(OodResult.PerScore s, double t) {
    int ood = flagged(s.oodScores(), t);
    int id = flagged(s.idScores(), t);
    return new OodThreshold(t, (double) ood / s.oodScores().length, (double) id / s.idScores().length, ood, id);
  }

  private static int flagged(double[] v, double t) {
    int n = 0;
    for (double x : v) if (x <= t) n++;
    return n;
  }
}
