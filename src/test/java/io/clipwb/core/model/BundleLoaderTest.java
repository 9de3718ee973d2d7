package io.clipwb.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleLoaderTest {
  @TempDir Path tmp;

  private String failure(Path dir) {
    return assertThrows(BundleException.class, () -> BundleLoader.load(dir)).getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) assertTrue(message.contains(p), "message lacks '" + p + "':\n" + message);
  }

  @Test
  void loadsTheTinyVitBundle() {
    Bundle b = BundleLoader.load(TestBundles.fixture("tiny-vit"));
    assertEquals("tiny-vit", b.name());
    assertEquals(32, b.embedDim());
    assertEquals(1 / 0.07f, b.logitScale(), 1e-4);
    assertArrayEquals(new int[] {4, 4}, b.patchGrid());
    assertTrue(b.patchEncoder().isPresent());
    assertEquals("image_encoder.pt", b.imageEncoder().getFileName().toString());
    assertEquals(32, b.preprocessing().inputSize());
    assertEquals(Preprocessing.Interpolation.BICUBIC, b.preprocessing().interpolation());
    assertArrayEquals(Preprocessing.CLIP_MEAN, b.preprocessing().mean());
    assertEquals("openai-clip-bpe", b.tokenizer().kind());
    assertEquals(77, b.tokenizer().contextLength());
    assertEquals(49406, b.tokenizer().sot());
    assertEquals(49407, b.tokenizer().eot());
    assertEquals("ViT", b.card().architectureFamily());
    assertEquals("softmax-infonce", b.card().loss());
    assertTrue(b.fingerprint().matches("[0-9a-f]{64}"), b.fingerprint());
  }

  @Test
  void acceptsThePathOfBundleJsonItself() {
    Path dir = TestBundles.fixture("tiny-rn");
    assertEquals(BundleLoader.load(dir).fingerprint(), BundleLoader.load(dir.resolve("bundle.json")).fingerprint());
  }

  @Test
  void fingerprintIsIndependentOfTheFolderButFollowsEveryTowerByte() throws IOException {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    String original = BundleLoader.load(TestBundles.fixture("tiny-vit")).fingerprint();
    assertEquals(original, BundleLoader.load(dir).fingerprint(), "same bytes elsewhere, same fingerprint");

    Path tower = dir.resolve("text_encoder.pt");
    byte[] bytes = Files.readAllBytes(tower);
    bytes[bytes.length / 2] ^= 1;
    Files.write(tower, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    // same size: make sure the modification time differs, as after any real edit
    Files.setLastModifiedTime(tower, FileTime.fromMillis(Files.getLastModifiedTime(tower).toMillis() + 2000));
    assertNotEquals(original, BundleLoader.load(dir).fingerprint());
  }

  @Test
  void missingTowerFileIsNamed() throws IOException {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    Files.delete(dir.resolve("image_encoder.pt"));
    assertMentions(failure(dir), "bundle.json", "field 'image_encoder'", "image_encoder.pt", "does not exist");
  }

  @Test
  void missingBundleJsonIsNamed() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    assertMentions(failure(dir), "bundle.json", "missing");
    assertMentions(failure(tmp.resolve("nowhere")), "does not exist");
  }

  @Test
  void wrongFieldTypesAreEachReportedOnce() {
    Path dir = TestBundles.copy("tiny-rn", tmp);
    TestBundles.editJson(dir, r -> {
      r.put("embed_dim", "32");
      ((ObjectNode) r.get("preprocess")).put("center_crop", "yes");
      ((ObjectNode) r.get("tokenizer")).put("context_length", 77.5);
      ((ObjectNode) r.get("card")).put("training_samples", "many");
    });
    String m = failure(dir);
    assertMentions(m, "bundle.json", "4 problems", "field 'embed_dim': must be an integer, got the string \"32\"",
        "field 'preprocess.center_crop': must be true or false", "field 'tokenizer.context_length': must be an integer",
        "field 'card.training_samples': must be an integer");
    assertEquals(4, m.lines().filter(l -> l.contains("  - ")).count(), m);
  }

  @Test
  void unknownInterpolationIsRejected() {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    TestBundles.editJson(dir, r -> ((ObjectNode) r.get("preprocess")).put("interpolation", "nearest"));
    assertMentions(failure(dir), "field 'preprocess.interpolation'", "[bicubic, bilinear]", "\"nearest\"");
  }

  @Test
  void meanMustHoldThreeNumbers() {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    TestBundles.editJson(dir, r -> {
      ((ObjectNode) r.get("preprocess")).putArray("mean").add(0.5).add(0.5);
      ((ObjectNode) r.get("preprocess")).putArray("std").add(0.5).add(0).add(0.5);
    });
    String m = failure(dir);
    assertMentions(m, "field 'preprocess.mean': must be an array of 3 numbers (R, G, B), got an array of 2",
        "field 'preprocess.std': element 1 must be a positive finite number");
  }

  @Test
  void enumsAndVersionAndFormatAreChecked() {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    TestBundles.editJson(dir, r -> {
      r.put("version", 2);
      r.put("format", "something");
      ((ObjectNode) r.get("card")).put("loss", "triplet");
      ((ObjectNode) r.get("card")).put("architecture_family", "MLP");
      ((ObjectNode) r.get("tokenizer")).put("kind", "sentencepiece");
      r.put("logit_scale", -1);
    });
    assertMentions(failure(dir), "field 'version': this workbench reads version 1", "field 'format'",
        "field 'card.loss'", "field 'card.architecture_family'", "field 'tokenizer.kind'", "field 'logit_scale'");
  }

  @Test
  void patchGridIsRequiredWithAPatchEncoder() {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    TestBundles.editJson(dir, r -> r.remove("patch_grid"));
    assertMentions(failure(dir), "field 'patch_grid': missing");
    TestBundles.editJson(dir, r -> r.putArray("patch_grid").add(4));
    assertMentions(failure(dir), "field 'patch_grid': must be two positive integers");
  }

  @Test
  void filesMustStayInsideTheBundle() {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    TestBundles.editJson(dir, r -> r.put("text_encoder", "../elsewhere/text_encoder.pt"));
    assertMentions(failure(dir), "field 'text_encoder'", "outside the bundle folder");
  }

  @Test
  void aTowerThatIsALinkToAFileOutsideTheBundleIsRefused() throws IOException {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    Path outside = Files.copy(dir.resolve("image_encoder.pt"), tmp.resolve("elsewhere.pt"));
    Files.delete(dir.resolve("image_encoder.pt"));
    Files.createSymbolicLink(dir.resolve("image_encoder.pt"), outside);
    assertMentions(failure(dir), "field 'image_encoder'", "is a link to", "outside the bundle folder");
    // a link that stays inside the bundle is fine
    Files.delete(dir.resolve("image_encoder.pt"));
    Files.move(outside, dir.resolve("real_image_encoder.pt"));
    Files.createSymbolicLink(dir.resolve("image_encoder.pt"), dir.resolve("real_image_encoder.pt"));
    assertEquals("image_encoder.pt", BundleLoader.load(dir).imageEncoder().getFileName().toString());
  }

  @Test
  void sizesWhosePixelCountWouldOverflowAreRefusedNamingTheField() {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    TestBundles.editJson(dir, r -> {
      ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("preprocess")).put("input_size", 65536).put("resize", 65536);
      r.put("embed_dim", 10_000_000);
      ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("tokenizer")).put("context_length", 1 << 30);
    });
    assertMentions(failure(dir), "field 'preprocess.input_size': must be at most 4096, got 65536",
        "field 'preprocess.resize': must be at most 8192, got 65536", "field 'embed_dim': must be at most 65536",
        "field 'tokenizer.context_length': must be at most 65536");
  }

  @Test
  void missingSectionsAndBrokenJson() throws IOException {
    Path dir = TestBundles.copy("tiny-vit", tmp);
    TestBundles.editJson(dir, r -> {
      r.remove("card");
      r.remove("name");
    });
    assertMentions(failure(dir), "field 'card': missing", "field 'name': missing");
    Files.writeString(dir.resolve("bundle.json"), "{\"format\": \"clipwb-bundle\",\n  \"version\": 1,,}");
    assertMentions(failure(dir), "bundle.json", "not valid JSON at line 2");
  }
}
