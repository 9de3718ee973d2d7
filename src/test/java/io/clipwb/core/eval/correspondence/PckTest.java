package io.clipwb.core.eval.correspondence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.model.PatchFeatures;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PckTest {
  @TempDir Path dir;

  /** Two hand-made pairs in SPair-71k's pair format (the fields of PairAnnotation/test/*.json). */
  static final String PAIR1 = """
      {"pair_id": 35987, "filename": "000001-2008_000585-2008_002221:aeroplane", "src_imname": "2008_000585.jpg",
       "trg_imname": "2008_002221.jpg", "src_imsize": [500, 333, 3], "trg_imsize": [500, 375, 3],
       "src_bndbox": [10, 20, 410, 220], "trg_bndbox": [100, 50, 300, 350], "category": "aeroplane",
       "src_pose": "Left", "trg_pose": "Right", "mirror": 0, "viewpoint_variation": 2, "scale_variation": 0,
       "truncation": 0, "occlusion": 0,
       "src_kps": [[50, 60], [100, 120], [200, 180], [300, 100]],
       "trg_kps": [[150, 100], [200, 200], [250, 300], [120, 60]],
       "kps_ids": ["0", "3", "5", "9"]}
      """;
  static final String PAIR2 = """
      {"src_imname": "a.jpg", "trg_imname": "b.jpg", "category": "cat",
       "trg_bndbox": [0, 0, 100, 40],
       "src_kps": [[1, 1], [2, 2]], "trg_kps": [[10, 10], [20, 20]]}
      """;

  @Test
  void pckAtTenPercentOfTheTargetBoxMaxSide() throws Exception {
    Files.writeString(dir.resolve("000001-2008_000585-2008_002221:aeroplane.json"), PAIR1);
    Files.writeString(dir.resolve("000002-a-b:cat.json"), PAIR2);
    List<SpairPair> pairs = SpairReader.read(dir);
    assertEquals(2, pairs.size());
    SpairPair p1 = pairs.get(0);
    assertEquals("000001-2008_000585-2008_002221:aeroplane", p1.id());
    assertEquals("aeroplane", p1.category());
    assertArrayEquals(new int[] {500, 375}, p1.trgSize());
    assertEquals(List.of("0", "3", "5", "9"), p1.kpsIds());
    // target box 200 x 300 → unit max(200, 300) = 300 → threshold 30 px
    assertEquals(300, p1.pckUnit());
    double[][] pred1 = {
      {150, 130},    // distance 30: correct (≤, as torch.le)
      {221, 221},    // distance 29.7: correct
      {250, 330.5},  // distance 30.5: wrong
      {0, 0}         // far: wrong
    };
    // pair 2: box 100 x 40 → unit 100 → threshold 10
    double[][] pred2 = {{10, 20.0001}, {20, 20}};
    Pck.Result r = Pck.compute(pairs, List.of(pred1, pred2), Pck.Params.defaults());
    assertEquals(30, r.pairResults().get(0).threshold(), 1e-12);
    assertEquals(2, r.pairResults().get(0).correct());
    assertTrue(r.pairResults().get(0).keypoints().get(0).correct());
    assertFalse(r.pairResults().get(0).keypoints().get(2).correct());
    assertEquals(0.5, r.pairResults().get(0).pck(), 1e-12);
    assertEquals(0.5, r.pairResults().get(1).pck(), 1e-12);
    assertEquals(0.5, r.pckPerImage(), 1e-12);
    assertEquals(3.0 / 6, r.pckPerPoint(), 1e-12);
    assertEquals(0.5, r.perCategory().get("cat"), 1e-12);

    // Probe3D counts strictly below the threshold: the keypoint at exactly 30 px is wrong there
    Pck.Result strict = Pck.compute(pairs, List.of(pred1, pred2), new Pck.Params(0.1, true));
    assertFalse(strict.pairResults().get(0).keypoints().get(0).correct());
    assertTrue(strict.pairResults().get(0).keypoints().get(1).correct());
    assertEquals(1, strict.pairResults().get(0).correct());
    assertEquals(2.0 / 6, strict.pckPerPoint(), 1e-12);
  }

  @Test
  void perImageAndPerPointDiffer() {
    SpairPair a = new SpairPair("a", "x", "s", "t", new double[][] {{0, 0}}, new double[][] {{0, 0}}, null,
        new double[] {0, 0, 10, 10}, null, null, List.of());
    SpairPair b = new SpairPair("b", "x", "s", "t", new double[][] {{0, 0}, {0, 0}, {0, 0}}, new double[][] {{0, 0}, {0, 0}, {0, 0}},
        null, new double[] {0, 0, 10, 10}, null, null, List.of());
    Pck.Result r = Pck.compute(List.of(a, b), List.of(new double[][] {{0, 0}}, new double[][] {{9, 9}, {9, 9}, {9, 9}}),
        Pck.Params.defaults());
    assertEquals(0.5, r.pckPerImage(), 1e-12); // (1 + 0) / 2
    assertEquals(0.25, r.pckPerPoint(), 1e-12); // 1 / 4
  }

  @Test
  void malformedPairFilesNameTheField() throws Exception {
    assertMessage("{\"src_imname\": \"a\", \"trg_imname\": \"b\", \"trg_bndbox\": [0,0,1,1], \"src_kps\": [[1,1]], \"trg_kps\": []}",
        "src_kps has 1 points but trg_kps has 0");
    assertMessage("{\"src_imname\": \"a\", \"trg_imname\": \"b\", \"src_kps\": [[1,1]], \"trg_kps\": [[1,1]]}",
        "missing \"trg_bndbox\"");
    assertMessage("{\"src_imname\": \"a\", \"trg_imname\": \"b\", \"trg_bndbox\": [5,0,1,1], \"src_kps\": [[1,1]], \"trg_kps\": [[1,1]]}",
        "is empty (need x2 > x1");
    assertMessage("{\"src_imname\": \"a\", \"trg_imname\": \"b\", \"trg_bndbox\": [0,0,1,1], \"src_kps\": [[1,\"x\"]], \"trg_kps\": [[1,1]]}",
        "src_kps[0] must be [x, y] numbers");
    assertMessage("{\"trg_imname\": \"b\"}", "missing or empty string field \"src_imname\"");
    assertMessage("[{\"src_imname\": \"a\"}]", "pair 0: missing or empty string field \"trg_imname\"");
  }

  @Test
  void predictionFromIdenticalFeaturesRecoversTheKeypoints() {
    Random r = new Random(4);
    float[][] cells = new float[12 * 16][24];
    for (float[] c : cells) for (int j = 0; j < 24; j++) c[j] = (float) r.nextGaussian();
    PatchFeatures pf = new PatchFeatures(12, 16, new float[][][] {cells});
    DenseFeatures f = new DenseFeatures(pf, 0, GridFootprint.full(160, 120), 160, 120);
    double[][] kps = {{5, 5}, {80, 60}, {155, 110}, {40.4, 90.6}};
    SpairPair pair = new SpairPair("same", "x", "a", "a", kps, kps, null, new double[] {0, 0, 160, 120}, null, null, List.of());
    Pck.Result res = Pck.computeFromFeatures(List.of(pair), List.of(new Pck.PairFeatures(f, f)), Pck.Params.defaults(), 1,
        Progress.NONE, Cancellation.none());
    assertEquals(1.0, res.pckPerImage());
    Pck.Keypoint k = res.pairResults().get(0).keypoints().get(3);
    assertEquals(40, k.predX());
    assertEquals(91, k.predY());
  }

  private void assertMessage(String json, String expected) throws Exception {
    Path p = dir.resolve("bad.json");
    Files.writeString(p, json);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> SpairReader.read(p));
    assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    assertTrue(ex.getMessage().contains("bad.json"), ex.getMessage());
  }
}
