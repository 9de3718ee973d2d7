package io.clipwb.core.cache;

import static org.junit.jupiter.api.Assertions.*;

import io.clipwb.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Size limits of the cache: no int overflow, capped compaction output, mapped large shards. */
class CacheScaleGuardsTest {
  @TempDir Path tmp;

  private static float[] row(int i, int w) {
    float[] r = new float[w];
    for (int j = 0; j < w; j++) r[j] = i * 1000 + j;
    return r;
  }

  private static long shardFiles(Path dir, String ext) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("shard-") && p.toString().endsWith(ext)).count();
    }
  }

  @Test
  void encodingMoreThanOneArrayCanHoldIsRefusedNotOverflowed() {
    float[] shared = new float[8192];
    float[][] m = new float[70_000][];
    java.util.Arrays.fill(m, shared); // 70,000 x 8,192 x 4 bytes = 2.29 GB: rows*cols*4 overflows an int
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.encode(m));
    assertTrue(e.getMessage().contains("2293760000 bytes"), e.getMessage());
  }

  @Test
  void compactionSplitsItsOutputAtTheShardCapAndLeavesFullShardsAlone() throws Exception {
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "images", 4);
    c.maxShardBytes(10 * 4 * 4); // 10 rows per merged shard
    for (int i = 0; i < 25; i++) c.put(List.of("k" + i), new float[][] {row(i, 4)});
    c.compact(5);
    assertEquals(3, shardFiles(c.dir(), ".json"), "25 rows in shards of at most 10");
    EmbeddingCache re = EmbeddingCache.open(tmp, "fp", "images", 4);
    assertEquals(25, re.size());
    for (int i = 0; i < 25; i++) assertArrayEquals(row(i, 4), re.get("k" + i));
    // shards at least half full are kept; only the small new ones are merged
    List<Path> before;
    try (Stream<Path> s = Files.list(c.dir())) {
      before = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    re.maxShardBytes(10 * 4 * 4);
    for (int i = 25; i < 31; i++) re.put(List.of("k" + i), new float[][] {row(i, 4)});
    re.compact(5);
    List<Path> after;
    try (Stream<Path> s = Files.list(c.dir())) {
      after = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    // 10 + 10 + 5 rows are at least half full (5 of 10): kept as they are; the six new ones merged into one
    assertEquals(4, after.size(), after.toString());
    assertTrue(after.containsAll(before), "the shards that were at least half full were not rewritten");
    EmbeddingCache last = EmbeddingCache.open(tmp, "fp", "images", 4);
    assertEquals(31, last.size());
    for (int i = 0; i < 31; i++) assertArrayEquals(row(i, 4), last.get("k" + i));
  }

  @Test
  void aLargeShardIsMappedInSegmentsOfWholeRows() throws Exception {
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "images", 3);
    List<String> keys = new ArrayList<>();
    float[][] rows = new float[100][];
    for (int i = 0; i < 100; i++) {
      keys.add("r" + i);
      rows[i] = row(i, 3);
    }
    c.put(keys, rows);
    Path idx;
    try (Stream<Path> s = Files.list(c.dir())) {
      idx = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    String sha = io.clipwb.core.io.Json.mapper().readTree(idx.toFile()).path("sha256").asText();
    // segments of 7 rows (84 bytes, not a multiple of a row's 12: 7 whole rows), nothing on the heap
    ShardRows r = ShardRows.open(Path.of(idx.toString().replace(".json", ".npy")), sha, 90, 0).rows();
    assertFalse(r.onHeap());
    float[] got = new float[3];
    for (int i = 0; i < 100; i++) {
      r.copyRow(i, got);
      assertArrayEquals(row(i, 3), got, "row " + i);
    }
    assertThrows(java.io.IOException.class, () -> ShardRows.open(Path.of(idx.toString().replace(".json", ".npy")), "0".repeat(64), 90, 0));
  }

  @Test
  void rowsOfAShardOverTheHeapLimitAreServedFromTheMapping() throws Exception {
    int w = 512;
    int n = (int) (ShardRows.HEAP_BYTES / (4 * w)) + 10; // just over the heap limit
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "images", w);
    for (int b = 0; b < 4; b++) {
      List<String> keys = new ArrayList<>();
      float[][] rows = new float[n / 4 + 1][];
      for (int i = 0; i < rows.length; i++) {
        keys.add("k" + (b * rows.length + i));
        rows[i] = row(b * rows.length + i, w);
      }
      c.put(keys, rows);
    }
    c.compact(2);
    assertEquals(1, shardFiles(c.dir(), ".json"));
    EmbeddingCache re = EmbeddingCache.open(tmp, "fp", "images", w);
    assertArrayEquals(new int[] {1, 1}, re.shardCounts(), "one shard, mapped");
    assertArrayEquals(row(7, w), re.get("k7"));
    float[] copy = re.get("k8");
    copy[0] = -1;
    assertArrayEquals(row(8, w), re.get("k8"), "get returns a copy");
  }
}
