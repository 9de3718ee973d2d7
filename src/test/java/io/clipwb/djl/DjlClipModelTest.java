package io.clipwb.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleException;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.PatchFeatures;
import io.clipwb.core.model.TestBundles;
import io.clipwb.core.model.TextEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DJL (libtorch 2.7.1) against PyTorch 1.13's eager outputs written by
 * {@code tools/export_bundle.py --fixtures} for the same inputs: within 1e-5 for every tower.
 */
class DjlClipModelTest {
  static final double TOL = 1e-5;

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"tiny-vit", "tiny-rn"})
  @Tag("reference")
  void matchesPyTorchOnTheFixtures(String name) {
    Bundle bundle = BundleLoader.load(TestBundles.fixture(name));
    JsonNode expected = Json.read(bundle.dir().resolve("expected.json"));
    Npy.NpyArray imgs = Npy.read(bundle.dir().resolve(expected.get("images_file").asText()));
    int[] s = imgs.shape();
    double[] px = imgs.asDoubles();
    float[] pixels = new float[px.length];
    for (int i = 0; i < px.length; i++) pixels[i] = (float) px[i];
    ImageBatch batch = new ImageBatch(s[0], s[2], s[3], pixels);
    int[][] tokens = ints(expected.get("tokens"));

    try (ClipModel model = DjlClipModel.load(bundle);
        ImageEncoder img = model.newImageEncoder();
        TextEncoder txt = model.newTextEncoder()) {
      double di = maxDiff(expected.get("image_embeddings"), img.encode(batch));
      double dt = maxDiff(expected.get("text_embeddings"), txt.encode(tokens));
      PatchFeatures pf = img.encodePatches(batch);
      assertEquals(bundle.patchGrid()[0], pf.gridHeight());
      assertEquals(bundle.patchGrid()[1], pf.gridWidth());
      JsonNode ep = expected.get("patch_features");
      assertEquals(ep.size(), pf.features().length);
      double dp = 0;
      for (int n = 0; n < ep.size(); n++) dp = Math.max(dp, maxDiff(ep.get(n), pf.features()[n]));
      System.err.printf("%s: max |DJL - PyTorch| image %.2e text %.2e patches %.2e%n", name, di, dt, dp);
      assertTrue(di <= TOL, name + " image embeddings differ by " + di);
      assertTrue(dt <= TOL, name + " text embeddings differ by " + dt);
      assertTrue(dp <= TOL, name + " patch features differ by " + dp);

      // a batch of one gives the same row as inside the batch (no batch-size-dependent trace)
      float[] first = Arrays.copyOf(pixels, 3 * s[2] * s[3]);
      double d1 = maxDiff(expected.get("image_embeddings").get(0), img.encode(new ImageBatch(1, s[2], s[3], first))[0]);
      assertTrue(d1 <= TOL, "batch of one differs by " + d1);
      assertEquals(0, img.encode(new ImageBatch(0, s[2], s[3], new float[0])).length);
    }
  }

  @Test
  void bareImageTowerGivesTheBundlesImageEmbeddings() {
    Path dir = TestBundles.fixture("tiny-rn");
    JsonNode expected = Json.read(dir.resolve("expected.json"));
    Npy.NpyArray imgs = Npy.read(dir.resolve("expected_images.npy"));
    double[] px = imgs.asDoubles();
    float[] pixels = new float[px.length];
    for (int i = 0; i < px.length; i++) pixels[i] = (float) px[i];
    try (DjlClipModel.ImageTower tower = DjlClipModel.loadImageTower(dir.resolve("image_encoder.pt"), true);
        ImageEncoder enc = tower.newEncoder()) {
      float[][] got = enc.encode(new ImageBatch(imgs.shape()[0], imgs.shape()[2], imgs.shape()[3], pixels));
      assertTrue(maxDiff(expected.get("image_embeddings"), got) <= TOL);
    }
    String m = assertThrows(BundleException.class,
        () -> DjlClipModel.loadImageTower(dir.resolve("missing.pt"), true)).getMessage();
    assertTrue(m.contains("missing.pt"), m);
  }

  @Test
  void workerThreadsWithTheirOwnEncodersAgree() throws Exception {
    Bundle bundle = BundleLoader.load(TestBundles.fixture("tiny-vit"));
    int s = bundle.preprocessing().inputSize();
    float[] px = new float[4 * 3 * s * s];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < px.length; i++) px[i] = (float) r.nextGaussian();
    ImageBatch batch = new ImageBatch(4, s, s, px);
    try (ClipModel model = DjlClipModel.load(bundle)) {
      float[][] want;
      try (ImageEncoder e = model.newImageEncoder()) {
        want = e.encode(batch);
      }
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
      try {
        java.util.List<java.util.concurrent.Future<float[][]>> got = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
          got.add(pool.submit(() -> {
            float[][] last = null;
            try (ImageEncoder e = model.newImageEncoder()) {
              for (int k = 0; k < 5; k++) last = e.encode(batch);
            }
            return last;
          }));
        }
        for (java.util.concurrent.Future<float[][]> f : got) {
          float[][] g = f.get();
          for (int i = 0; i < want.length; i++) assertTrue(Arrays.equals(want[i], g[i]), "row " + i + " differs across threads");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void corruptTowerFailsAtLoadNamingTheFile() throws IOException {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    Files.write(dir.resolve("image_encoder.pt"), "this is not a TorchScript archive".getBytes());
    Bundle bundle = BundleLoader.load(dir);
    String m = assertThrows(BundleException.class, () -> DjlClipModel.load(bundle)).getMessage();
    assertTrue(m.contains("image_encoder.pt") && m.contains("field 'image_encoder'") && m.contains("TorchScript"), m);
  }

  @Test
  void swappedTowerFailsAtLoadNamingTheFile() throws IOException {
    // a valid TorchScript file of the wrong kind: the text tower where the image tower belongs
    Path dir = TestBundles.copy("tiny-vit", tmp);
    Files.copy(dir.resolve("text_encoder.pt"), dir.resolve("image_encoder.pt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Bundle bundle = BundleLoader.load(dir);
    String m = assertThrows(BundleException.class, () -> DjlClipModel.load(bundle)).getMessage();
    assertTrue(m.contains("image_encoder.pt") && m.contains("field 'image_encoder'"), m);
  }

  @Test
  void embedDimMismatchFailsAtLoadNamingFileAndField() {
    Path dir = TestBundles.copy("tiny-rn", tmp);
    TestBundles.editJson(dir, r -> r.put("embed_dim", 64));
    Bundle bundle = BundleLoader.load(dir);
    String m = assertThrows(BundleException.class, () -> DjlClipModel.load(bundle)).getMessage();
    assertTrue(m.contains("image_encoder.pt") && m.contains("'embed_dim' says 64") && m.contains("1 x 32"), m);
  }

  @Test
  void wrongPatchGridFailsAtLoad() {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    TestBundles.editJson(dir, r -> r.putArray("patch_grid").add(3).add(3));
    Bundle bundle = BundleLoader.load(dir);
    String m = assertThrows(BundleException.class, () -> DjlClipModel.load(bundle)).getMessage();
    assertTrue(m.contains("patch_encoder.pt") && m.contains("'patch_grid' 3x3"), m);
  }

  private static int[][] ints(JsonNode rows) {
    int[][] out = new int[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      out[i] = new int[rows.get(i).size()];
      for (int j = 0; j < out[i].length; j++) out[i][j] = rows.get(i).get(j).asInt();
    }
    return out;
  }

  private static double maxDiff(JsonNode expected, float[][] got) {
    assertEquals(expected.size(), got.length, "rows");
    double d = 0;
    for (int i = 0; i < got.length; i++) d = Math.max(d, maxDiff(expected.get(i), got[i]));
    return d;
  }

  private static double maxDiff(JsonNode expected, float[] got) {
    assertEquals(expected.size(), got.length, "columns");
    double d = 0;
    for (int j = 0; j < got.length; j++) d = Math.max(d, Math.abs(expected.get(j).asDouble() - got[j]));
    return d;
  }
}
