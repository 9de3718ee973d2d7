package io.clipwb.core.eval.ood;

import io.clipwb.core.eval.EvalInputs;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * The OOD-detection evaluation: scores from cached cosines/logits of an ID set and an OOD set,
 * then every metric in both FPR conventions ({@link OodMetrics}). A change of score function, tau or
 * TPR level re-enters here, never at the model.
 */
public final class Ood {
  private Ood() {}

  /**
   * Computes every selected score and its metrics.
   *
   * @param idInput ID cosines or logits (N x C)
   * @param idLabels ID labels (-1 unknown) for the ID accuracy, or null
   * @param oodInput OOD cosines or logits (M x C, same C)
   * @param cosine whether the inputs are cosine similarities (else logits = logit_scale x cosine)
   */
  /** How far past [-1, 1] a float32 cosine may round. */
  static final double COSINE_SLACK = 1e-3;

  /**
   * The first value of a matrix given as cosine similarities that no cosine can take (outside
   * [-1, 1], beyond float rounding), described with its row and column; empty when all are
   * cosines. Such input is almost always logits (logit scale x cosine) passed with the cosine flag,
   * which would silently scale them a second time.
   */
  public static java.util.Optional<String> notCosines(String name, double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        double v = m[i][j];
        if (!(Math.abs(v) <= 1 + COSINE_SLACK)) {
          return java.util.Optional.of(name + ": value " + v + " at row " + i + ", column " + j + " is outside [-1, 1], so it is not a"
              + " cosine similarity (these look like logits: logit scale x cosine)");
        }
      }
    }
    return java.util.Optional.empty();
  }

  public static OodResult compute(
      String idName, double[][] idInput, int[] idLabels, String oodName, double[][] oodInput, boolean cosine,
      OodParams p, Progress progress, Cancellation cancel) {
    java.util.Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    Progress pr = progress;
    Cancellation c = cancel;
    EvalInputs.checkMatrix(idInput, idName, 1);
    EvalInputs.checkMatrix(oodInput, oodName, 1);
    if (idInput[0].length != oodInput[0].length) {
      throw new IllegalArgumentException("ID (" + idName + ") has " + idInput[0].length + " classes but OOD ("
          + oodName + ") has " + oodInput[0].length + ": both must be scored against the same class prompts");
    }
    double acc = Double.NaN;
    if (idLabels != null) {
      EvalInputs.checkLabels(idLabels, idInput.length, idInput[0].length, idName);
      acc = OodScores.accuracy(idInput, idLabels);
    }
    List<OodResult.PerScore> out = new ArrayList<>();
    int k = 0;
    for (OodScore s : p.scores()) {
      c.check();
      pr.update(k++, p.scores().size(), "OOD score " + s.key());
      double[] a = OodScores.compute(idInput, cosine, p.logitScale(), p.tau(), s, idName);
      double[] b = OodScores.compute(oodInput, cosine, p.logitScale(), p.tau(), s, oodName);
      out.add(fromScores(s, a, b, p));
    }
    pr.update(k, p.scores().size(), "done");
    return new OodResult(OodResult.VERSION, p, idName, oodName, idInput.length, oodInput.length, acc, out);
  }

  /** Metrics, ROC and histogram of one score from its per-image values (the cached part). */
  public static OodResult.PerScore fromScores(OodScore s, double[] idScores, double[] oodScores, OodParams p) {
    OodMetrics.Sorted sorted = OodMetrics.Sorted.of(idScores, oodScores);
    return new OodResult.PerScore(
        s,
        OodMetrics.compute(sorted, p.tprLevel()),
        ScoreHistogram.of(idScores, oodScores, p.histogramBins()),
        OodMetrics.roc(sorted),
        idScores,
        oodScores);
  }
}
