package io.clipwb.core.eval.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.io.Npy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binning rules, split reproducibility, recomputation from cached arrays, and bad inputs. */
class CalibrationBehaviourTest {

  /** Synthetic over-confident classifier: seeded, n x c logits. */
  static double[][] logits(int n, int c, long seed, int[] labelsOut) {
    Random r = new Random(seed);
    double[][] z = new double[n][c];
    for (int i = 0; i < n; i++) {
      int y = r.nextInt(c);
      labelsOut[i] = y;
      for (int j = 0; j < c; j++) z[i][j] = 3 * r.nextGaussian();
      z[i][y] += 2.5;
    }
    return z;
  }

  @Test
  void equalWidthBinsAreLowerExclusiveUpperInclusive() {
    double[] edges = Binning.equalWidthEdges(15);
    assertEquals(1.0 / 15, edges[1]);
    assertEquals(0, Binning.equalWidthBin(edges[1], edges), "conf on an upper edge belongs to the lower bin");
    assertEquals(1, Binning.equalWidthBin(Math.nextUp(edges[1]), edges));
    assertEquals(14, Binning.equalWidthBin(1.0, edges));
    assertEquals(-1, Binning.equalWidthBin(0.0, edges), "VLM_calibrate drops conf = 0");
    assertEquals(0, Binning.imagenetXBin(0.0, edges), "ImageNet-X puts conf = 0 in bin 0");
  }

  @Test
  void equalMassEdgesInterpolateTheSortedConfidencesAsTheReference() {
    double[] conf = {0.4, 0.1, 0.3, 0.2};
    assertArrayEquals(new double[] {0.1, 0.3, 0.4}, Binning.equalMassEdges(conf, 2), 1e-15);
    List<ReliabilityBin> d = Binning.equalMass(conf, new boolean[] {true, false, true, true}, new int[] {0, 1, 2, 3}, 2, true);
    assertEquals(2, d.get(0).count()); // 0.2, 0.3 — the minimum 0.1 sits on the first edge, in no bin
    assertArrayEquals(new int[] {2, 3}, d.get(0).items());
    assertArrayEquals(new int[] {0}, d.get(1).items());
  }

