package io.clipwb.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.TextEncoder;
import io.clipwb.djl.DjlClipModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct loaders against the upstream modeling code's own outputs (transformers'
 * modeling_clip.py, open_clip's model.py / transformer.py / modified_resnet.py, run by
 * tools/checkpoints/make_checkpoint_fixtures.py with PyTorch 1.13): within 1e-4 in float32.
 */
class CheckpointClipModelTest {
  static final double TOL = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"hf-clip-vit", "openclip-vit-quickgelu", "openclip-vit-gelu-f16", "openclip-rn-bf16"})
  @Tag("reference")
  void matchesTheUpstreamForward(String name) {
    JsonNode expected = CheckpointFixtures.expected(name);
    Bundle bundle = BundleLoader.load(CheckpointFixtures.folder(name));
    assertEquals(expected.get("logit_scale").asDouble(), bundle.logitScale(), 1e-4);
    try (ClipModel model = DjlClipModel.load(bundle, true);
        ImageEncoder img = model.newImageEncoder();
        TextEncoder txt = model.newTextEncoder()) {
      double di = CheckpointFixtures.maxDiff(expected.get("image_embeddings"), img.encode(CheckpointFixtures.images(name)));
      double dt = CheckpointFixtures.maxDiff(expected.get("text_embeddings"), txt.encode(CheckpointFixtures.ints(expected.get("text_tokens"))));
      assertTrue(di <= TOL, name + ": image embeddings differ by " + di);
      assertTrue(dt <= TOL, name + ": text embeddings differ by " + dt);
    }
  }

  /**
   * The same checkpoint exported through tools/export_bundle.py (TorchScript, traced from open_clip's
   * own model by tools/checkpoints/export_checkpoint_bundle.py) gives the direct load's embeddings.
   */
  @Test
  @Tag("reference")
  void directLoadEqualsTheExportedBundle() {
    String name = "openclip-vit-quickgelu";
    JsonNode expected = CheckpointFixtures.expected(name);
    int[][] tokens = CheckpointFixtures.ints(expected.get("text_tokens"));
    try (ClipModel direct = DjlClipModel.load(BundleLoader.load(CheckpointFixtures.folder(name)), true);
        ClipModel exported = DjlClipModel.load(BundleLoader.load(CheckpointFixtures.root().resolve("exported").resolve(name)), true);
        ImageEncoder di = direct.newImageEncoder();
        ImageEncoder ei = exported.newImageEncoder();
        TextEncoder dt = direct.newTextEncoder();
        TextEncoder et = exported.newTextEncoder()) {
      float[][] a = di.encode(CheckpointFixtures.images(name));
      float[][] b = ei.encode(CheckpointFixtures.images(name));
      float[][] c = dt.encode(tokens);
      float[][] d = et.encode(tokens);
      for (int i = 0; i < a.length; i++) for (int j = 0; j < a[i].length; j++) assertEquals(b[i][j], a[i][j], 1e-5);
      for (int i = 0; i < c.length; i++) for (int j = 0; j < c[i].length; j++) assertEquals(d[i][j], c[i][j], 1e-5);
    }
  }
}
