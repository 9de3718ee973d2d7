package io.clipwb.core.eval.ood;

import java.util.List;

/**
 * Parameters of the OOD evaluation (JSON-serialisable).
 *
 * @param scores which scores to evaluate
 * @param logitScale CLIP's logit scale (logits = logitScale x cosine); 100 for OpenAI CLIP
 * @param tau MCM temperature (1 in the MCM paper's CLIP setting)
 * @param tprLevel TPR at which FPR is reported (0.95)
 * @param histogramBins bins of the score histograms
 */
public record OodParams(List<OodScore> scores, double logitScale, double tau, double tprLevel, int histogramBins) {

  public OodParams {
    scores = List.copyOf(scores);
    if (scores.isEmpty()) throw new IllegalArgumentException("no OOD score selected");
  }

  /** All four scores, logit scale 100, tau 1, TPR 0.95, 50 histogram bins. */
  public static OodParams defaults() {
    return new OodParams(List.of(OodScore.values()), 100.0, 1.0, 0.95, 50);
  }

  public OodParams withTau(double t) {
    return new OodParams(scores, logitScale, t, tprLevel, histogramBins);
  }

  public OodParams withLogitScale(double s) {
    return new OodParams(scores, s, tau, tprLevel, histogramBins);
  }

  public OodParams withScores(List<OodScore> s) {
    return new OodParams(s, logitScale, tau, tprLevel, histogramBins);
  }

  public OodParams withTprLevel(double t) {
    return new OodParams(scores, logitScale, tau, t, histogramBins);
  }
}
