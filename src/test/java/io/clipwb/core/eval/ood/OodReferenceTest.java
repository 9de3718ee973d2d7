package io.clipwb.core.eval.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.testing.Shared;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reproduces every number of {@code ../shared/reference/ood_detection.json} (OpenOOD
 * compute_all_metrics and sklearn 1.2.1 roc_curve), for the four scores.
 */
@Tag("reference")
class OodReferenceTest {
  static final double TOL = 1e-6;
  static double[][] idCos;
  static double[][] oodCos;
  static int[] idLabels;
  static double logitScale;
  static JsonNode expected;

  static double[][] matrix(JsonNode l) {
    double[][] m = new double[l.size()][];
    for (int i = 0; i < l.size(); i++) {
      m[i] = new double[l.get(i).size()];
      for (int j = 0; j < m[i].length; j++) m[i][j] = l.get(i).get(j).asDouble();
    }
    return m;
  }

  /** Reads the reference once; the shared-data gate runs before every test (skip or, in CI, fail). */
  @BeforeEach
  void load() {
    Path f = Shared.path("reference/ood_detection.json");
    if (expected != null) return;
    JsonNode root = Json.read(f);
    idCos = matrix(root.get("id_cos"));
    oodCos = matrix(root.get("ood_cos"));
    JsonNode y = root.get("id_labels");
    idLabels = new int[y.size()];
    for (int i = 0; i < idLabels.length; i++) idLabels[i] = y.get(i).asInt();
    logitScale = root.get("logit_scale").asDouble();
    expected = root.get("expected");
  }

  @Test
  void everyScoreAndMetricMatchesTheReferenceFromCosines() {
    OodParams p = OodParams.defaults().withLogitScale(logitScale);
    OodResult r = Ood.compute("id", idCos, idLabels, "ood", oodCos, true, p, io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    check(r);
  }

  @Test
  void logitsInputGivesTheSameNumbers() {
    double[][] a = scale(idCos, logitScale);
    double[][] b = scale(oodCos, logitScale);
    OodResult r = Ood.compute("id", a, idLabels, "ood", b, false, OodParams.defaults().withLogitScale(logitScale), io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    check(r);
  }

  static double[][] scale(double[][] m, double s) {
    double[][] o = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      o[i] = m[i].clone();
      for (int j = 0; j < o[i].length; j++) o[i][j] *= s;
    }
    return o;
  }

  private static void check(OodResult r) {
    for (OodScore s : OodScore.values()) {
      JsonNode e = expected.get(s.key());
      OodMetrics.Metrics m = r.get(s).metrics();
      String k = s.key() + " ";
      assertEquals(e.get("openood_fpr95").asDouble(), m.fprOpenOod(), TOL, k + "OpenOOD FPR@95");
      assertEquals(e.get("auroc").asDouble(), m.auroc(), TOL, k + "AUROC");
      assertEquals(e.get("aupr_in").asDouble(), m.auprIn(), TOL, k + "AUPR-In");
      assertEquals(e.get("aupr_out").asDouble(), m.auprOut(), TOL, k + "AUPR-Out");
      assertEquals(e.get("fpr_at_95_tpr_id_positive").asDouble(), m.fprIdPositive(), TOL, k + "FPR@95 ID positive");
      assertEquals(e.get("id_accuracy").asDouble(), r.idAccuracy(), TOL, k + "ID accuracy");
    }
  }
}
