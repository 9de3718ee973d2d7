package io.clipwb.core.eval.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-checked ties, brute-force agreement, tau recomputation, and bad inputs. */
class OodBehaviourTest {

  @Test
  void aurocCountsTiesAsHalf() {
    // pairs (id, ood): (1,2)=0, (1,0)=1, (2,2)=0.5, (2,0)=1 -> 2.5 / 4
    assertEquals(0.625, OodMetrics.compute(new double[] {1, 2}, new double[] {2, 0}, 0.95).auroc(), 1e-15);
    assertEquals(0.75, OodMetrics.compute(new double[] {1, 2, 3, 4}, new double[] {0.5, 2.5}, 0.95).auroc(), 1e-15);
  }

  @Test
  void fprAt95InBothConventionsOnAHandExample() {
    // 20 ID scores 1..20, 10 OOD scores 0.5..9.5
    double[] id = new double[20];
    double[] ood = new double[10];
    for (int i = 0; i < 20; i++) id[i] = i + 1;
    for (int i = 0; i < 10; i++) ood[i] = i + 0.5;
    OodMetrics.Metrics m = OodMetrics.compute(id, ood, 0.95);
    // ID positive: keeping 95 % of ID (19 of 20) needs threshold 2; OOD >= 2: 2.5..9.5 = 8 of 10
    assertEquals(0.8, m.fprIdPositive(), 1e-15);
    assertEquals(2.0, m.thresholdIdPositive(), 0.0);
    // OpenOOD: flag score <= t as OOD; detecting 95 % of OOD (10 of 10, as 9.5/10 needs all) needs t = 9.5;
    // ID <= 9.5: 1..9 = 9 of 20
    assertEquals(0.45, m.fprOpenOod(), 1e-15);
    assertEquals(9.5, m.thresholdOpenOod(), 0.0);
  }

  @Test
  void sortingAurocAgreesWithPairCountingOnTiedScores() {
    Random r = new Random(11);
    double[] id = new double[700];
    double[] ood = new double[400];
    for (int i = 0; i < id.length; i++) id[i] = Math.round(r.nextGaussian() * 4 + 2) / 4.0; // many ties
    for (int i = 0; i < ood.length; i++) ood[i] = Math.round(r.nextGaussian() * 4) / 4.0;
    double pairs = 0;
    for (double a : id) for (double b : ood) pairs += a > b ? 1 : a == b ? 0.5 : 0;
    assertEquals(pairs / (id.length * (double) ood.length), OodMetrics.compute(id, ood, 0.95).auroc(), 1e-12);
    OodMetrics.Roc roc = OodMetrics.roc(OodMetrics.Sorted.of(id, ood));
    assertEquals(0.0, roc.fpr()[0]);
    assertEquals(1.0, roc.tpr()[roc.tpr().length - 1]);
  }

  @Test
  void changingTauRecomputesMcmFromCachedCosines() {
    Random r = new Random(5);
    double[][] id = new double[300][10];
    double[][] ood = new double[200][10];
    for (double[] row : id) { for (int j = 0; j < 10; j++) row[j] = 0.2 + 0.03 * r.nextGaussian(); row[r.nextInt(10)] += 0.08; }
    for (double[] row : ood) for (int j = 0; j < 10; j++) row[j] = 0.2 + 0.03 * r.nextGaussian();
    OodParams p = OodParams.defaults().withScores(java.util.List.of(OodScore.MCM, OodScore.MSP));
    OodResult t1 = Ood.compute("id", id, null, "ood", ood, true, p, io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    OodResult t2 = Ood.compute("id", id, null, "ood", ood, true, p.withTau(0.01), io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    assertNotEquals(t1.get(OodScore.MCM).metrics().auroc(), t2.get(OodScore.MCM).metrics().auroc());
    assertEquals(t1.get(OodScore.MSP).metrics().auroc(), t2.get(OodScore.MSP).metrics().auroc(), 0.0, "MSP ignores tau");
    // MCM with tau = 1/100 on cosines is MSP at logit scale 100
    assertEquals(t2.get(OodScore.MCM).metrics().auroc(), t1.get(OodScore.MSP).metrics().auroc(), 1e-12);
    assertTrue(Double.isNaN(t1.idAccuracy()));
  }

  @Test
  void badInputsGiveClearErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OodMetrics.computeOpenOod(new double[] {0.1, 0.2}, new int[] {3, 4}, 0.95));
    assertTrue(e.getMessage().contains("both ID and OOD"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OodMetrics.computeOpenOod(new double[] {0.1, 0.2}, new int[] {-1, -1}, 0.95));
    assertTrue(e.getMessage().contains("0 ID"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> OodMetrics.compute(new double[] {Double.NaN}, new double[] {1}, 0.95));
    assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OodMetrics.computeOpenOod(new double[] {0.1, 0.2}, new int[] {1}, 0.95));
    assertTrue(e.getMessage().contains("mismatched lengths"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Ood.compute("a", new double[][] {{1, 2}}, null, "b",
        new double[][] {{1, 2, 3}}, false, OodParams.defaults(), io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none()));
    assertTrue(e.getMessage().contains("same class prompts"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Ood.compute("a", new double[0][], null, "b",
        new double[][] {{1, 2}}, false, OodParams.defaults(), io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none()));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }
}
