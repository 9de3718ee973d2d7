package io.clipwb.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSetsTest {
  @TempDir Path tmp;

  @Test
  void builtInSets() {
    List<String> t80 = PromptSets.templates("imagenet-80");
    assertEquals(80, t80.size());
    assertEquals(80, t80.stream().distinct().count());
    assertEquals("a bad photo of a {c}.", t80.get(0));
    assertEquals(List.of("itap of a {c}.", "a bad photo of the {c}.", "a origami {c}.", "a photo of the large {c}.",
        "a {c} in a video game.", "art of the {c}.", "a photo of the small {c}."), PromptSets.templates("imagenet-7"));
    assertTrue(t80.containsAll(PromptSets.templates("imagenet-7")), "the 7 are a subset of the 80");
    assertEquals(List.of("a photo of a {c}."), PromptSets.templates("single"));
    assertEquals("a photo of a tench.", PromptSets.fill("a photo of a {c}.", "tench"));
  }

  @Test
  @Tag("reference")
  void builtIn80EqualsClipBenchmarkImagenet1k() {
    Path f = Shared.path("data/imagenet-metadata/en_zeroshot_classification_templates.json");
    assertEquals(PromptSets.templates(f + "#imagenet1k"), PromptSets.templates("imagenet-80"));
  }

  @Test
  void jsonFilesAndTheirErrors() throws Exception {
    Path list = tmp.resolve("t.json");
    Files.writeString(list, "[\"a photo of a {c}.\", \"a {} drawing\"]");
    assertEquals(List.of("a photo of a {c}.", "a {c} drawing"), PromptSets.templates(list.toString()));
    Path obj = tmp.resolve("o.json");
    Files.writeString(obj, "{\"cifar10\": [\"x {c}\"], \"bad\": [\"no placeholder\"], \"num\": [1]}");
    assertEquals(List.of("x {c}"), PromptSets.templates(obj + "#cifar10"));
    String m = assertThrows(IllegalArgumentException.class, () -> PromptSets.templates(obj.toString())).getMessage();
    assertTrue(m.contains("#KEY") && m.contains("cifar10"), m);
    m = assertThrows(IllegalArgumentException.class, () -> PromptSets.templates(obj + "#imagenet1k")).getMessage();
    assertTrue(m.contains("no key \"imagenet1k\""), m);
    m = assertThrows(IllegalArgumentException.class, () -> PromptSets.templates(obj + "#bad")).getMessage();
    assertTrue(m.contains("has no {c} placeholder"), m);
    m = assertThrows(IllegalArgumentException.class, () -> PromptSets.templates(obj + "#num")).getMessage();
    assertTrue(m.contains("template 0 is not a string"), m);
    m = assertThrows(IllegalArgumentException.class, () -> PromptSets.templates("imagenet-81")).getMessage();
    assertTrue(m.contains("neither built in"), m);
  }

  @Test
  void classNames() throws Exception {
    Path f = tmp.resolve("c.json");
    Files.writeString(f, "{\"pets\": [\"cat\", \"dog\"], \"broken\": [\"a\", \"\"]}");
    assertEquals(List.of("cat", "dog"), ClassNames.load(f, "pets"));
    String m = assertThrows(IllegalArgumentException.class, () -> ClassNames.load(f, "broken")).getMessage();
    assertTrue(m.contains("class 1"), m);
    m = assertThrows(IllegalArgumentException.class, () -> ClassNames.load(f, "cars")).getMessage();
    assertTrue(m.contains("no key \"cars\"") && m.contains("pets"), m);
    m = assertThrows(IllegalArgumentException.class, () -> ClassNames.load(tmp.resolve("none.json"), "pets")).getMessage();
    assertTrue(m.startsWith("class-name file not found"), m);
  }

  @Test
  void imagenet1kClassNamesFromTheSharedMetadata() {
    Path real = Shared.path("data/imagenet-metadata/en_classnames.json");
    List<String> in1k = ClassNames.load(real, "imagenet1k");
    assertEquals(1000, in1k.size());
    assertEquals("tench", in1k.get(0));
  }
}
