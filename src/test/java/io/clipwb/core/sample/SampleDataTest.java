package io.clipwb.core.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.ModelCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed sample project ({@code sample-data/}): every bundle's {@code bundle.json} parses,
 * names files that exist, states all six factors on its card and follows the word-vocab tokenizer
 * spec; every data set the project lists exists with a manifest whose images exist.
 */
class SampleDataTest {
  static final Path ROOT = Path.of("sample-data");
  static final Set<String> ROLES = Set.of("in-distribution", "shift", "ood", "corruption", "cue-conflict", "rgbd", "captions", "multiview");

  @Test
  void projectListsBundlesAndDataSetsThatExist() {
    JsonNode p = Json.read(ROOT.resolve("project.json"));
    assertTrue(p.get("bundles").size() >= 6, "the family has at least 6 models");
    Set<String> roles = new HashSet<>();
    for (JsonNode d : p.get("datasets")) {
      String role = d.get("role").asText();
      assertTrue(ROLES.contains(role), "unknown role " + role);
      roles.add(role);
      if (!d.has("manifest")) {
        // a folder data set (the corrupted set): <corruption>/<severity>/<class>/* with classes.json at its root
        Path dir = ROOT.resolve(d.get("path").asText());
        assertTrue(Files.isRegularFile(dir.resolve("classes.json")), dir + " lacks classes.json");
        assertEquals(768, io.clipwb.core.data.Datasets.open(dir, java.util.Optional.empty()).items().size(), dir.toString());
        continue;
      }
      Path manifest = ROOT.resolve(d.get("manifest").asText());
      List<Map<String, String>> rows = SampleManifest.read(manifest);
      assertFalse(rows.isEmpty(), manifest.toString());
      assertTrue(Files.isRegularFile(manifest.resolveSibling("classes.json")), manifest + " lacks classes.json");
      for (Map<String, String> r : rows) assertTrue(Files.isRegularFile(manifest.resolveSibling(r.get("path"))), r.get("path"));
    }
    assertTrue(roles.containsAll(Set.of("in-distribution", "shift", "ood", "corruption", "cue-conflict", "rgbd", "captions")), "roles " + roles);
  }

  @Test
  void everyBundleParsesAndItsCardIsComplete() {
    JsonNode p = Json.read(ROOT.resolve("project.json"));
    for (JsonNode b : p.get("bundles")) {
      Path dir = ROOT.resolve(b.get("path").asText());
      JsonNode j = Json.read(dir.resolve("bundle.json"));
      assertEquals("clipwb-bundle", j.get("format").asText(), dir.toString());
      for (String f : List.of("image_encoder", "text_encoder")) {
        assertTrue(Files.isRegularFile(dir.resolve(j.get(f).asText())), dir + ": " + f);
      }
      ModelCard card = Json.convert(j.get("card"), ModelCard.class);
      assertTrue(Set.of("ViT", "ResNet").contains(card.architectureFamily()), dir + ": family");
      assertFalse(card.architectureName().isBlank());
      assertTrue(card.trainingData().startsWith("sample world"), dir + ": training data " + card.trainingData());
      assertTrue(card.trainingSamples() > 0, dir + ": training samples");
      assertTrue(Set.of("none", "end-to-end").contains(card.fineTuning()), dir + ": fine tuning");
      assertTrue(Set.of("softmax-infonce", "sigmoid").contains(card.loss()), dir + ": loss");
      assertFalse(card.prompts().isBlank());
      assertTrue(j.get("logit_scale").asDouble() > 0);
      assertEquals(64, j.get("preprocess").get("input_size").asInt());

      JsonNode tok = j.get("tokenizer");
      assertEquals("word-vocab", tok.get("kind").asText());
      JsonNode vocab = Json.read(dir.resolve(tok.get("file").asText()));
      assertEquals("<pad>", vocab.get(0).asText());
      assertEquals("<eot>", vocab.get(vocab.size() - 1).asText());
      assertEquals(vocab.size() - 1, tok.get("eot").asInt());
      assertEquals("<sot>", vocab.get(tok.get("sot").asInt()).asText());
      Set<String> words = new HashSet<>();
      vocab.forEach(v -> words.add(v.asText()));
      assertTrue(words.contains("<unk>"));
      assertTrue(words.containsAll(SampleWorld.vocabulary()), dir + ": vocabulary lacks sample-world words");
    }
  }
}
