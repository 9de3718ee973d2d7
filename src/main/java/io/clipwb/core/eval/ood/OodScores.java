package io.clipwb.core.eval.ood;

import io.clipwb.core.eval.EvalInputs;

/**
 * Per-image OOD scores from cached cosine similarities or logits. CLIP logits are
 * logit_scale x cosine; MSP, max-logit and energy work on logits, MCM on cosine / tau. When the
 * input is logits, the cosine is recovered as logits / logit_scale (exact for the run folder's
 * {@code logits.npy}, which is written as logit_scale x cosine).
 */
public final class OodScores {
  private OodScores() {}

  /**
   * Scores of every row.
   *
   * @param input N x C cosine similarities (when {@code cosine}) or logits
   * @param cosine whether {@code input} holds cosines
   * @param logitScale CLIP's logit scale (100 for OpenAI CLIP)
   * @param tau MCM temperature
   * @param name for error messages
   */
  public static double[] compute(double[][] input, boolean cosine, double logitScale, double tau, OodScore score, String name) {
    EvalInputs.checkMatrix(input, name, 1);
    if (!(logitScale > 0) || !Double.isFinite(logitScale)) throw new IllegalArgumentException("logit scale must be > 0, got " + logitScale);
    if (!(tau > 0) || !Double.isFinite(tau)) throw new IllegalArgumentException("MCM tau must be > 0, got " + tau);
    // factor from the input to the quantity the score's softmax/max runs on
    double f = switch (score) {
      case MSP, MAX_LOGIT, ENERGY -> cosine ? logitScale : 1.0;
      case MCM -> cosine ? 1.0 / tau : 1.0 / (logitScale * tau);
    };
    double[] out = new double[input.length];
    for (int i = 0; i < input.length; i++) out[i] = rowScore(input[i], f, score);
    return out;
  }

  static double rowScore(double[] row, double f, OodScore score) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : row) max = Math.max(max, v * f);
    if (score == OodScore.MAX_LOGIT) return max;
    double sum = 0;
    for (double v : row) sum += Math.exp(v * f - max);
    return switch (score) {
      case ENERGY -> max + Math.log(sum);
      default -> 1.0 / sum; // max softmax = exp(0) / sum
    };
  }

  /** Top-1 accuracy of rows with a known label (label &gt;= 0); NaN when none is labelled. */
  public static double accuracy(double[][] input, int[] labels) {
    int n = 0;
    int c = 0;
    for (int i = 0; i < input.length; i++) {
      if (labels[i] < 0) continue;
      n++;
      if (argmax(input[i]) == labels[i]) c++;
    }
    return n == 0 ? Double.NaN : (double) c / n;
  }

  /** Index of the first maximum. */
  public static int argmax(double[] r) {
    int a = 0;
    for (int j = 1; j < r.length; j++) if (r[j] > r[a]) a = j;
    return a;
  }
}
