package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-driven path end to end: Open3D frames decoded, preprocessed and encoded by the fixture
 * bundle's patch-token tower ({@code src/test/resources/bundles/tiny-vit}, random weights, 4x4 grid).
 */
class CorrespondenceModelTest {
  @TempDir Path dir;

  @Test
  void recallForAFixtureBundleWithPatchTokens() throws Exception {
    Path frames = Shared.path("data/rgbd/open3d");
    Path bundle = Path.of("src/test/resources/bundles/tiny-vit");
    assertTrue(Files.isRegularFile(bundle.resolve("patch_encoder.pt")), "the committed fixture bundle has a patch-token tower");
    RetrievalCorrespondenceCommandTest.Run r = RetrievalCorrespondenceCommandTest.run("correspondence", "--frames",
        frames.toString(), "--pairs", "0,1", "--pairs", "0,4", "--model", bundle.toString(), "--samples", "200",
        "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode s = Json.mapper().readTree(r.out());
    assertEquals(400, s.get("matches").asInt());
    JsonNode rec = s.get("recall");
    double r5 = rec.get("recall@5px").asDouble();
    double r10 = rec.get("recall@10px").asDouble();
    double r20 = rec.get("recall@20px").asDouble();
    assertTrue(0 <= r5 && r5 <= r10 && r10 <= r20 && r20 <= 1, rec.toString());
    // frames 0 and 1 differ by 0.7° and 2 cm: even random-weight features beat chance (π·20²/480² ≈ 0.5 %)
    assertTrue(s.get("per_pair").get(0).get("recall").get("recall@20px").asDouble() > 0.1, s.toString());
    assertEquals(2, s.get("rotation_bins").get(0).get("pairs").asInt());
    assertTrue(Files.readAllLines(dir.resolve("matches.csv")).size() == 401);
  }
}
