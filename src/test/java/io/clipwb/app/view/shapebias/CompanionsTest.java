package io.clipwb.app.view.shapebias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge / silhouette companions of a cue-conflict stimulus in the rgeirhos/texture-vs-shape
 * layout (a folder built here, and {@code ../shared/data/texture-vs-shape} when present), and the
 * stimulus browser's two-model filter on hand-made stimuli.
 */
class CompanionsTest {
  @Test
  void findsEdgesAndSilhouettesBesideTheStyleTransferFolder(@TempDir Path tmp) throws Exception {
    Path cc = tmp.resolve("style-transfer-preprocessed-512/cat/cat3-bottle2.png");
    Path edge = tmp.resolve("edges/cat/cat3.png");
    Path sil = tmp.resolve("filled-silhouettes/cat/cat3.png");
    for (Path p : List.of(cc, edge, sil)) {
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
    }
    Map<String, Path> m = Companions.of(cc);
    assertEquals(List.of("Edges", "Silhouette"), List.copyOf(m.keySet()));
    assertEquals(edge, m.get("Edges"));
    assertEquals(sil, m.get("Silhouette"));
    assertTrue(Companions.of(tmp.resolve("style-transfer-preprocessed-512/cat/cat4-bottle2.png")).isEmpty());
    assertTrue(Companions.of(tmp.resolve("other/photo.png")).isEmpty());
  }

  @Test
  void sharedTextureVsShapeHasCompanions() {
    Path root = Path.of("../shared/data/texture-vs-shape");
    assumeTrue(Files.isDirectory(root.resolve("style-transfer-preprocessed-512/cat")), "no shared texture-vs-shape data");
    Map<String, Path> m = Companions.of(root.resolve("style-transfer-preprocessed-512/cat/cat1-airplane1.png"));
    assertEquals(root.resolve("edges/cat/cat1.png"), m.get("Edges"));
    assertEquals(root.resolve("filled-silhouettes/cat/cat1.png"), m.get("Silhouette"));
  }

  @Test
  void filterKeepsTextureForAAndShapeForB() {
    Stimulus s1 = new Stimulus(0, null, "cat1-dog1.png", "cat", "dog", Map.of("A", "dog", "B", "cat"), Map.of("A", "texture", "B", "shape"));
    Stimulus s2 = new Stimulus(1, null, "cat2-dog1.png", "cat", "dog", Map.of("A", "cat", "B", "cat"), Map.of("A", "shape", "B", "shape"));
    Stimulus s3 = new Stimulus(2, null, "cat3-cat1.png", "cat", "cat", Map.of("A", "cat", "B", "cat"),
        Map.of("A", "no-conflict", "B", "no-conflict"));
    List<Stimulus> all = List.of(s1, s2, s3);
    assertEquals(List.of(s1), new Stimulus.Filter("A", "texture", "B", "shape", true, "").apply(all));
    assertEquals(List.of(s1, s2), new Stimulus.Filter("B", "shape", null, null, true, "").apply(all));
    assertEquals(all, Stimulus.Filter.ALL.apply(all));
    assertEquals(List.of(s1, s2), new Stimulus.Filter(null, null, null, null, true, "DO").apply(all));
  }
}