  @Test
  void aParameterChangeRecomputesFromCachedArraysWithoutAnyModel(@TempDir Path dir) {
    int[] y = new int[4000];
    double[][] z = logits(4000, 20, 7, y);
    // the cache: arrays on disk, as a run folder holds them
    Npy.write(dir.resolve("logits.npy"), z);
    Npy.write(dir.resolve("labels.npy"), y);
    RunArrays run = RunArrays.load(dir);
    SampleStats stats = SampleStats.fromLogits(run.logits(), run.labels(), 1.0, "cached");

    // bins: only the per-sample confidence/correctness vectors are needed
    CalibrationMetrics m15 = Calibration.metrics(stats, 15, false);
    CalibrationMetrics m10 = Calibration.metrics(stats, 10, false);
    assertNotEquals(m15.ece(), m10.ece());
    assertEquals(10, m10.reliability().size());
    assertEquals(bruteForceEce(stats, 10), m10.ece(), 1e-12);
    assertEquals(m15.nll(), m10.nll(), 0.0, "NLL does not depend on bins");

    // split: a new seed changes the calibration rows and T, reproducibly
    CalibrationParams p = CalibrationParams.defaults().withKeepItems(false);
    CalibrationResult a = Calibration.compute(new Calibration.Input("id", run.logits(), run.labels()), List.of(), p.withSplit(0.5, 1), io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    CalibrationResult a2 = Calibration.compute(new Calibration.Input("id", run.logits(), run.labels()), List.of(), p.withSplit(0.5, 1), io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    CalibrationResult b = Calibration.compute(new Calibration.Input("id", run.logits(), run.labels()), List.of(), p.withSplit(0.5, 2), io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    assertEquals(a.temperature().temperature(), a2.temperature().temperature(), 0.0);
    assertNotEquals(a.temperature().temperature(), b.temperature().temperature());
    assertEquals(2000, a.split().calibrationRows());
    assertTrue(a.temperature().temperature() > 1, "an over-confident model gets T > 1");
    assertTrue(a.table().get(0).eceAfter() < a.table().get(0).eceBefore());
  }

  static double bruteForceEce(SampleStats s, int bins) {
    double e = 0;
    for (int b = 0; b < bins; b++) {
      double lo = b * (1.0 / bins);
      double hi = b == bins - 1 ? 1.0 : (b + 1) * (1.0 / bins);
      int n = 0;
      double sc = 0;
      int ok = 0;
      for (int i = 0; i < s.size(); i++) {
        double c = s.confidence()[i];
        if (c > lo && c <= hi) {
          n++;
          sc += c;
          if (s.correct(i)) ok++;
        }
      }
      if (n > 0) e += Math.abs(sc / n - (double) ok / n) * n / s.size();
    }
    return e;
  }

  @Test
  void splitIsSeededDisjointAndComplete() {
    CalibrationSplit s1 = CalibrationSplit.of(101, 0.3, 42);
    CalibrationSplit s2 = CalibrationSplit.of(101, 0.3, 42);
    assertArrayEquals(s1.calibration(), s2.calibration());
    assertEquals(30, s1.calibration().length);
    assertEquals(71, s1.evaluation().length);
    boolean[] seen = new boolean[101];
    for (int r : s1.calibration()) seen[r] = true;
    for (int r : s1.evaluation()) {
      assertTrue(!seen[r]);
      seen[r] = true;
    }
    for (boolean b : seen) assertTrue(b);
    assertNotEquals(java.util.Arrays.toString(s1.calibration()), java.util.Arrays.toString(CalibrationSplit.of(101, 0.3, 43).calibration()));
  }

  /**
   * Per-group ECE against values computed independently with NumPy by
   * {@code src/test/resources/calibration/make_group_ece.py} (same logits, labels and groups).
   */
  @Test
  void groupsGiveCalibrationPerGroupWithTheirItems() {
    double[][] z = {
        {2.0, 0.5, -1.0}, {0.1, 0.3, 0.2}, {3.0, -2.0, 0.0}, {1.0, 1.2, 0.9},
        {-0.5, 2.5, 0.0}, {0.0, 0.0, 4.0}, {1.5, 1.4, -3.0}, {0.2, -0.1, 2.2},
        {5.0, 1.0, 1.0}, {0.3, 0.3, 0.4}, {-1.0, 0.0, 1.0}, {2.2, 2.0, 1.8}};
    int[] y = {0, 2, 0, 0, 1, 2, 1, 2, 0, 1, 0, 2};
    int[] even = {0, 2, 4, 6, 8, 10};
    int[] odd = {1, 3, 5, 7, 9, 11};
    CalibrationResult r = Calibration.compute(new Calibration.Input("id", z, y), List.of(
        new Calibration.Input("shift", z, y, Map.of("fog/1", even, "fog/2", odd))), CalibrationParams.defaults(), io.clipwb.core.util.Progress.NONE, io.clipwb.core.util.Cancellation.none());
    assertEquals(2, r.groups().size());
    assertEquals(6, r.groups().get(0).n());
    assertEquals(0.2678208056389452, group(r, "fog/1").eceBefore(), 1e-12, "fog/1 ECE (NumPy)");
    assertEquals(0.2902569126051601, group(r, "fog/2").eceBefore(), 1e-12, "fog/2 ECE (NumPy)");
    assertEquals(0.2790388591220526, r.table().get(1).eceBefore(), 1e-12, "whole shifted set ECE (NumPy)");
  }

  private static CalibrationResult.GroupRow group(CalibrationResult r, String name) {
    return r.groups().stream().filter(g -> g.group().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void badInputsGiveClearErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleStats.fromLogits(new double[0][], new int[0], 1, "empty.npy"));
    assertTrue(e.getMessage().contains("empty.npy") && e.getMessage().contains("empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SampleStats.fromLogits(new double[][] {{1, 2}, {Double.NaN, 0}}, new int[] {0, 1}, 1, "nan.npy"));
    assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SampleStats.fromLogits(new double[][] {{1, 2}, {3, 0}}, new int[] {0}, 1, "x"));
    assertTrue(e.getMessage().contains("mismatched lengths"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SampleStats.fromLogits(new double[][] {{1, 2}}, new int[] {5}, 1, "x"));
    assertTrue(e.getMessage().contains("label 5 at row 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SampleStats.fromLogits(new double[][] {{1, 2}}, new int[] {-1}, 1, "x"));
    assertTrue(e.getMessage().contains("no labelled rows"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CalibrationSplit.of(10, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> CalibrationParams.defaults().withBins(0));
  }
}
