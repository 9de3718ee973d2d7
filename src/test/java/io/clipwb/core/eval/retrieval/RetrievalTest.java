package io.clipwb.core.eval.retrieval;

import io.clipwb.core.util.Vectors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class RetrievalTest {

  /** Unit vector along axis a (plus a small tilt toward axis b, so dot products are chosen by hand). */
  private static float[] e(int dim, int a) {
    float[] v = new float[dim];
    v[a] = 1f;
    return v;
  }

  private static float[] mix(int dim, int a, int b, double cos) {
    float[] v = new float[dim];
    v[a] = (float) cos;
    v[b] = (float) Math.sqrt(1 - cos * cos);
    return v;
  }

  /**
   * Hand-built set: 3 images on axes 0,1,2; 5 captions:
   * t0 → img0 exact (score 1 with img0); t1 → img0 but points at img1 (cos 0.9 to img1, 0.436 to img0);
   * t2 → img1 exact; t3 → img2 but equidistant from img2 and img0 (a tie); t4 → img2 orthogonal to all
   * but axis 3 (score 0 with everything: ties everywhere).
   */
  @Test
  void handBuiltSetWithSeveralCaptionsPerImageAndTies() {
    int d = 4;
    float[][] img = {e(d, 0), e(d, 1), e(d, 2)};
    float s = (float) Math.sqrt(0.5);
    float[][] txt = {
      e(d, 0),
      mix(d, 1, 0, 0.9),
      e(d, 1),
      {s, 0, s, 0},
      e(d, 3)
    };
    int[] t2i = {0, 0, 1, 2, 2};
    Retrieval.Result r = Retrieval.compute(img, txt, t2i, Retrieval.Params.defaults());

    // text→image: t0 rank1; t1: img1 (0.9) above img0 (0.436) → rank 2; t2 rank 1;
    // t3: img0 and img2 tie at 0.707, img0 has the lower index → rank 2 (tie-dependent);
    // t4: all three images score 0, own image 2 comes last by index → rank 3 (tie-dependent)
    assertArrayEquals(new int[] {1, 2, 1, 2, 3}, r.textToImage().ranks());
    assertArrayEquals(new int[] {0, 1, 1, 0, 0}, r.textToImage().top1());
    // top lists are best first with ties in index order: t4 scores 0 with every image
    assertArrayEquals(new int[] {0, 1, 2}, r.textToImage().top()[4]);
    assertArrayEquals(new int[] {0, 2, 1}, r.textToImage().top()[3]); // 0.707, 0.707, 0
    assertArrayEquals(new int[] {2, 1, 0, 3, 4}, r.imageToText().top()[1]); // 1, 0.9, then zeros
    assertEquals(2, r.textToImage().tiedQueries());
    assertEquals(2.0 / 5, r.textToImage().recall().get("R@1"), 1e-12);
    assertEquals(1.0, r.textToImage().recall().get("R@5"), 1e-12);
    // MedR over 0-based ranks {0,1,0,1,2}: median 1 → 2; mean rank (1+2+1+2+3)/5
    assertEquals(2.0, r.textToImage().medianRank());
    assertEquals(9.0 / 5, r.textToImage().meanRank(), 1e-12);

    // image→text: img0 best caption t0 (score 1) → rank 1;
    // img1: t1 (0.9)... scores with img1: t0 0, t1 0.9, t2 1, t3 0, t4 0 → best t2 rank 1;
    // img2: t3 0.707 is top, rank 1; t4 scores 0 with img2 but it does not matter: any caption counts
    assertArrayEquals(new int[] {1, 1, 1}, r.imageToText().ranks());
    assertArrayEquals(new int[] {0, 2, 3}, r.imageToText().matched());
    assertEquals(1.0, r.imageToText().recall().get("R@1"), 1e-12);
    assertEquals(1.0, r.clipBenchmark().get("text_retrieval_recall@1"), 1e-12);
    assertEquals(0.4, r.clipBenchmark().get("image_retrieval_recall@1"), 1e-12);
  }

  @Test
  void imageQueryIsCorrectWhenAnyCaptionIsInTopK() {
    int d = 6;
    // image 0 has captions t0 (far) and t3 (close); image 1's captions crowd the top
    float[][] img = {e(d, 0), mix(d, 1, 0, 0.5)};
    float[][] txt = {e(d, 5), mix(d, 0, 2, 0.8), mix(d, 0, 3, 0.85), mix(d, 0, 4, 0.6)};
    int[] t2i = {0, 1, 1, 0};
    Retrieval.Result r = Retrieval.compute(img, txt, t2i, new Retrieval.Params(new int[] {1, 2, 3}, 1, 1e-3, 2));
    // img0 scores: t0 0, t1 0.8, t2 0.85, t3 0.6 → order t2, t1, t3, t0 → best own caption t3 at rank 3
    assertEquals(3, r.imageToText().ranks()[0]);
    assertEquals(3, r.imageToText().matched()[0]);
    assertEquals(2, r.imageToText().top1()[0]);
    assertArrayEquals(new int[] {2, 1}, r.imageToText().top()[0]);
    assertEquals(0.5, r.imageToText().recall().get("R@2"), 1e-12);
    assertEquals(1.0, r.imageToText().recall().get("R@3"), 1e-12);
  }

  @Test
  @Tag("reference")
  void matchesClipBenchmarkOnAReferenceSet() throws Exception {
    JsonNode ref;
    try (InputStream in = getClass().getResourceAsStream("/retrieval/retrieval_reference.json")) {
      ref = Json.mapper().readTree(in);
    }
    float[][] img = matrix(ref.get("images"));
    float[][] txt = matrix(ref.get("texts"));
    int[] t2i = new int[ref.get("text_to_image").size()];
    for (int i = 0; i < t2i.length; i++) t2i[i] = ref.get("text_to_image").get(i).asInt();
    for (int block : new int[] {1, 7, 256}) {
      Retrieval.Result r = Retrieval.compute(img, txt, t2i, Retrieval.Params.defaults().withBlockSize(block));
      ref.get("clip_benchmark").fields().forEachRemaining(f ->
          assertEquals(f.getValue().asDouble(), r.clipBenchmark().get(f.getKey()), 1e-6, f.getKey()));
      int[] i2tRanks0 = ints(ref.get("image_to_text_ranks0"));
      int[] t2iRanks0 = ints(ref.get("text_to_image_ranks0"));
      for (int i = 0; i < i2tRanks0.length; i++) assertEquals(i2tRanks0[i] + 1, r.imageToText().ranks()[i], "image " + i);
      for (int t = 0; t < t2iRanks0.length; t++) assertEquals(t2iRanks0[t] + 1, r.textToImage().ranks()[t], "caption " + t);
      assertEquals(ref.get("image_to_text_medr").asDouble(), r.imageToText().medianRank());
      assertEquals(ref.get("text_to_image_medr").asDouble(), r.textToImage().medianRank());
      assertEquals(ref.get("image_to_text_meanr").asDouble(), r.imageToText().meanRank(), 1e-9);
      assertEquals(ref.get("text_to_image_meanr").asDouble(), r.textToImage().meanRank(), 1e-9);
      assertEquals(0, r.imageToText().tiedQueries() + r.textToImage().tiedQueries());
    }
  }

  @Test
  void blockSizeDoesNotChangeResultsAndProgressIsReported() {
    Random rnd = new Random(7);
    int n = 37;
    int m = 3 * n;
    int d = 8;
    float[][] img = Vectors.normalizeRows(randn(rnd, n, d));
    float[][] txt = new float[m][d];
    int[] t2i = new int[m];
    for (int t = 0; t < m; t++) {
      t2i[t] = rnd.nextInt(n);
      for (int j = 0; j < d; j++) txt[t][j] = img[t2i[t]][j] + (float) rnd.nextGaussian();
    }
    // make sure every image has a caption
    for (int i = 0; i < n; i++) t2i[i] = i;
    txt = Vectors.normalizeRows(txt);
    Retrieval.Result whole = Retrieval.compute(img, txt, t2i, Retrieval.Params.defaults().withBlockSize(1000));
    AtomicInteger calls = new AtomicInteger();
    Progress p = (done, total, msg) -> calls.incrementAndGet();
    Retrieval.Result blocked = Retrieval.compute(img, txt, t2i, CaptionSet.invert(t2i, n),
        Retrieval.Params.defaults().withBlockSize(5), p, Cancellation.none());
    assertArrayEquals(whole.imageToText().ranks(), blocked.imageToText().ranks());
    assertArrayEquals(whole.textToImage().ranks(), blocked.textToImage().ranks());
    assertArrayEquals(whole.textToImage().top1(), blocked.textToImage().top1());
    assertEquals(8, calls.get()); // ceil(37 / 5)
  }

  @Test
  void cancellationStopsTheWork() {
    float[][] img = {e(2, 0), e(2, 1)};
    float[][] txt = {e(2, 0), e(2, 1)};
    Cancellation c = new Cancellation();
    c.cancel();
    assertThrows(CancellationException.class, () -> Retrieval.compute(img, txt, new int[] {0, 1},
        CaptionSet.invert(new int[] {0, 1}, 2), Retrieval.Params.defaults(), Progress.NONE, c));
  }

  @Test
  void badInputIsRejectedWithAClearMessage() {
    float[][] img = {e(3, 0), e(3, 1)};
    float[][] txt = {e(3, 0), e(3, 1)};
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> Retrieval.compute(img, new float[][] {{2f, 0, 0}, e(3, 1)}, new int[] {0, 1}, Retrieval.Params.defaults()));
    assertTrue(ex.getMessage().contains("text embedding row 0 has L2 norm 2"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> Retrieval.compute(img, txt, new int[] {0, 0}, Retrieval.Params.defaults()));
    assertTrue(ex.getMessage().contains("image 1 has no caption"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> Retrieval.compute(img, txt, new int[] {0, 1, 1}, Retrieval.Params.defaults()));
    assertTrue(ex.getMessage().contains("do not match"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> Retrieval.compute(img, new float[][] {{1f, 0}, {0, 1f}}, new int[] {0, 1}, Retrieval.Params.defaults()));
    assertTrue(ex.getMessage().contains("width 2, expected 3"), ex.getMessage());
  }

  @Test
  void medianRankFollowsVsePlusPlus() {
    assertEquals(1.0, Retrieval.medianRank(new int[] {1, 2})); // floor(median{0,1}=0.5)+1
    assertEquals(2.0, Retrieval.medianRank(new int[] {1, 2, 3}));
    assertEquals(3.0, Retrieval.medianRank(new int[] {1, 3, 4, 10})); // floor(2.5)+1
  }

  @Test
  void blockScoresAreBitIdenticalToThePositiveScores() {
    Random rnd = new Random(13);
    int d = 37; // not a multiple of 4
    float[][] txt = Vectors.normalizeRows(randn(rnd, 11, d));
    float[] img = Vectors.normalizeRows(randn(rnd, 1, d))[0];
    float[] out = new float[11];
    Retrieval.scoreRow(img, txt, 0, 11, d, out);
    for (int t = 0; t < 11; t++) assertEquals(Retrieval.dot(img, txt[t], d), out[t], 0f, "caption " + t);
  }

  static float[][] randn(Random r, int n, int d) {
    float[][] m = new float[n][d];
    for (float[] row : m) for (int j = 0; j < d; j++) row[j] = (float) r.nextGaussian();
    return m;
  }

  private static float[][] matrix(JsonNode a) {
    float[][] m = new float[a.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new float[a.get(i).size()];
      for (int j = 0; j < m[i].length; j++) m[i][j] = (float) a.get(i).get(j).asDouble();
    }
    return m;
  }

  private static int[] ints(JsonNode a) {
    int[] v = new int[a.size()];
    for (int i = 0; i < v.length; i++) v[i] = a.get(i).asInt();
    return v;
  }
}
