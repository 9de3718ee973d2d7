package io.clipwb.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleException;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.TextEncoder;
import io.clipwb.djl.DjlClipModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX towers through DJL's ONNX Runtime engine against the upstream modeling code's own outputs: the
 * graphs under checkpoints/onnx were exported by tools/checkpoints/export_onnx.py (torch.onnx.export of
 * open_clip's CLIP.encode_image/encode_text and of transformers' CLIPVisionModelWithProjection /
 * CLIPTextModelWithProjection, with the weights of the committed safetensors fixtures), so the expected
 * embeddings are those make_checkpoint_fixtures.py wrote from the eager upstream forward: within 1e-4.
 */
class OnnxTowersTest {
  static final double TOL = 1e-4;

  static Path onnx(String name) {
    return CheckpointFixtures.root().resolve("onnx").resolve(name);
  }

  private static double[] diffs(Path folder, String reference, boolean textOnly) {
    JsonNode expected = CheckpointFixtures.expected(reference);
    Bundle bundle = BundleLoader.load(folder);
    assertEquals(expected.get("logit_scale").asDouble(), bundle.logitScale(), 1e-4);
    int[][] tokens = CheckpointFixtures.ints(expected.get("text_tokens"));
    if (textOnly) {
      try (ClipModel model = DjlClipModel.loadTextOnly(bundle, true); TextEncoder txt = model.newTextEncoder()) {
        return new double[] {0, CheckpointFixtures.maxDiff(expected.get("text_embeddings"), txt.encode(tokens))};
      }
    }
    try (ClipModel model = DjlClipModel.load(bundle, true);
        ImageEncoder img = model.newImageEncoder();
        TextEncoder txt = model.newTextEncoder()) {
      return new double[] {
        CheckpointFixtures.maxDiff(expected.get("image_embeddings"), img.encode(CheckpointFixtures.images(reference))),
        CheckpointFixtures.maxDiff(expected.get("text_embeddings"), txt.encode(tokens))};
    }
  }

  /** A bundle.json bundle whose towers are .onnx files: a ViT and a ModifiedResNet (open_clip). */
  @ParameterizedTest
  @ValueSource(strings = {"openclip-vit-quickgelu", "openclip-rn-bf16"})
  @Tag("reference")
  void onnxBundleMatchesTheUpstreamForward(String name) {
    double[] d = diffs(onnx(name), name, false);
    assertTrue(d[0] <= TOL, name + ": image embeddings differ by " + d[0]);
    assertTrue(d[1] <= TOL, name + ": text embeddings differ by " + d[1]);
  }

  /** The transformers.js layout (config.json + onnx/vision_model.onnx + onnx/text_model.onnx with attention_mask). */
  @Test
  @Tag("reference")
  void transformersJsFolderOpensAsItIs() {
    double[] d = diffs(onnx("hf-clip-vit-transformersjs"), "hf-clip-vit", false);
    assertTrue(d[0] <= TOL, "image embeddings differ by " + d[0]);
    assertTrue(d[1] <= TOL, "text embeddings differ by " + d[1]);
    Bundle b = BundleLoader.load(onnx("hf-clip-vit-transformersjs"));
    assertEquals("onnx/vision_model.onnx", b.dir().relativize(b.imageEncoder()).toString());
    assertEquals(16, b.embedDim());
  }

  @Test
  void textTowerAloneLoads() {
    double[] d = diffs(onnx("openclip-vit-quickgelu"), "openclip-vit-quickgelu", true);
    assertTrue(d[1] <= TOL, "text embeddings differ by " + d[1]);
  }

  private static Path copyBundle(Path dir, String name) throws IOException {
    Path dst = Files.createDirectories(dir.resolve(name));
    try (var files = Files.list(onnx(name))) {
      for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dst.resolve(f.getFileName()));
    }
    return dst;
  }

  private static void edit(Path bundle, String from, String to) throws IOException {
    Path json = bundle.resolve("bundle.json");
    String s = Files.readString(json);
    assertTrue(s.contains(from), from);
    Files.writeString(json, s.replace(from, to));
  }

  @Test
  void aTextGraphGivenAsImageTowerIsRefusedWithItsShapes(@TempDir Path dir) throws IOException {
    Path b = copyBundle(dir, "openclip-vit-quickgelu");
    edit(b, "\"image_encoder\": \"image_encoder.onnx\"", "\"image_encoder\": \"text_encoder.onnx\"");
    BundleException e = assertThrows(BundleException.class, () -> DjlClipModel.load(BundleLoader.load(b), true).close());
    String m = e.getMessage();
    assertTrue(m.contains("text_encoder.onnx (bundle.json field 'image_encoder')"), m);
    assertTrue(m.contains("input 'ids' is int64 [batch x 16]"), m);
    assertTrue(m.contains("float32 pixels N x 3 x 32 x 32 (rank 4)"), m);
  }

  @Test
  void aWrongOutputWidthIsRefusedWithTheShape(@TempDir Path dir) throws IOException {
    Path b = copyBundle(dir, "openclip-vit-quickgelu");
    edit(b, "\"embed_dim\": 16", "\"embed_dim\": 24");
    BundleException e = assertThrows(BundleException.class, () -> DjlClipModel.load(BundleLoader.load(b), true).close());
    String m = e.getMessage();
    assertTrue(m.contains("image_encoder.onnx (bundle.json field 'image_encoder')"), m);
    assertTrue(m.contains("output 'embeddings' is float32 [batch x 16]"), m);
    assertTrue(m.contains("N x 24 embeddings"), m);
  }

  @Test
  void aFileThatIsNotOnnxIsRefused(@TempDir Path dir) throws IOException {
    Path b = copyBundle(dir, "openclip-vit-quickgelu");
    Files.write(b.resolve("image_encoder.onnx"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});
    BundleException e = assertThrows(BundleException.class, () -> DjlClipModel.load(BundleLoader.load(b), true).close());
    assertTrue(e.getMessage().contains("image_encoder.onnx: not an ONNX model"), e.getMessage());
  }
}
