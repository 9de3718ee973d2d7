package io.clipwb.core.cache;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
  @TempDir Path tmp;

  @Test
  void roundTripAcrossOpens() {
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp123", "images");
    c.put(List.of("a", "b"), new float[][] {{1, 2}, {3, 4}});
    EmbeddingCache again = EmbeddingCache.open(tmp, "fp123", "images");
    assertEquals(2, again.size());
    assertArrayEquals(new float[] {3, 4}, again.get("b"));
    assertEquals(0, EmbeddingCache.open(tmp, "other-model", "images").size());
  }

  @Test
  void corruptShardIsDetectedDiscardedAndNotTrusted() throws Exception {
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "images");
    c.put(List.of("a"), new float[][] {{1, 2}});
    c.put(List.of("b"), new float[][] {{5, 6}});
    Path npy;
    try (Stream<Path> s = Files.list(c.dir())) {
      npy = s.filter(p -> p.toString().endsWith(".npy")).sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(npy);
    bytes[bytes.length - 1] ^= 0x40; // flip a bit in the last float
    Files.write(npy, bytes);
    EmbeddingCache reopened = EmbeddingCache.open(tmp, "fp", "images");
    assertEquals(1, reopened.corruptShards());
    assertFalse(reopened.contains("a"));
    assertArrayEquals(new float[] {5, 6}, reopened.get("b"));
    assertFalse(Files.exists(npy), "the corrupt shard is removed");
  }

  @Test
  void aShardOfAnotherWidthWithAValidChecksumIsDiscardedAndRecomputed() throws Exception {
    // a shard written by a model of width 8 (its checksum is right), in the folder of a width-4 model
    EmbeddingCache other = EmbeddingCache.open(tmp, "fp", "images");
    other.put(List.of("a", "b"), new float[][] {{1, 2, 3, 4, 5, 6, 7, 8}, {8, 7, 6, 5, 4, 3, 2, 1}});
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "images", 4);
    assertEquals(1, c.corruptShards());
    assertFalse(c.contains("a"), "rows of the wrong width are never served");
    try (Stream<Path> s = Files.list(c.dir())) {
      assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("shard-")).count(), "the shard is deleted");
    }
    // recomputed like a checksum failure: the rows are put again at the right width and read back
    c.put(List.of("a"), new float[][] {{1, 1, 1, 1}});
    assertArrayEquals(new float[] {1, 1, 1, 1}, EmbeddingCache.open(tmp, "fp", "images", 4).get("a"));
  }

  @Test
  void aShardOfAnotherDtypeWithAValidChecksumIsDiscarded() throws Exception {
    EmbeddingCache c0 = EmbeddingCache.open(tmp, "fp", "texts", 2);
    Path dir = c0.dir();
    byte[] f8 = io.clipwb.core.io.Npy.encode(new double[][] {{1, 2}});
    Files.write(dir.resolve("shard-0000000000001-000001-1.npy"), f8);
    Files.writeString(dir.resolve("shard-0000000000001-000001-1.json"),
        "{\"version\": 1, \"sha256\": \"" + EmbeddingCache.sha256(f8) + "\", \"keys\": [\"x\"]}");
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "texts", 2);
    assertEquals(1, c.corruptShards());
    assertFalse(c.contains("x"));
  }

  @Test
  void halfWrittenShardOfAKilledRunIsIgnored() throws Exception {
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "texts");
    c.put(List.of("x"), new float[][] {{1}});
    // a run killed between writing the .npy and its index leaves an orphan .npy and a temp file
    Files.write(c.dir().resolve("shard-9999999999999-000001-1.npy"), new byte[] {1, 2, 3});
    Files.write(c.dir().resolve(".shard-9999999999999-000002-1.json123.tmp"), new byte[] {'{'});
    EmbeddingCache reopened = EmbeddingCache.open(tmp, "fp", "texts");
    assertEquals(1, reopened.size());
    assertEquals(0, reopened.corruptShards());
  }

  @Test
  void truncatedIndexIsCorrupt() throws Exception {
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "images");
    c.put(List.of("a"), new float[][] {{1, 2}});
    Path idx;
    try (Stream<Path> s = Files.list(c.dir())) {
      idx = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    Files.writeString(idx, "{\"keys\": [");
    EmbeddingCache reopened = EmbeddingCache.open(tmp, "fp", "images");
    assertEquals(1, reopened.corruptShards());
    assertEquals(0, reopened.size());
  }

  @Test
  void compactionKeepsEveryEntry() throws Exception {
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "images");
    for (int i = 0; i < 10; i++) c.put(List.of("k" + i), new float[][] {{i, -i}});
    c.compact(5);
    try (Stream<Path> s = Files.list(c.dir())) {
      assertEquals(2, s.filter(p -> p.getFileName().toString().startsWith("shard-")).count(), "one .npy + one .json after compaction");
    }
    EmbeddingCache reopened = EmbeddingCache.open(tmp, "fp", "images");
    assertEquals(10, reopened.size());
    assertArrayEquals(new float[] {7, -7}, reopened.get("k7"));
  }
}
