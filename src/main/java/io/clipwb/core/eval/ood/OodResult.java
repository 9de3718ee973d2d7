package io.clipwb.core.eval.ood;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The OOD report of one model on one ID/OOD pair (JSON via {@code core.io.Json}; per-image scores
 * and ROC points go to .npy/CSV beside it).
 *
 * @param idAccuracy top-1 accuracy on the labelled ID images (NaN when no labels)
 */
public record OodResult(
    int version, OodParams params, String idSet, String oodSet, int nId, int nOod, double idAccuracy,
    List<PerScore> scores) {

  public static final int VERSION = 1;

  /**
   * One score's metrics, with the per-image scores (row order of the inputs) for drill-down: the
   * ID images rejected at a threshold are {@code idScores[i] <= thresholdOpenOod}.
   */
  public record PerScore(
      OodScore score,
      OodMetrics.Metrics metrics,
      ScoreHistogram histogram,
      @JsonIgnore OodMetrics.Roc roc,
      @JsonIgnore double[] idScores,
      @JsonIgnore double[] oodScores) {}

  /** The metrics of one score, or an exception if it was not computed. */
  public PerScore get(OodScore s) {
    return scores.stream().filter(p -> p.score() == s).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("score " + s.key() + " was not computed"));
  }
}
