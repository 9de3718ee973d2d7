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
}
