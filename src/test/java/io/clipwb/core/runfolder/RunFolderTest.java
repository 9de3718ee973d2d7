package io.clipwb.core.runfolder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder reader/writer, on a folder written by the release before it existed. */
class RunFolderTest {
  static final Path FIXTURE = Path.of("src/test/resources/run-fixture/v1/run");

  @Test
  void readsAFolderWrittenByTheOldRelease() {
    RunFolder f = RunFolder.read(FIXTURE);
    RunManifest m = f.manifest();
    assertEquals("clipwb-run", m.format());
    assertEquals(1, m.version());
    assertEquals("sample-vit-small", f.model());
    assertEquals("sample-vit-small", m.bundle().name());
    assertEquals("single", m.templates().name());
    assertEquals(List.of("a photo of a {c}."), m.templates().list());
    assertEquals("/tmp/fx/data", m.dataset().root());
    assertEquals(16, m.classes().size());
    assertEquals("circle", m.classes().get(0));
    assertEquals(8, m.items().size());
    assertEquals(8, f.logits().length);
    assertEquals(16, f.logits()[0].length);
    // labels.npy, independent of the manifest: circle square triangle star square hexagon heart ring
    assertArrayEquals(new int[] {0, 1, 2, 3, 1, 10, 5, 6}, f.labels());
    RunItem heart = m.items().get(6);
    assertEquals("images/outline_00005_heart.png", heart.id());
    assertEquals("/tmp/fx/data/images/outline_00005_heart.png", heart.path());
    assertEquals(5, heart.label());
    assertEquals("heart", heart.metadata().get("shape"));
    assertEquals(1, m.failed().size());
    assertEquals("images/broken.png", m.failed().get(0).id());
    assertTrue(m.failed().get(0).reason().contains("not an image"));
    assertEquals(6, m.cache().imagesFromCache());
    assertEquals(2, m.cache().imagesComputed());
    assertEquals(17.573107, m.logitScale(), 1e-9);
    assertEquals("cpu", m.environment().get("device"));
    assertEquals(64, m.preprocessing().get("input_size").asInt());
    assertEquals(8, RunFolder.readImageEmbeddings(FIXTURE).length);
    assertEquals(16, RunFolder.readTextEmbeddings(FIXTURE).length);
  }

