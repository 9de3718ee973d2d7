package io.clipwb.core.eval.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.testing.Shared;
import java.nio.file.Path;
import java.util.ArrayList;
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

  @Test
  void logitFitRecoversAKnownLineAndEffectiveRobustness() {
    EffectiveRobustness.Axis ax = EffectiveRobustness.Axis.LOGIT;
    List<String> names = new ArrayList<>();
    double[] x = {0.55, 0.62, 0.7, 0.76, 0.81, 0.88};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = ax.inverse(0.8 * ax.forward(x[i]) - 0.5);
      names.add("m" + i);
    }
    EffectiveRobustness.Result r = EffectiveRobustness.compute("val", "shift", names, x, y,
        List.of(EffectiveRobustness.target("robust", 0.7, ax.inverse(0.8 * ax.forward(0.7) - 0.5) + 0.05)));
    assertEquals(0.8, r.logitFit().slope(), 1e-12);
    assertEquals(-0.5, r.logitFit().intercept(), 1e-12);
    assertEquals(1.0, r.logitFit().r2(), 1e-12);
    assertEquals(0.05, r.models().get(0).erLogit(), 1e-12);
    assertTrue(r.probitFit().r2() > 0.99);
  }

  @Test
  void probitFitRecoversAKnownLine() {
    EffectiveRobustness.Axis ax = EffectiveRobustness.Axis.PROBIT;
    double[] x = {0.3, 0.5, 0.6, 0.9};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = ax.inverse(1.2 * ax.forward(x[i]) - 0.3);
    EffectiveRobustness.Fit f = EffectiveRobustness.fit(x, y, ax, List.of("a", "b", "c", "d"), "t");
    assertEquals(1.2, f.slope(), 1e-9);
    assertEquals(-0.3, f.intercept(), 1e-9);
    assertEquals(1.959963984540054, EffectiveRobustness.probit(0.975), 1e-12);
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
