package io.clipwb.core.run;

import static org.junit.jupiter.api.Assertions.*;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.data.Datasets;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageEmbedderTest {
  @TempDir Path tmp;

  private List<DataItem> items(Path root) {
    return Datasets.open(root, Optional.empty()).items();
  }

  @Test
  void secondRunComputesNothing() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 3, 5);
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    EmbeddingCache cache = EmbeddingCache.open(tmp.resolve("cache"), m.bundle().fingerprint(), "images");
    ImageEmbedder.Result r1 = ImageEmbedder.run(m, items(data), cache, new ImageEmbedder.Options(4, 2), Progress.NONE, Cancellation.none());
    assertEquals(15, r1.computed());
    assertEquals(15, m.imagesEncoded.get());
    EmbeddingCache reopened = EmbeddingCache.open(tmp.resolve("cache"), m.bundle().fingerprint(), "images");
    ImageEmbedder.Result r2 = ImageEmbedder.run(m, items(data), reopened, new ImageEmbedder.Options(4, 2), Progress.NONE, Cancellation.none());
    assertEquals(15, r2.fromCache());
    assertEquals(0, r2.computed());
    assertEquals(15, m.imagesEncoded.get(), "nothing encoded the second time");
    for (int i = 0; i < 15; i++) assertArrayEquals(r1.embeddings()[i], r2.embeddings()[i]);
  }

  @Test
  void changedImageIsRecomputed() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 1, 3);
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    Path cacheRoot = tmp.resolve("cache");
    ImageEmbedder.run(m, items(data), EmbeddingCache.open(cacheRoot, "fp", "images"), new ImageEmbedder.Options(8, 1), Progress.NONE, Cancellation.none());
    Path changed = data.resolve("c0/img1.png");
    TestImages.write(changed, 40, 30, 999);
    Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 5000));
    ImageEmbedder.Result r = ImageEmbedder.run(m, items(data), EmbeddingCache.open(cacheRoot, "fp", "images"),
        new ImageEmbedder.Options(8, 1), Progress.NONE, Cancellation.none());
    assertEquals(2, r.fromCache());
    assertEquals(1, r.computed());
  }

  @Test
  void badImagesAreFailedItemsAndTheRunGoesOn() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 1, 4);
    Files.writeString(data.resolve("c0/notes.jpg"), "this is not a JPEG");
    byte[] png = Files.readAllBytes(data.resolve("c0/img0.png"));
    Files.write(data.resolve("c0/truncated.png"), java.util.Arrays.copyOf(png, png.length / 3));
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    ImageEmbedder.Result r = ImageEmbedder.run(m, items(data), EmbeddingCache.open(tmp.resolve("cache"), "fp", "images"),
        new ImageEmbedder.Options(2, 2), Progress.NONE, Cancellation.none());
    assertEquals(4, r.items().size());
    assertEquals(2, r.failures().size());
    for (ImageEmbedder.Failure f : r.failures()) {
      assertFalse(f.reason().isBlank());
      assertTrue(f.id().equals("c0/notes.jpg") || f.id().equals("c0/truncated.png"), f.id());
    }
  }

  @Test
  void crashMidRunKeepsWrittenBatchesAndResumes() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 2, 10);
    Path cacheRoot = tmp.resolve("cache");
    FakeClipModel crashing = new FakeClipModel(tmp, 16, 0, 3);
    assertThrows(IllegalStateException.class, () -> ImageEmbedder.run(crashing, items(data),
        EmbeddingCache.open(cacheRoot, "fp", "images"), new ImageEmbedder.Options(4, 1), Progress.NONE, Cancellation.none()));
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    ImageEmbedder.Result r = ImageEmbedder.run(m, items(data), EmbeddingCache.open(cacheRoot, "fp", "images"),
        new ImageEmbedder.Options(4, 1), Progress.NONE, Cancellation.none());
    assertEquals(12, r.fromCache(), "three batches of four were written before the crash");
    assertEquals(8, r.computed());
    assertEquals(8, m.imagesEncoded.get());
  }

  @Test
  void cancellationStopsAndKeepsWhatWasWritten() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 1, 12);
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    Cancellation cancel = new Cancellation();
    Progress cancelAfterFirstBatch = (done, total, msg) -> {
      if (done >= 4) cancel.cancel();
    };
    assertThrows(java.util.concurrent.CancellationException.class, () -> ImageEmbedder.run(m, items(data),
        EmbeddingCache.open(tmp.resolve("cache"), "fp", "images"), new ImageEmbedder.Options(4, 1), cancelAfterFirstBatch, cancel));
    assertTrue(EmbeddingCache.open(tmp.resolve("cache"), "fp", "images").size() >= 4);
  }

  @Test
  void resumesAfterKillMinus9() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 2, 12);
    Path cacheRoot = tmp.resolve("cache");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KilledRunMain.class.getName(), data.toString(), cacheRoot.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    FakeClipModel m = new FakeClipModel(tmp, 16, 0, -1);
    Path shardDir = cacheRoot.resolve(m.bundle().fingerprint().substring(0, 16)).resolve("images");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (countIndices(shardDir) < 2 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
    assertTrue(child.isAlive(), "the child must still be running when it is killed");
    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
    child.waitFor(10, TimeUnit.SECONDS);
    int written = (int) EmbeddingCache.open(cacheRoot, m.bundle().fingerprint(), "images").size();
    assertTrue(written >= 8 && written < 24, "written before the kill: " + written);
    ImageEmbedder.Result r = ImageEmbedder.run(m, items(data), EmbeddingCache.open(cacheRoot, m.bundle().fingerprint(), "images"),
        new ImageEmbedder.Options(4, 1), Progress.NONE, Cancellation.none());
    assertEquals(written, r.fromCache());
    assertEquals(24 - written, m.imagesEncoded.get(), "only what was not written is recomputed");
    assertEquals(24, r.items().size());
  }

  private static long countIndices(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) return 0;
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("shard-") && p.toString().endsWith(".json")).count();
    }
  }
}