  @Test
  void aRewrittenManifestIsReadAgainNotServedFromTheMemo(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("manifest.json");
    String text = Files.readString(FIXTURE.resolve("manifest.json"));
    Files.writeString(m, text);
    assertEquals("sample-vit-small", RunFolder.readManifest(m).bundle().name());
    assertEquals(RunFolder.readManifest(m), RunFolder.readManifest(m));
    // same size, new content, renamed into place (what the run folder writer does)
    Path tmp = dir.resolve("manifest.json.tmp");
    Files.writeString(tmp, text.replace("sample-vit-small", "sample-vit-SMALL"));
    Files.move(tmp, m, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    assertEquals("sample-vit-SMALL", RunFolder.readManifest(m).bundle().name());
  }

  @Test
  void refusesANewerOrUnknownFormat(@TempDir Path dir) {
    Npy.write(dir.resolve("logits.npy"), new float[][] {{1, 2}});
    Npy.write(dir.resolve("labels.npy"), new int[] {1});
    AtomicFiles.writeString(dir.resolve("manifest.json"), "{\"format\": \"clipwb-run\", \"version\": 2, \"classes\": [\"a\", \"b\"]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunFolder.read(dir));
    assertTrue(e.getMessage().contains("version 2 was written by a newer release"), e.getMessage());
    AtomicFiles.writeString(dir.resolve("manifest.json"), "{\"format\": \"something-else\", \"version\": 1}");
    e = assertThrows(IllegalArgumentException.class, () -> RunFolder.read(dir));
    assertTrue(e.getMessage().contains("is not a run folder"), e.getMessage());
    AtomicFiles.writeString(dir.resolve("manifest.json"), "{\"format\": \"clipwb-run\", \"version\": 0}");
    e = assertThrows(IllegalArgumentException.class, () -> RunFolder.read(dir));
    assertTrue(e.getMessage().contains("version 0 is not a known version"), e.getMessage());
  }

  @Test
  void readsHandWrittenManifestsAndBareArrays(@TempDir Path dir) {
    Npy.write(dir.resolve("logits.npy"), new float[][] {{1, 2}, {3, 1}});
    Npy.write(dir.resolve("labels.npy"), new int[] {1, 0});
    RunFolder bare = RunFolder.read(dir);
    assertEquals(null, bare.items());
    assertTrue(Double.isNaN(bare.manifest().logitScale()));
    AtomicFiles.writeString(dir.resolve("manifest.json"), """
        {"name": "mine", "classes": ["a", "b"], "items": [
          {"path": "x.png", "label": "b", "depth": "x.depth.png"},
          {"path": "y.png", "label": "nobody", "metadata": {"factors": ["pose", "smaller"]}}]}""");
    RunFolder f = RunFolder.read(dir);
    assertEquals("mine", f.name());
    assertEquals(1, f.items().get(0).label());
    assertEquals("x.png", f.items().get(0).id());
    assertEquals("x.depth.png", f.items().get(0).metadata().get("depth"));
    assertEquals(-1, f.items().get(1).label());
    assertEquals("nobody", f.items().get(1).metadata().get("label"));
    assertEquals(List.of("pose", "smaller"), f.items().get(1).values("factors"));
  }

  @Test
  void writesAWholeFolderAndReadsItBack(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    RunFolder.write(dir, contents(1f));
    RunFolder f = RunFolder.read(dir);
    assertEquals(2, f.items().size());
    assertEquals(1.0, f.logits()[0][0]);
    assertEquals("a", f.items().get(0).metadata().get("k"));
    assertEquals("sha", f.manifest().templates().sha256());
    String csv = Files.readString(dir.resolve("predictions.csv"));
    assertEquals("path,label,pred1,pred2,prob1,prob2\ni0,a,b,a,0.700000,0.300000\ni1,,a,b,0.600000,0.400000\n", csv);
    assertTrue(Files.readString(dir.resolve("results.json")).contains("\"acc1\" : 0.5"));

    // a second write replaces the folder as a whole; no temp folder is left behind
    RunFolder.write(dir, contents(7f));
    assertEquals(7.0, RunFolder.read(dir).logits()[0][0]);
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of("run"), s.map(p -> p.getFileName().toString()).toList());
    }

    // a failing write (inconsistent contents) leaves the previous complete folder
    RunFolder.Contents bad = new RunFolder.Contents(contents(9f).manifest(), new float[][] {{9, 9}}, new int[] {0, -1},
        new float[][] {{1}}, new float[][] {{1}}, List.of(), contents(9f).results());
    assertThrows(RuntimeException.class, () -> RunFolder.write(dir, bad));
    assertEquals(7.0, RunFolder.read(dir).logits()[0][0]);
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of("run"), s.map(p -> p.getFileName().toString()).toList());
    }

    // a folder holding anything else is never replaced
    Files.writeString(dir.resolve("notes.txt"), "mine");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunFolder.write(dir, contents(1f)));
    assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
    assertFalse(RunFolder.read(dir).logits()[0][0] == 1.0);
  }

  private static RunFolder.Contents contents(float first) {
    RunManifest m = new RunManifest(RunFolder.FORMAT, RunFolder.VERSION, "2026-01-01T00:00:00Z", null,
        new RunManifest.BundleInfo("m", "/b", "fp", null), null, 10.0, new RunManifest.Templates("t", "sha", List.of("{c}")),
        new RunManifest.DatasetInfo("d", "/data", "manifest"), List.of("a", "b"), List.of("a", "b"),
        List.of(new RunItem("i0", "/data/i0", 0, Map.of("k", "a")), new RunItem("i1", "/data/i1", -1, Map.of())),
        List.of(), new RunManifest.CacheInfo("/c", 0, 2, 0), Map.of("device", "cpu"), 1.5);
    return new RunFolder.Contents(m, new float[][] {{first, 2}, {3, 1}}, new int[] {0, -1}, new float[][] {{1, 0}, {0, 1}},
        new float[][] {{1, 0}, {0, 1}},
        List.of(new RunFolder.Prediction(new int[] {1, 0}, new double[] {0.7, 0.3}),
            new RunFolder.Prediction(new int[] {0, 1}, new double[] {0.6, 0.4})),
        new RunFolder.Results("d", "m", "p", 0.5, 1, 0.5));
  }
}
