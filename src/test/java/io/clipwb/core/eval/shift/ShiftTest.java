package io.clipwb.core.eval.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Class subsets, the effective-robustness fit on hand-made tables, accuracy tables. */
class ShiftTest {

  @Test
  void logitsAreRestrictedToTheSubsetBeforeTheArgmax() {
    double[][] z = {{9, 1, 2, 0}, {9, 0, 1, 3}, {0, 5, 1, 2}};
    int[] y = {2, 3, 1};
    ShiftAccuracy.Result all = ShiftAccuracy.compute("s", z, y, null);
    assertEquals(1.0 / 3, all.accuracy(), 1e-15);
    ShiftAccuracy.Result sub = ShiftAccuracy.compute("s", z, y, new ClassSubset("f", new int[] {3, 1, 2}));
    assertEquals(1.0, sub.accuracy(), 1e-15);
    assertArrayEquals(new int[] {2, 3, 1}, sub.predicted());
    assertEquals(3, sub.classesUsed());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShiftAccuracy.compute("s", z, new int[] {0, 3, 1}, new ClassSubset("f", new int[] {1, 2, 3})));
    assertTrue(e.getMessage().contains("row 0 has label 0"), e.getMessage());
  }

  @Test
  void imagenetRAndASubsetsHave200ClassesFromTheMetadata() {
    Path meta = Shared.path("data/imagenet-metadata/imagenet_metadata.json");
    ClassSubset r = ClassSubset.imagenet(meta, "imagenet-r");
    ClassSubset a = ClassSubset.imagenet(meta, "imagenet-a");
    assertEquals(200, r.classes().length);
    assertEquals(200, a.classes().length);
    assertEquals(1, r.classes()[0], "n01443537 (goldfish) is ImageNet class 1");
    assertTrue(r.classes()[199] < 1000);
  }

  /**
   * Both fits and both ERs against values computed without our code (NumPy polyfit, Python's
   * {@code statistics.NormalDist}) by {@code src/test/resources/shift/make_er_reference.py}:
   * five baseline models not on one line, two models evaluated.
   */
  @Test
  void logitAndProbitFitsAndEffectiveRobustnessMatchNumpy() {
    double[] x = {0.55, 0.62, 0.70, 0.76, 0.81};
    double[] y = {0.41, 0.47, 0.58, 0.63, 0.70};
    EffectiveRobustness.Result r = EffectiveRobustness.compute("val", "shift", List.of("m0", "m1", "m2", "m3", "m4"), x, y,
        List.of(EffectiveRobustness.target("robust", 0.70, 0.66), EffectiveRobustness.target("weak", 0.85, 0.60)));
    assertEquals(0.9742380492029735, r.logitFit().slope(), 1e-12);
    assertEquals(-0.5630736587951908, r.logitFit().intercept(), 1e-12);
    assertEquals(0.9941525117188412, r.logitFit().r2(), 1e-12);
    assertEquals(1.0048436095596887, r.probitFit().slope(), 1e-9);
    assertEquals(-0.3593421044487078, r.probitFit().intercept(), 1e-9);
    assertEquals(0.9943762461138319, r.probitFit().r2(), 1e-9);
    assertEquals(0.5652252284780735, r.models().get(0).fittedLogit(), 1e-12);
    assertEquals(0.09477477152192648, r.models().get(0).erLogit(), 1e-12);
    assertEquals(-0.15525538839124764, r.models().get(1).erLogit(), 1e-12);
    assertEquals(0.09344961516448458, r.models().get(0).erProbit(), 1e-9);
    assertEquals(-0.15241573220795523, r.models().get(1).erProbit(), 1e-9);
  }

  /** Shift accuracies on an exact probit line (from the same script): the fit recovers it. */
  @Test
  void probitFitRecoversAKnownLine() {
    double[] x = {0.3, 0.5, 0.6, 0.9};
    double[] y = {0.1763718392586664, 0.3820885778110474, 0.5016023568409534, 0.892116360235055};
    EffectiveRobustness.Fit f = EffectiveRobustness.fit(x, y, EffectiveRobustness.Axis.PROBIT, List.of("a", "b", "c", "d"), "t");
    assertEquals(1.2, f.slope(), 1e-9);
    assertEquals(-0.3, f.intercept(), 1e-9);
    assertEquals(1.0, f.r2(), 1e-12);
    assertEquals(1.9599639845400536, EffectiveRobustness.probit(0.975), 1e-12);
    assertEquals(0.8413447460685429, EffectiveRobustness.normalCdf(1.0), 1e-14);
  }

  @Test
  void accuracyTableReadsPercentAndMissingAndExcludesThemFromTheFit() {
    AccuracyTable t = AccuracyTable.parse(List.of(
        "model,imagenet,imagenetv2,\"objectnet, top1\"",
        "a,60,48,30", "b,70,58.5,", "c,80,70,40", "d,100,90,50"), "t.csv");
    assertTrue(t.percent());
    assertEquals(0.585, t.column("imagenetv2")[1], 1e-15);
    assertTrue(Double.isNaN(t.column("objectnet, top1")[1]));
    EffectiveRobustness.Result r = EffectiveRobustness.compute("imagenet", "imagenetv2", t.models(), t.column("imagenet"),
        t.column("imagenetv2"), List.of());
    assertEquals(3, r.logitFit().n());
    assertEquals("d", r.excluded().get(0).model());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AccuracyTable.parse(List.of("model,x", "a,abc"), "bad.csv"));
    assertTrue(e.getMessage().contains("bad.csv line 2") && e.getMessage().contains("abc"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.column("nope"));
    assertTrue(e.getMessage().contains("no column 'nope'"), e.getMessage());
  }
}
