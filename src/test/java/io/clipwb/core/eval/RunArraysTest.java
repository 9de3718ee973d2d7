package io.clipwb.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Npy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-folder loader and metadata grouping. */
class RunArraysTest {

  @Test
  void groupsByScalarAndListValuedMetadata(@TempDir Path dir) {
    Npy.write(dir.resolve("logits.npy"), new float[][] {{1, 2}, {2, 1}, {0, 3}});
    Npy.write(dir.resolve("labels.npy"), new int[] {1, 0, -1});
    AtomicFiles.writeString(dir.resolve("manifest.json"), """
        {"dataset": "val-c", "logit_scale": 50, "classes": ["cat", "dog"], "items": [
          {"path": "a.png", "label": 1, "corruption": "fog", "severity": 1, "factors": ["pose", "color"]},
          {"path": "b.png", "label": 0, "metadata": {"corruption": "fog", "severity": 2, "factors": ["pose"]}},
          {"path": "c.png", "label": -1}]}
        """);
    RunArrays r = RunArrays.load(dir);
    assertEquals("val-c", r.name());
    assertEquals(50.0, r.logitScale());
    Map<String, int[]> g = r.groupsBy(List.of("corruption", "severity"));
    assertEquals(List.of("fog/1", "fog/2"), List.copyOf(g.keySet()));
    Map<String, int[]> f = r.groupsBy(List.of("factors"));
    assertArrayEquals(new int[] {0, 1}, f.get("pose"));
    assertArrayEquals(new int[] {0}, f.get("color"));
  }

  @Test
  void missingFilesAndMismatchedManifestsAreNamed(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunArrays.load(dir));
    assertTrue(e.getMessage().contains("no logits.npy"), e.getMessage());
    Npy.write(dir.resolve("logits.npy"), new float[][] {{1, 2}});
    Npy.write(dir.resolve("labels.npy"), new int[] {1});
    AtomicFiles.writeString(dir.resolve("manifest.json"), "{\"classes\": [\"a\", \"b\", \"c\"]}");
    e = assertThrows(IllegalArgumentException.class, () -> RunArrays.load(dir));
    assertTrue(e.getMessage().contains("3 classes but logits.npy has 2 columns"), e.getMessage());
  }
}
