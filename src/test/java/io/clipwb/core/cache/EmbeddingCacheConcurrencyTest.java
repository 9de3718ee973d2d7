package io.clipwb.core.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache safety across processes and against callers that modify what they got. */
class EmbeddingCacheConcurrencyTest {
  @TempDir Path tmp;

  /** The row written for key {@code prefix + i}: distinct per key, computed independently of the cache. */
  static float[] row(String prefix, int i) {
    float p = prefix.charAt(0);
    return new float[] {p, i, p * 1000 + i, -i};
  }

  @Test
  void twoProcessesWritingAndCompactingLoseNothing() throws Exception {
    int count = 60;
    Process a = child("a", count);
    Process b = child("b", count);
    assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS), "children finished");
    assertEquals(0, a.exitValue(), "writer a exit status");
    assertEquals(0, b.exitValue(), "writer b exit status");
    EmbeddingCache c = EmbeddingCache.open(tmp, "shared-fp", "images", 4);
    assertEquals(0, c.corruptShards());
    for (String prefix : List.of("a", "b")) {
      for (int i = 0; i < count; i++) {
        float[] got = c.get(prefix + i);
        assertNotNull(got, "key " + prefix + i + " survived the other process's compaction");
        assertArrayEquals(row(prefix, i), got);
      }
    }
    assertEquals(2 * count, c.size());
  }

  private Process child(String prefix, int count) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CacheWriterMain.class.getName(), tmp.toString(), prefix, Integer.toString(count));
    pb.redirectErrorStream(true);
    pb.redirectOutput(tmp.resolve("child-" + prefix + ".log").toFile());
    return pb.start();
  }

  @Test
  void compactionKeepsAnotherCachesShard() throws Exception {
    // the case: A writes k1, B writes k2, A compacts; k2 must survive
    EmbeddingCache a = EmbeddingCache.open(tmp, "fp", "images");
    EmbeddingCache b = EmbeddingCache.open(tmp, "fp", "images");
    a.put(List.of("k1"), new float[][] {{1, 1}});
    b.put(List.of("k2"), new float[][] {{2, 2}});
    a.compact(1);
    EmbeddingCache reopened = EmbeddingCache.open(tmp, "fp", "images");
    assertArrayEquals(new float[] {1, 1}, reopened.get("k1"));
    assertArrayEquals(new float[] {2, 2}, reopened.get("k2"));
  }

  @Test
  void getReturnsACopy() {
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "texts");
    float[] in = {1, 2, 3};
    c.put(List.of("x"), new float[][] {in});
    in[0] = 99;
    float[] out = c.get("x");
    out[1] = 99;
    assertArrayEquals(new float[] {1, 2, 3}, c.get("x"));
    assertNull(c.get("missing"));
  }

  @Test
  void shardOfAnotherWidthIsDiscarded() throws Exception {
    EmbeddingCache narrow = EmbeddingCache.open(tmp, "fp", "images");
    narrow.put(List.of("n"), new float[][] {{1, 2}});
    EmbeddingCache wide = EmbeddingCache.open(tmp, "fp", "images", 3);
    assertEquals(1, wide.corruptShards());
    assertEquals(0, wide.size());
    assertEquals(3, wide.width());
    try (var s = Files.list(wide.dir())) {
      assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("shard-")).count(), "the mismatching shard is deleted");
    }
  }

  @Test
  void float64ShardIsDiscarded() throws Exception {
    EmbeddingCache c = EmbeddingCache.open(tmp, "fp", "images");
    c.put(List.of("a"), new float[][] {{1, 2}});
    Path npy;
    try (var s = Files.list(c.dir())) {
      npy = s.filter(p -> p.toString().endsWith(".npy")).findFirst().orElseThrow();
    }
    byte[] f8 = io.clipwb.core.io.Npy.encode(new double[][] {{1, 2}});
    Files.write(npy, f8);
    Path idx = Path.of(npy.toString().replace(".npy", ".json"));
    Files.writeString(idx, "{\"version\":1,\"sha256\":\"" + EmbeddingCache.sha256(f8) + "\",\"keys\":[\"a\"]}");
    EmbeddingCache reopened = EmbeddingCache.open(tmp, "fp", "images", 2);
    assertEquals(1, reopened.corruptShards());
    assertEquals(0, reopened.size());
  }

}
