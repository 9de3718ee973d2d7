package io.clipwb.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.eval.zeroshot.ZeroShot;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.TextEncoder;
import io.clipwb.core.text.Tokenizer;
import io.clipwb.core.text.Tokenizers;
import io.clipwb.djl.DjlClipModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face SiglipModel folder opened directly, against transformers' modeling_siglip.py run by
 * tools/checkpoints/make_siglip_fixtures.py (PyTorch 1.13): image and text embeddings and
 * {@code logits_per_image} (scale x cosine + bias) within 1e-4, and the folder's own tokenizer giving
 * the rows the upstream SiglipTokenizer gave.
 */
class SiglipCheckpointTest {
  private static final Logger LOG = LoggerFactory.getLogger(SiglipCheckpointTest.class);
  static final String NAME = "hf-siglip";

  @Test
  @Tag("reference")
  void matchesTheUpstreamForwardAndLogits() {
    JsonNode expected = CheckpointFixtures.expected(NAME);
    Bundle bundle = BundleLoader.load(CheckpointFixtures.folder(NAME));
    assertEquals(expected.get("logit_scale").asDouble(), bundle.logitScale(), 1e-5);
    assertEquals(expected.get("logit_bias").asDouble(), bundle.logitBias(), 1e-6);
    assertEquals("sigmoid", bundle.card().loss());
    try (ClipModel model = DjlClipModel.load(bundle, true);
        ImageEncoder img = model.newImageEncoder();
        TextEncoder txt = model.newTextEncoder()) {
      float[][] ie = img.encode(CheckpointFixtures.images(NAME));
      float[][] te = txt.encode(CheckpointFixtures.ints(expected.get("text_tokens")));
      double di = CheckpointFixtures.maxDiff(expected.get("image_embeddings"), ie);
      double dt = CheckpointFixtures.maxDiff(expected.get("text_embeddings"), te);
      float[][] logits = ZeroShot.logits(ZeroShot.normalizeRows(ie), ZeroShot.normalizeRows(te), bundle.logitScale(), bundle.logitBias());
      double dl = CheckpointFixtures.maxDiff(expected.get("logits_per_image"), logits);
      LOG.info("hf-siglip vs modeling_siglip.py: image {} text {} logits {}", di, dt, dl);
      assertTrue(di <= CheckpointClipModelTest.TOL, "image embeddings differ by " + di);
      assertTrue(dt <= CheckpointClipModelTest.TOL, "text embeddings differ by " + dt);
      assertTrue(dl <= CheckpointClipModelTest.TOL, "logits differ by " + dl);
    }
  }

  @Test
  @Tag("reference")
  void theFoldersTokenizerGivesTheUpstreamRows() {
    JsonNode expected = CheckpointFixtures.expected(NAME);
    Bundle bundle = BundleLoader.load(CheckpointFixtures.folder(NAME));
    Tokenizer tok = Tokenizers.forBundle(bundle);
    List<String> texts = new ArrayList<>();
    for (JsonNode t : expected.get("texts")) texts.add(t.asText());
    int[][] rows = tok.tokenize(texts);
    int[][] want = CheckpointFixtures.ints(expected.get("text_tokens"));
    for (int i = 0; i < texts.size(); i++) assertArrayEquals(want[i], rows[i], texts.get(i));
  }
}
