package io.clipwb.core.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleException;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.text.Tokenizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Hugging Face SiglipModel fixture (tools/checkpoints/make_siglip_fixtures.py) opened as a bundle, and its bad inputs. */
class SiglipFoldersTest {
  @TempDir Path tmp;

  Path copy() {
    Path dst = tmp.resolve("hf-siglip");
    try (Stream<Path> files = Files.list(CheckpointFoldersTest.fixture("hf-siglip"))) {
      Files.createDirectories(dst);
      for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dst.resolve(f.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dst;
  }

  @Test
  void opensWithItsPreprocessingTokenizerBiasAndCard() {
    Bundle b = BundleLoader.load(CheckpointFoldersTest.fixture("hf-siglip"));
    assertEquals(CheckpointSpec.Layout.HF_SIGLIP, CheckpointFolders.spec(b.dir()).layout());
    assertEquals(32, b.embedDim());
    assertTrue(b.logitBias() < -1.5f && b.logitBias() > -2.5f, "logit_bias " + b.logitBias());
    Preprocessing p = b.preprocessing();
    assertEquals(32, p.inputSize());
    assertFalse(p.centerCrop());
    assertEquals(Preprocessing.Interpolation.BICUBIC, p.interpolation());
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, p.mean());
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, p.std());
    assertEquals(Tokenizers.SIGLIP, b.tokenizer().kind());
    assertEquals("spiece.model", b.tokenizer().file());
    assertEquals(16, b.tokenizer().contextLength());
    assertEquals(-1, b.tokenizer().sot());
    assertEquals(1, b.tokenizer().eot());
    assertEquals("sigmoid", b.card().loss());
    assertEquals("ViT-w32-l2-8-SigLIP", b.card().architectureName());
    CheckpointSpec s = CheckpointFolders.spec(b.dir());
    assertEquals("last", s.text().pooling());
    assertEquals("gelu_pytorch_tanh", s.vision().act());
    assertEquals(1e-6, s.text().eps());
  }

  @Test
  void tokenizerFilesArePartOfTheFingerprint() throws IOException {
    Path d = copy();
    String before = BundleLoader.load(d).fingerprint();
    assertEquals(BundleLoader.load(CheckpointFoldersTest.fixture("hf-siglip")).fingerprint(), before);
    Path c = d.resolve("tokenizer_config.json");
    Files.writeString(c, Files.readString(c).replace("\"do_lower_case\": true", "\"do_lower_case\": false"));
    assertFalse(before.equals(BundleLoader.load(d).fingerprint()), "tokenizer_config.json is part of the fingerprint");
  }

  @Test
  void missingProbeIsNamedWithItsExpectedShape() throws IOException {
    Path d = copy();
    CheckpointFoldersTest.editHeader(d.resolve("model.safetensors"), "\"vision_model.head.probe\"", "\"vision_model.head.probx\"");
    String m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("model.safetensors") && m.contains("missing tensor 'vision_model.head.probe' (expected shape 1 x 1 x 32)")
        && m.contains("unexpected tensor 'vision_model.head.probx'"), m);
  }

  @Test
  void wrongShapeOfTheTextHeadIsNamed() throws IOException {
    Path d = copy();
    CheckpointFoldersTest.editHeader(d.resolve("model.safetensors"), "\"text_model.head.weight\":{\"dtype\":\"F32\",\"shape\":[32,32]",
        "\"text_model.head.weight\":{\"dtype\":\"F32\",\"shape\":[16,64]");
    String m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("model.safetensors") && m.contains("tensor 'text_model.head.weight' has shape 16 x 64, expected 32 x 32"), m);
  }

  @Test
  void missingOrForeignTokenizerIsNamed() throws IOException {
    Path d = copy();
    Files.writeString(d.resolve("spiece.model"), "not a protobuf \u00ff\u00ff\u00ff");
    String m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("spiece.model") && m.contains("SentencePiece"), m);
    Files.delete(d.resolve("spiece.model"));
    m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("no spiece.model"), m);
  }

  @Test
  void configAndPreprocessorRefusalsNameTheField() throws IOException {
    Path d = copy();
    Path c = d.resolve("config.json");
    String orig = Files.readString(c);
    Files.writeString(c, orig.replace("\"vocab_size\": 200,\n    \"hidden_size\": 32", "\"vocab_size\": 200,\n    \"hidden_size\": 24"));
    String m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("config.json") && m.contains("'text_config.hidden_size'"), m);
    Files.writeString(c, orig.replace("\"hidden_act\": \"gelu_pytorch_tanh\"", "\"hidden_act\": \"silu\""));
    m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("hidden_act") && m.contains("silu"), m);
    Files.writeString(c, orig);
    Path p = d.resolve("preprocessor_config.json");
    Files.writeString(p, Files.readString(p).replace("\"width\": 32", "\"width\": 48"));
    m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("preprocessor_config.json") && m.contains("'size'") && m.contains("32 x 48"), m);
    Files.delete(p);
    Preprocessing def = BundleLoader.load(d).preprocessing(); // SiglipImageProcessor's defaults at the tower's size
    assertFalse(def.centerCrop());
    assertEquals(32, def.inputSize());
  }
}
