package io.clipwb.core.eval.zeroshot;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroShotTest {
  @Test
  void classWeightIsRenormalizedMeanOfNormalizedPrompts() {
    // class 0: prompts (2,0) and (0,1) -> normalised (1,0),(0,1) -> mean (.5,.5) -> (.7071,.7071)
    float[][] prompts = {{2, 0}, {0, 1}, {0, -3}, {0, -1}};
    float[][] w = ZeroShot.classWeights(prompts, 2, 2);
    assertEquals(Math.sqrt(0.5), w[0][0], 1e-6);
    assertEquals(Math.sqrt(0.5), w[0][1], 1e-6);
    assertEquals(-1.0, w[1][1], 1e-6);
  }

  @Test
  void logitsAreScaledCosines() {
    float[][] img = ZeroShot.normalizeRows(new float[][] {{3, 4}});
    float[][] l = ZeroShot.logits(img, new float[][] {{1, 0}, {0, 1}}, 100f);
    assertEquals(60f, l[0][0], 1e-4);
    assertEquals(80f, l[0][1], 1e-4);
  }

  @Test
  void metricsMatchHandComputedValues() {
    float[][] logits = {
      {9, 1, 0, 0, 0, 0}, // label 0, top1 ok
      {9, 8, 0, 0, 0, 0}, // label 1, top2
      {0, 0, 0, 0, 0, 9}, // label 4: rank 6 (ties go to the lower index), not in the top 5
      {0, 9, 0, 0, 0, 0}, // label 1, ok
      {1, 1, 1, 1, 1, 1}, // label -1: ignored
    };
    ZeroShot.Metrics m = ZeroShot.metrics(logits, new int[] {0, 1, 4, 1, -1});
    assertEquals(4, m.n());
    assertEquals(0.5, m.acc1(), 1e-12);
    assertEquals(0.75, m.acc5(), 1e-12);
    // recalls: class0 1/1, class1 1/2, class4 0/1 -> mean 0.5
    assertEquals(0.5, m.meanPerClassRecall(), 1e-12);
  }

  @Test
  void promptsAreClassMajor() {
    assertEquals(List.of("a cat.", "the cat", "a dog.", "the dog"),
        ZeroShot.prompts(List.of("cat", "dog"), List.of("a {c}.", "the {c}")));
  }

  @Test
  void logitBiasIsAddedAfterTheScaleAndZeroChangesNothing() {
    float[][] img = {{0.6f, 0.8f}, {-1f, 0f}};
    float[][] w = {{1f, 0f}, {0f, 1f}, {0f, -1f}};
    float[][] plain = ZeroShot.logits(img, w, 10f);
    float[][] zero = ZeroShot.logits(img, w, 10f, 0f);
    for (int i = 0; i < plain.length; i++) assertArrayEquals(plain[i], zero[i]);
    float[][] biased = ZeroShot.logits(img, w, 10f, -2.5f);
    assertArrayEquals(new float[] {6f - 2.5f, 8f - 2.5f, -8f - 2.5f}, biased[0], 1e-6f);
    // the softmax over classes (and the argmax) is unchanged by the bias
    assertArrayEquals(ZeroShot.softmax(plain[0]), ZeroShot.softmax(biased[0]), 1e-12);
  }
}
