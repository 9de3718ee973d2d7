package io.clipwb.core.eval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import io.clipwb.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reproduces every number of {@code ../shared/reference/calibration.json}, computed by the
 * reference code (Klaus-Tu/VLM_calibrate ECE and tune_temp; imagenetx estimated_calibration_error).
 */
@Tag("reference")
class CalibrationReferenceTest {
  static final double TOL = 1e-6;
  static double[][] logits;
  static int[] labels;
  static JsonNode expected;
  static int bins;

  /** Reads the reference once; the shared-data gate runs before every test (skip or, in CI, fail). */
  @BeforeEach
  void load() {
    Path f = Shared.path("reference/calibration.json");
    if (expected != null) return;
    JsonNode root = Json.read(f);
    JsonNode l = root.get("logits");
    logits = new double[l.size()][];
    for (int i = 0; i < l.size(); i++) {
      logits[i] = new double[l.get(i).size()];
      for (int j = 0; j < logits[i].length; j++) logits[i][j] = l.get(i).get(j).asDouble();
    }
    JsonNode y = root.get("labels");
    labels = new int[y.size()];
    for (int i = 0; i < labels.length; i++) labels[i] = y.get(i).asInt();
    expected = root.get("expected");
    bins = root.get("n_bins").asInt();
  }

  @Test
  void metricsBeforeTemperatureMatchTheReference() {
    CalibrationMetrics m = Calibration.metrics(SampleStats.fromLogits(logits, labels, 1.0, "reference"), bins, true);
    assertEquals(expected.get("accuracy").asDouble(), m.accuracy(), TOL, "accuracy");
    assertEquals(expected.get("ece").asDouble(), m.ece(), TOL, "ECE (VLM_calibrate)");
    assertEquals(expected.get("ece_imagenet_x").asDouble(), m.eceImagenetX(), TOL, "ECE (ImageNet-X)");
    assertEquals(expected.get("nll").asDouble(), m.nll(), TOL, "NLL");
    assertEquals(expected.get("brier").asDouble(), m.brier(), TOL, "Brier");
    // drill-down: the bins partition the samples
    assertEquals(logits.length, m.reliability().stream().mapToInt(ReliabilityBin::count).sum());
    assertEquals(logits.length, m.reliability().stream().mapToInt(b -> b.items().length).sum());
  }

  @Test
  void temperatureAndMetricsAfterItMatchTheReference() {
    TemperatureScaling.Fit fit = TemperatureScaling.fit(logits, labels, null, 0.5, 10, 1e-4, Cancellation.none());
    assertEquals(expected.get("temperature").asDouble(), fit.temperature(), TOL, "temperature");
    CalibrationMetrics m =
        Calibration.metrics(SampleStats.fromLogits(logits, labels, fit.temperature(), "reference"), bins, false);
    assertEquals(expected.get("ece_after_temperature").asDouble(), m.ece(), TOL, "ECE after T");
    assertEquals(expected.get("nll_after_temperature").asDouble(), m.nll(), TOL, "NLL after T");
  }

  @Test
  void theFullReportWithFractionOneReproducesTheReference() {
    CalibrationParams p = CalibrationParams.defaults().withSplit(1.0, 0);
    CalibrationResult r = Calibration.compute(
        new Calibration.Input("ref", logits, labels), List.of(new Calibration.Input("ref-again", logits, labels)), p,
        io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    assertEquals(expected.get("temperature").asDouble(), r.temperature().temperature(), TOL);
    CalibrationResult.SetRow row = r.table().get(1);
    assertEquals(expected.get("ece").asDouble(), row.eceBefore(), TOL);
    assertEquals(expected.get("ece_after_temperature").asDouble(), row.eceAfter(), TOL);
    assertEquals(expected.get("nll").asDouble(), row.nllBefore(), TOL);
    assertEquals(expected.get("nll_after_temperature").asDouble(), row.nllAfter(), TOL);
    assertEquals("id (in-sample)", r.table().get(0).role());
  }
}
