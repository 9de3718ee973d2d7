package io.clipwb.core.eval.ood;

import io.clipwb.core.eval.EvalInputs;
import java.util.Arrays;

/**
 * OOD detection metrics from ID and OOD scores (higher = more ID), by sorting: O(n log n).
 *
 * <p>Definitions, reproduced exactly:
 * <ul>
 *   <li>OpenOOD v1.5 (Jingkang50/OpenOOD {@code openood/evaluators/metrics.py}
 *       {@code compute_all_metrics} / {@code auc_and_fpr_recall}): OOD is the positive class and
 *       the score is negated, {@code roc_curve(ood_indicator, -conf)}; FPR@95 =
 *       {@code fpr[argmax(tpr >= 0.95)]}, i.e. the share of <em>ID</em> images rejected when 95 %
 *       of OOD images are detected; AUROC = {@code auc(fpr, tpr)}; AUPR-In =
 *       {@code auc} of {@code precision_recall_curve(1 - ood_indicator, conf)}; AUPR-Out = the same
 *       with {@code (ood_indicator, -conf)}.</li>
 *   <li>MCM / Hendrycks convention: ID positive, {@code roc_curve(id_indicator, conf)}, FPR at the
 *       first threshold with TPR &gt;= 0.95, i.e. the share of <em>OOD</em> images accepted when
 *       95 % of ID images are kept.</li>
 * </ul>
 * The curves follow scikit-learn 1.2.1: {@code _binary_clf_curve} (one point per distinct score, tied
 * scores collapse into one point), {@code roc_curve(drop_intermediate=True)} (collinear interior
 * points dropped, which decides FPR@95 when ties make diagonal steps), a (0, 0) start; the
 * precision-recall curve gets a final (recall 0, precision 1) point; areas are trapezoids.
 */
public final class OodMetrics {
  private OodMetrics() {}

  /**
   * The metrics at one TPR level.
   *
   * @param auroc area under the ROC curve (the same in both conventions)
   * @param auprIn area under the precision-recall curve with ID positive
   * @param auprOut area under the precision-recall curve with OOD positive
   * @param fprOpenOod OpenOOD's FPR@tpr: share of ID rejected when tpr of OOD is detected
   * @param thresholdOpenOod the score at that point: images with score &lt;= it are called OOD
   * @param fprIdPositive MCM/Hendrycks FPR@tpr: share of OOD accepted when tpr of ID is kept
   * @param thresholdIdPositive the score at that point: images with score &gt;= it are called ID
   * @param tprLevel the TPR level (0.95)
   * @param nId number of ID images
   * @param nOod number of OOD images
   */
  public record Metrics(
      double auroc, double auprIn, double auprOut, double fprOpenOod, double thresholdOpenOod,
      double fprIdPositive, double thresholdIdPositive, double tprLevel, int nId, int nOod) {}

  /**
   * ROC points (after dropping collinear points), OpenOOD orientation: x = share of ID flagged OOD,
   * y = share of OOD flagged OOD, when images with score &lt;= threshold are flagged.
   */
  public record Roc(double[] fpr, double[] tpr, double[] threshold) {}

  /** Scores sorted once (ascending), so every TPR level and every metric reuses the sort. */
  public record Sorted(double[] id, double[] ood) {
    public static Sorted of(double[] idScores, double[] oodScores) {
      int a0 = idScores == null ? 0 : idScores.length;
      int b0 = oodScores == null ? 0 : oodScores.length;
      if (a0 == 0 || b0 == 0) {
        throw new IllegalArgumentException(
            "OOD detection needs both ID and OOD images, got " + a0 + " ID and " + b0 + " OOD scores");
      }
      EvalInputs.checkScores(idScores, "ID scores");
      EvalInputs.checkScores(oodScores, "OOD scores");
      double[] a = idScores.clone();
      double[] b = oodScores.clone();
      Arrays.sort(a);
      Arrays.sort(b);
      return new Sorted(a, b);
    }
  }

  /** One point per distinct threshold, scores in decreasing order (sklearn {@code _binary_clf_curve}). */
  record Curve(int[] fps, int[] tps, double[] thr, int size) {}

  /**
   * OpenOOD's calling convention: one score vector and labels where -1 marks OOD images.
   *
   * @throws IllegalArgumentException when all labels are of one kind (only ID or only OOD)
   */
  public static Metrics computeOpenOod(double[] conf, int[] label, double tprLevel) {
    if (conf.length != label.length) {
      throw new IllegalArgumentException("mismatched lengths: " + conf.length + " scores but " + label.length + " labels");
    }
    int nOod = 0;
    for (int l : label) if (l == -1) nOod++;
    double[] id = new double[conf.length - nOod];
    double[] ood = new double[nOod];
    int a = 0;
    int b = 0;
    for (int i = 0; i < conf.length; i++) {
      if (label[i] == -1) ood[b++] = conf[i];
      else id[a++] = conf[i];
    }
    return compute(id, ood, tprLevel);
  }

  /** Sorts, then computes every metric. */
  public static Metrics compute(double[] idScores, double[] oodScores, double tprLevel) {
    return compute(Sorted.of(idScores, oodScores), tprLevel);
  }

