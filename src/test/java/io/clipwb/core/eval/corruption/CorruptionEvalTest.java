package io.clipwb.core.eval.corruption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptionEvalTest {
  /** 2 corruptions (one ImageNet-C extra) x 2 severities x 4 items, hand-checked numbers. */
  static List<CorruptedItem> items() {
    List<CorruptedItem> l = new ArrayList<>();
    for (String c : List.of("fog", "spatter")) {
      for (int s = 1; s <= 2; s++) {
        for (int i = 0; i < 4; i++) l.add(new CorruptedItem(c + "/" + s + "/cat/img" + i + ".jpg", c, s, "cat"));
      }
    }
    return l;
  }

  // fog s1: 3/4 correct, fog s2: 1/4, spatter s1: 4/4, spatter s2: 2/4
  static final boolean[] CORRECT = {
      true, true, true, false, true, false, false, false, true, true, true, true, true, true, false, false};
  static final float[] CONF = {
      0.9f, 0.9f, 0.9f, 0.9f, 0.5f, 0.5f, 0.5f, 0.5f, 1f, 1f, 1f, 1f, 0.6f, 0.6f, 0.6f, 0.6f};

  @Test
  void unnormalizedErrorsAndMce() {
    var r = CorruptionEval.compute(items(), CORRECT, CONF, new CorruptionEval.Params(null, null, 0.9, null, 15));
    assertEquals("unnormalized", r.ceKind());
    var fog = r.corruptions().get(0);
    assertEquals("fog", fog.corruption());
    assertEquals(0.5, fog.meanAccuracy(), 1e-12);
    assertEquals(0.5, fog.ce(), 1e-12); // mean error (0.25 + 0.75) / 2
    assertEquals(0.4, fog.accuracyDrop(), 1e-12);
    assertEquals(0.5 / 0.9, fog.retention(), 1e-12);
    var spatter = r.corruptions().get(1);
    assertEquals(false, spatter.inMce(), "spatter is an ImageNet-C extra");
    assertEquals(0.5, r.mce(), 1e-12, "mCE averages the benchmark corruptions only");
    assertArrayEquals(new int[] {4, 5, 6, 7}, r.cells().get(1).items(), "a cell drills down to its rows");
    assertNull(r.relativeMce());
  }

  @Test
  void normalizedByBaselineErrors() {
    var base = Map.of("fog", new double[] {0.5, 1.0}, "spatter", new double[] {0.2, 0.2});
    var r = CorruptionEval.compute(items(), CORRECT, CONF, new CorruptionEval.Params(base, 0.4, 0.9, List.of("fog", "spatter"), 15));
    assertEquals("normalized", r.ceKind());
    assertEquals((0.25 + 0.75) / 1.5, r.corruptions().get(0).ce(), 1e-12);
    assertEquals((0.0 + 0.5) / 0.4, r.corruptions().get(1).ce(), 1e-12);
    assertEquals(((0.25 + 0.75) / 1.5 + 0.5 / 0.4) / 2, r.mce(), 1e-12);
    // relative CE fog: ((0.25-0.1) + (0.75-0.1)) / ((0.5-0.4) + (1.0-0.4))
    assertEquals(0.8 / 0.7, r.corruptions().get(0).relativeCe(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> CorruptionEval.compute(items(), CORRECT, CONF,
        new CorruptionEval.Params(Map.of("fog", new double[] {0.5, 1}), null, null, null, 15)));
  }

  @Test
  void eceUsesFifteenRightClosedBins() {
    var r = CorruptionEval.compute(items(), CORRECT, CONF, CorruptionEval.Params.defaults());
    // fog s1: all conf 0.9 (one bin), accuracy 0.75 -> |0.75 - 0.9| = 0.15
    assertEquals(0.15, r.cells().get(0).ece(), 1e-6);
    // spatter s1: conf 1.0 falls in the last bin (14/15, 1], accuracy 1 -> 0
    assertEquals(0.0, r.cells().get(2).ece(), 1e-6);
    // a confidence exactly on a bin edge (0.25 with 4 bins) belongs to the lower bin (lo, hi]
    boolean[] ok = {true, false};
    float[] conf = {0.25f, 0.3f};
    assertEquals(0.5 * 0.75 + 0.5 * 0.3, CorruptionEval.ece(new int[] {0, 1}, ok, conf, 4), 1e-6);
  }

  @Test
  void gridCollectsEveryVersionOfOneImage() {
    String[] pred = new String[16];
    java.util.Arrays.fill(pred, "cat");
    var g = CorruptionGrid.forImage(items(), "cat/img2", pred, CONF, CORRECT);
    assertEquals(4, g.cells().size());
    assertEquals("fog", g.cells().get(0).corruption());
    assertEquals(2, g.cells().get(0).item());
    assertEquals(14, g.cells().get(3).item());
    assertEquals(4, CorruptionGrid.imageKeys(items()).size());
    assertThrows(IllegalArgumentException.class, () -> CorruptionGrid.forImage(items(), "dog/x", pred, CONF, CORRECT));
  }

  @Test
  void readerRejectsABrokenLayoutClearly(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("fog/high/cat"));
    Files.writeString(tmp.resolve("fog/high/cat/a.jpg"), "x");
    var e = assertThrows(IllegalArgumentException.class, () -> CorruptionSetReader.scan(tmp));
    assertTrue(e.getMessage().contains("'high'"), e.getMessage());
  }

  @Test
  void resultIsWrittenAsJson(@TempDir Path tmp) throws Exception {
    var p = CorruptionEval.Params.defaults();
    CorruptionEval.write(tmp, p, CorruptionEval.compute(items(), CORRECT, CONF, p));
    String json = Files.readString(tmp.resolve("corruption_eval.json"));
    assertTrue(json.contains("\"ceKind\"") && json.contains("unnormalized"), json.substring(0, 200));
  }

  @Test
  void runFilesBecomePerItemPredictions(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("manifest.json"), """
        {"classes": ["cat", "dog"], "items": [
          {"path": "/data/c/fog/1/cat/a.jpg", "label": 0},
          {"path": "/data/c/fog/3/cat/a.jpg", "label": 0}]}""");
    io.clipwb.core.io.Npy.write(tmp.resolve("logits.npy"), new float[][] {{2f, 0f}, {0f, 1f}});
    io.clipwb.core.io.Npy.write(tmp.resolve("labels.npy"), new int[] {0, 0});
    var run = CorruptionRun.read(tmp);
    assertEquals(new CorruptedItem("fog/1/cat/a.jpg", "fog", 1, "cat"), run.items().get(0));
    assertEquals(3, run.items().get(1).severity());
    assertTrue(run.correct()[0]);
    assertEquals(false, run.correct()[1]);
    assertEquals("dog", run.predictions()[1]);
    assertEquals(1 / (1 + Math.exp(-2)), run.confidence()[0], 1e-6);
  }
}
