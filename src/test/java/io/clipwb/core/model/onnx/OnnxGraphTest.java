package io.clipwb.core.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.model.BundleException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protobuf reading of graph inputs/outputs, against what the onnx Python package (1.12) reports for
 * the committed graphs (onnx.load(f).graph.input / .output, as tools/checkpoints/export_onnx.py declared them).
 */
class OnnxGraphTest {
  static Path fixture(String rel) throws URISyntaxException {
    return Path.of(OnnxGraphTest.class.getResource("/checkpoints/onnx/" + rel).toURI());
  }

  @Test
  void readsNamesTypesAndDimsOfATransformersJsTextGraph() throws Exception {
    OnnxGraph g = OnnxGraph.read(fixture("hf-clip-vit-transformersjs/onnx/text_model.onnx"));
    assertEquals(2, g.inputs().size());
    assertEquals("input_ids", g.inputs().get(0).name());
    assertEquals(OnnxGraph.INT64, g.inputs().get(0).elemType());
    assertArrayEquals(new long[] {-1, 16}, g.inputs().get(0).dims());
    assertEquals("batch", g.inputs().get(0).dimNames()[0]);
    assertEquals("attention_mask", g.inputs().get(1).name());
    assertEquals("text_embeds", g.outputs().get(0).name());
    assertEquals("float32 [batch x 16]", g.outputs().get(0).describe());
    assertEquals("last_hidden_state", g.outputs().get(1).name());
    OnnxTower t = OnnxTower.check(g, OnnxTower.Role.TEXT, "text", 32, 16, 16);
    assertEquals("input_ids", t.input());
    assertEquals("attention_mask", t.mask());
    assertEquals("text_embeds", t.output());
  }

  @Test
  void anImageGraphIsFedByItsOnlyInput() throws Exception {
    OnnxGraph g = OnnxGraph.read(fixture("openclip-rn-bf16/image_encoder.onnx"));
    assertEquals("float32 [batch x 3 x 64 x 64]", g.inputs().get(0).describe());
    OnnxTower t = OnnxTower.check(g, OnnxTower.Role.IMAGE, "image", 64, 16, 16);
    assertEquals("pixels", t.input());
    assertEquals("embeddings", t.output());
    BundleException e = assertThrows(BundleException.class, () -> OnnxTower.check(g, OnnxTower.Role.IMAGE, "image", 224, 16, 16));
    assertTrue(e.getMessage().contains("input 'pixels' is float32 [batch x 3 x 64 x 64], but the bundle feeds float32 pixels N x 3 x 224 x 224"),
        e.getMessage());
  }

  @Test
  void aTruncatedFileIsNotAModel(@TempDir Path dir) throws Exception {
    byte[] all = Files.readAllBytes(fixture("openclip-vit-quickgelu/text_encoder.onnx"));
    Path f = dir.resolve("cut.onnx");
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    BundleException e = assertThrows(BundleException.class, () -> OnnxGraph.read(f));
    assertTrue(e.getMessage().startsWith(f + ": not an ONNX model"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) throws IOException {
    BundleException e = assertThrows(BundleException.class, () -> OnnxGraph.read(dir.resolve("none.onnx")));
    assertTrue(e.getMessage().contains("none.onnx: cannot be read"), e.getMessage());
  }
}