  /** Every metric from pre-sorted scores (linear time). */
  public static Metrics compute(Sorted s, double tprLevel) {
    if (!(tprLevel > 0 && tprLevel <= 1)) throw new IllegalArgumentException("TPR level must be in (0, 1], got " + tprLevel);
    double[] id = s.id();
    double[] ood = s.ood();
    // OpenOOD: positive = OOD, score = -conf. Decreasing -conf = increasing conf.
    Curve oo = curve(ood, id, true);
    // ID positive, score = conf, decreasing conf.
    Curve ip = curve(id, ood, false);

    double[] rocOpen = rocPoints(oo, tprLevel);
    double[] rocId = rocPoints(ip, tprLevel);
    return new Metrics(
        rocOpen[0],
        prArea(ip),
        prArea(oo),
        rocOpen[1],
        -rocOpen[2],
        rocId[1],
        rocId[2],
        tprLevel,
        id.length,
        ood.length);
  }

  /** The ROC points of the OpenOOD orientation, for plotting. */
  public static Roc roc(Sorted s) {
    Curve c = curve(s.ood(), s.id(), true);
    boolean[] keep = kept(c);
    int m = 1;
    for (boolean k : keep) if (k) m++;
    double[] fpr = new double[m];
    double[] tpr = new double[m];
    double[] thr = new double[m];
    double nNeg = c.fps()[c.size() - 1];
    double nPos = c.tps()[c.size() - 1];
    // sklearn 1.2.1 puts thresholds[0] + 1 first; in conf terms that is conf_min - 1
    thr[0] = -(c.thr()[0] + 1);
    int k = 1;
    for (int i = 0; i < c.size(); i++) {
      if (!keep[i]) continue;
      fpr[k] = c.fps()[i] / nNeg;
      tpr[k] = c.tps()[i] / nPos;
      thr[k] = -c.thr()[i];
      k++;
    }
    return new Roc(fpr, tpr, thr);
  }

  /**
   * Builds the curve for positives/negatives given as ascending score arrays.
   *
   * @param negate whether the effective score is -score (then decreasing effective score = ascending
   *     raw score)
   */
  static Curve curve(double[] pos, double[] neg, boolean negate) {
    int np = pos.length;
    int nn = neg.length;
    int[] fps = new int[np + nn];
    int[] tps = new int[np + nn];
    double[] thr = new double[np + nn];
    int i = 0; // consumed positives
    int j = 0; // consumed negatives
    int m = 0;
    while (i < np || j < nn) {
      double pv = i < np ? eff(pos, i, negate) : Double.NEGATIVE_INFINITY;
      double nv = j < nn ? eff(neg, j, negate) : Double.NEGATIVE_INFINITY;
      double v = (i < np && (j >= nn || pv >= nv)) ? pv : nv;
      while (i < np && eff(pos, i, negate) == v) i++;
      while (j < nn && eff(neg, j, negate) == v) j++;
      fps[m] = j;
      tps[m] = i;
      thr[m] = v;
      m++;
    }
    return new Curve(fps, tps, thr, m);
  }

  /** k-th largest effective score: raw ascending array read from the end, or negated from the start. */
  private static double eff(double[] asc, int k, boolean negate) {
    return negate ? -asc[k] : asc[asc.length - 1 - k];
  }

  /** sklearn's drop_intermediate: keep the ends and every point where fps or tps bends. */
  static boolean[] kept(Curve c) {
    int m = c.size();
    boolean[] keep = new boolean[m];
    if (m <= 2) {
      Arrays.fill(keep, true);
      return keep;
    }
    int[] f = c.fps();
    int[] t = c.tps();
    keep[0] = true;
    keep[m - 1] = true;
    for (int k = 1; k < m - 1; k++) {
      keep[k] = (f[k + 1] - 2 * f[k] + f[k - 1]) != 0 || (t[k + 1] - 2 * t[k] + t[k - 1]) != 0;
    }
    return keep;
  }

  /** {AUROC, FPR at the first kept point with TPR >= level, effective threshold there}. */
  static double[] rocPoints(Curve c, double level) {
    boolean[] keep = kept(c);
    double nNeg = c.fps()[c.size() - 1];
    double nPos = c.tps()[c.size() - 1];
    double area = 0;
    double px = 0;
    double py = 0;
    double fprAt = Double.NaN;
    double thrAt = Double.NaN;
    if (0.0 >= level) {
      fprAt = 0;
      thrAt = c.thr()[0] + 1;
    }
    for (int k = 0; k < c.size(); k++) {
      if (!keep[k]) continue;
      double x = c.fps()[k] / nNeg;
      double y = c.tps()[k] / nPos;
      area += (x - px) * (y + py) / 2.0;
      if (Double.isNaN(fprAt) && y >= level) {
        fprAt = x;
        thrAt = c.thr()[k];
      }
      px = x;
      py = y;
    }
    return new double[] {area, fprAt, thrAt};
  }

  /** Trapezoid area under the precision-recall curve (precision_recall_curve + auc). */
  static double prArea(Curve c) {
    double nPos = c.tps()[c.size() - 1];
    double area = 0;
    double pr = 0; // recall of the previous point, walking from low recall to high
    double pp = 1; // precision at recall 0 (sklearn's appended point)
    for (int k = 0; k < c.size(); k++) {
      int t = c.tps()[k];
      double prec = (double) t / (t + c.fps()[k]);
      double rec = t / nPos;
      area += (rec - pr) * (prec + pp) / 2.0;
      pr = rec;
      pp = prec;
    }
    return area;
  }
}
