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
import io.clipwb.core.text.Tokenizer;
import io.clipwb.core.text.Tokenizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint folders (tools/checkpoints fixtures) opened as bundles, and the bad-input cases of issue 18. */
class CheckpointFoldersTest {
  @TempDir Path tmp;

  static Path fixture(String name) {
    try {
      return Path.of(CheckpointFoldersTest.class.getResource("/checkpoints/" + name + "/model.safetensors") != null
          ? CheckpointFoldersTest.class.getResource("/checkpoints/" + name + "/model.safetensors").toURI()
          : CheckpointFoldersTest.class.getResource("/checkpoints/" + name + "/tokenizer.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  Path copy(String name) {
    Path dst = tmp.resolve(name);
    try (Stream<Path> files = Files.list(fixture(name))) {
      Files.createDirectories(dst);
      for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dst.resolve(f.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dst;
  }

  @Test
  void huggingFaceFolderOpensWithItsPreprocessingTokenizerAndCard() {
    Bundle b = BundleLoader.load(fixture("hf-clip-vit"));
    assertEquals("hf-clip-vit", b.name());
    assertEquals(16, b.embedDim());
    assertEquals(b.imageEncoder(), b.textEncoder());
    assertTrue(b.imageEncoder().toString().endsWith("model.safetensors"));
    Preprocessing p = b.preprocessing();
    assertEquals(32, p.inputSize());
    assertEquals(32, p.resize());
    assertEquals(Preprocessing.Interpolation.BICUBIC, p.interpolation());
    assertTrue(p.centerCrop());
    assertArrayEquals(Preprocessing.CLIP_MEAN, p.mean());
    assertEquals("hf-tokenizer-json", b.tokenizer().kind());
    assertEquals(16, b.tokenizer().contextLength());
    assertEquals("ViT", b.card().architectureFamily());
    assertEquals("ViT-w32-l2-8", b.card().architectureName());
    assertEquals("unknown", b.card().trainingData());
    assertEquals(0, b.card().trainingSamples());
    assertEquals("unknown", b.card().fineTuning());
    assertEquals("softmax-infonce", b.card().loss());
    assertTrue(CheckpointFolders.isCheckpoint(b));
    CheckpointSpec s = CheckpointFolders.spec(b.dir());
    assertEquals("eos", s.text().pooling());
    assertEquals("quick_gelu", s.text().act());
    assertEquals("gelu", s.vision().act());
  }

  @Test
  void theFolderTokenizerEncodesWithTheCheckpointsIds() {
    Bundle b = BundleLoader.load(fixture("openclip-vit-quickgelu"));
    Tokenizer t = Tokenizers.forBundle(b);
    int[] row = t.tokenize(java.util.List.of("A photo of a cat"))[0];
    int sot = b.tokenizer().sot();
    int eot = b.tokenizer().eot();
    // vocabulary of the fixture: 256 byte stand-ins, the same with </w>, then the merges in order
    int a = 256 + 'a' - '!';
    assertArrayEquals(new int[] {sot, a, 512 + 3, 512 + 6, a, 512 + 5, eot, 0}, Arrays.copyOf(row, 8));
  }

  @Test
  void openClipResNetAndCardJson() throws IOException {
    Path d = copy("openclip-rn-bf16");
    Files.writeString(d.resolve("card.json"), "{\"training_data\": \"LAION-2B\", \"training_samples\": 2320000000, "
        + "\"fine_tuning\": \"none\", \"prompts\": \"imagenet-80\", \"name\": \"tiny-rn\"}");
    Bundle b = BundleLoader.load(d);
    assertEquals("tiny-rn", b.name());
    assertEquals("ResNet", b.card().architectureFamily());
    assertEquals("ModifiedResNet-[1,1,1,1]-w4", b.card().architectureName());
    assertEquals("LAION-2B", b.card().trainingData());
    assertEquals(2320000000L, b.card().trainingSamples());
    assertEquals("imagenet-80", b.card().prompts());
    assertEquals(64, b.preprocessing().inputSize());
    String before = b.fingerprint();
    Files.writeString(d.resolve("card.json"), "{\"training_data\": \"LAION-400M\"}");
    assertFalse(before.equals(BundleLoader.load(d).fingerprint()), "card.json is part of the fingerprint");
  }

  @Test
  void fingerprintDoesNotDependOnTheFolder() {
    assertEquals(BundleLoader.load(fixture("hf-clip-vit")).fingerprint(), BundleLoader.load(copy("hf-clip-vit")).fingerprint());
  }

  /** Rewrites the safetensors file of {@code dir} with one tensor renamed or reshaped in its header. */
  static void editHeader(Path file, String from, String to) throws IOException {
    byte[] all = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(all, 8, (int) n, StandardCharsets.UTF_8);
    assertTrue(header.contains(from), from);
    String edited = header.replace(from, to);
    StringBuilder padded = new StringBuilder(edited);
    while (padded.length() < n) padded.append(' ');
    byte[] h = padded.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(8 + h.length + all.length - 8 - (int) n).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(h.length).put(h).put(all, 8 + (int) n, all.length - 8 - (int) n);
    Files.write(file, out.array());
  }

  @Test
  void missingTensorIsNamedWithItsExpectedShape() throws IOException {
    Path d = copy("openclip-vit-quickgelu");
    editHeader(d.resolve("open_clip_model.safetensors"), "\"visual.proj\"", "\"visual.prox\"");
    BundleException e = assertThrows(BundleException.class, () -> BundleLoader.load(d));
    String m = e.getMessage();
    assertTrue(m.contains("open_clip_model.safetensors") && m.contains("missing tensor 'visual.proj' (expected shape 32 x 16)")
        && m.contains("unexpected tensor 'visual.prox'"), m);
  }

  @Test
  void wrongShapeIsNamed() throws IOException {
    Path d = copy("hf-clip-vit");
    editHeader(d.resolve("model.safetensors"), "\"logit_scale\":{\"dtype\":\"F32\",\"shape\":[]", "\"logit_scale\":{\"dtype\":\"F32\",\"shape\":[1]");
    BundleLoader.load(d); // a [1] logit scale is a scalar too
    Path e2 = copy("openclip-vit-gelu-f16");
    editHeader(e2.resolve("open_clip_model.safetensors"), "\"text_projection\":{\"dtype\":\"F16\",\"shape\":[24,16]",
        "\"text_projection\":{\"dtype\":\"F16\",\"shape\":[16,24]");
    String m = assertThrows(BundleException.class, () -> BundleLoader.load(e2)).getMessage();
    assertTrue(m.contains("tensor 'text_projection' has shape 16 x 24, expected 24 x 16"), m);
  }

  @Test
  void truncatedWeightsAreNamed() throws IOException {
    Path d = copy("hf-clip-vit");
    Path f = d.resolve("model.safetensors");
    byte[] all = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(all, all.length - 100));
    String m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains(f.toString()) && m.contains("truncated"), m);
  }

  @Test
  void unknownArchitectureFieldIsRefusedByName() throws IOException {
    Path d = copy("openclip-vit-quickgelu");
    Path c = d.resolve("open_clip_config.json");
    Files.writeString(c, Files.readString(c).replace("\"patch_size\": 8", "\"patch_size\": 8, \"rope_theta\": 10000"));
    String m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("open_clip_config.json") && m.contains("'model_cfg.vision_cfg.rope_theta'")
        && m.contains("unknown architecture field"), m);
    Files.writeString(c, Files.readString(c).replace(", \"rope_theta\": 10000", ", \"attentional_pool\": true"));
    m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("'model_cfg.vision_cfg.attentional_pool'") && m.contains("not supported"), m);
  }

  @Test
  void hfPreprocessingVariantsAndRefusals() throws IOException {
    Path d = copy("hf-clip-vit");
    Path p = d.resolve("preprocessor_config.json");
    String orig = Files.readString(p);
    Files.writeString(p, orig.replace("\"shortest_edge\": 32", "\"shortest_edge\": 36").replace("\"resample\": 3", "\"resample\": 2"));
    Bundle b = BundleLoader.load(d);
    assertEquals(36, b.preprocessing().resize());
    assertEquals(Preprocessing.Interpolation.BILINEAR, b.preprocessing().interpolation());
    Files.writeString(p, orig.replace("\"resample\": 3", "\"resample\": 0"));
    assertTrue(assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage().contains("'resample'"));
    // a fixed {height, width} resize (CLIPImageProcessor.resize without shortest_edge): resized straight to 32 x 32
    Files.writeString(p, orig.replace("{\n    \"shortest_edge\": 32\n  }", "{\"height\": 32, \"width\": 32}"));
    Preprocessing hw = BundleLoader.load(d).preprocessing();
    assertFalse(hw.centerCrop());
    assertEquals(32, hw.inputSize());
    assertEquals(Preprocessing.Interpolation.BICUBIC, hw.interpolation());
    assertFalse(hw.cacheKey().equals(BundleLoader.load(fixture("hf-clip-vit")).preprocessing().cacheKey()));
    Files.writeString(p, orig.replace("{\n    \"shortest_edge\": 32\n  }", "{\"height\": 32, \"width\": 40}"));
    String m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("preprocessor_config.json") && m.contains("'size'") && m.contains("32 x 40"), m);
    Files.writeString(p, orig.replace("{\n    \"shortest_edge\": 32\n  }", "{\"height\": 36, \"width\": 36}"));
    m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("'crop_size'") && m.contains("fixed-size resize"), m);
    Files.delete(p);
    assertEquals(32, BundleLoader.load(d).preprocessing().inputSize());
  }

  @Test
  void otherModelTypesAreRefusedClearly() throws IOException {
    Path d = copy("hf-clip-vit");
    Path c = d.resolve("config.json");
    Files.writeString(c, Files.readString(c).replace("\"model_type\": \"clip\"", "\"model_type\": \"blip\""));
    String m = assertThrows(BundleException.class, () -> BundleLoader.load(d)).getMessage();
    assertTrue(m.contains("config.json") && m.contains("'model_type'") && m.contains("\"blip\""), m);
  }
}
