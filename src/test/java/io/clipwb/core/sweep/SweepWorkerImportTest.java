package io.clipwb.core.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster side's engine-free parts without Spark: a task's worker writes shards the desktop's own
 * cache loader reads, keyed as the plan says; a size mismatch, other content or a missing file is a recorded
 * failure, never a row; the import takes only finished (marked) folders and only valid listed
 * shards, and changes nothing the second time.
 */
class SweepWorkerImportTest {
  private static final Path IMAGES = Path.of("sample-data/data/test/images");
  private static final String FP = "0123456789abcdef0123456789abcdef";

  /** A stand-in tower of width 4: sums of each channel plane, and the batch size (so rows tell images apart). */
  private static final class SumEncoder implements ImageEncoder {
    int batches;

    @Override
    public float[][] encode(ImageBatch b) {
      batches++;
      int plane = b.height() * b.width();
      float[][] out = new float[b.count()][4];
      for (int n = 0; n < b.count(); n++) {
        for (int c = 0; c < 3; c++) {
          double s = 0;
          for (int i = 0; i < plane; i++) s += b.pixels()[(n * 3 + c) * plane + i];
          out[n][c] = (float) s;
        }
        out[n][3] = 1f;
      }
      return out;
    }

    @Override
    public void close() {}
  }

  /** The v2 image key, re-stated from its recipe: sha256(preprocessing key | hex sha256 of the file's bytes). */
  private static String contentKey(Preprocessing pre, Path file) throws Exception {
    java.util.HexFormat hex = java.util.HexFormat.of();
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    String content = hex.formatHex(md.digest(Files.readAllBytes(file)));
    return hex.formatHex(md.digest((pre.cacheKey() + "|" + content).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static SweepPlan.Image line(String key, Path file, long size) throws Exception {
    return new SweepPlan.Image(key, file.toAbsolutePath().toString(), size, 0L, "test", file.getFileName().toString());
  }

  @Test
  void workerWritesCacheShardsUnderPlanKeysAndImportIsIdempotent(@TempDir Path tmp) throws Exception {
    Path a = IMAGES.resolve("00000_circle.png");
    Path b = IMAGES.resolve("00001_square.png");
    Preprocessing pre = Preprocessing.clip(16);
    String keyA = contentKey(pre, a);
    String keyB = contentKey(pre, b);
    // the same size as a, one byte changed: planned as a, so its bytes give another key
    byte[] other = Files.readAllBytes(a);
    other[other.length - 1] ^= 1;
    Path forged = Files.write(tmp.resolve("forged.png"), other);
    List<String> lines = List.of(
        SweepPlan.line(line(keyA, a, Files.size(a))),
        SweepPlan.line(line("key-changed", b, Files.size(b) + 1)),
        SweepPlan.line(line("key-missing", tmp.resolve("gone.png"), 10)),
        SweepPlan.line(line(keyA, forged, Files.size(forged))),
        SweepPlan.line(line(keyB, b, Files.size(b))));
    Path sweep = tmp.resolve("sweep");
    Path images = sweep.resolve(SweepPlanner.cacheDir(FP)).resolve(SweepOutput.SPACE);
    SumEncoder enc = new SumEncoder();
    SweepWorker.Result r = SweepWorker.run(lines.iterator(), pre, enc, SweepWorker.localFiles(), ShardFiles.folder(images),
        new SweepWorker.Options(1, 1, "app-p00001-a0", 10), Map.of("engine", "test"), 1, 0);

    assertEquals(5, r.images());
    assertEquals(2, r.rows());
    assertEquals(3, r.failed());
    assertTrue(r.failures().get(0).reason().contains("where the plan says"), r.failures().toString());
    assertEquals("file not found", r.failures().get(1).reason());
    assertTrue(r.failures().get(2).reason().startsWith("content differs"), r.failures().toString());
    assertEquals(List.of("shard-app-p00001-a0-0000.json", "shard-app-p00001-a0-0001.json"), r.shards().stream().map(ShardFiles.Written::name).toList());
    assertEquals(2, enc.batches);

    // the desktop's cache loader reads the task's shards as its own (extra "producer" field and all)
    EmbeddingCache direct = EmbeddingCache.open(sweep, FP, SweepOutput.SPACE, 4);
    assertEquals(0, direct.corruptShards());
    assertEquals(2, direct.size());
    float[] rowB = direct.get(keyB);
    assertEquals(1f, rowB[3]);
    assertFalse(java.util.Arrays.equals(direct.get(keyA), rowB), "rows follow their keys");

    // no marker yet: the import leaves the folder alone
    Path cache = tmp.resolve("cache");
    SweepImport.Result unfinished = SweepImport.run(sweep, cache);
    assertEquals("unfinished", unfinished.models().get(0).status());
    assertFalse(unfinished.clean());
    assertEquals(0, unfinished.imported());

    SweepPlan.Model model = new SweepPlan.Model("m", FP, SweepPlanner.cacheDir(FP), "bundle", false, 4, pre, "00-m.jsonl", 5, List.of());
    Files.write(sweep.resolve(SweepPlanner.cacheDir(FP)).resolve(SweepOutput.MARKER), SweepOutput.toJson(SweepOutput.marker(model, "app", List.of(r))));
    // a shard of a failed attempt, not in the marker: ignored
    Files.writeString(images.resolve("shard-other-attempt.json"), "{}");

    SweepImport.Result first = SweepImport.run(sweep, cache);
    assertTrue(first.clean(), first.toString());
    assertEquals(2, first.imported());
    assertEquals(2, first.rows());
    EmbeddingCache local = EmbeddingCache.open(cache, FP, SweepOutput.SPACE, 4);
    assertEquals(2, local.size());
    assertArrayEquals(rowB, local.get(keyB));

    SweepImport.Result second = SweepImport.run(sweep, cache);
    assertEquals(0, second.imported());
    assertEquals(2, second.present());
    assertEquals(2, EmbeddingCache.open(cache, FP, SweepOutput.SPACE, 4).size());

    // a listed shard whose bytes changed is refused, the others still come in
    Path npy = images.resolve("shard-app-p00001-a0-0000.npy");
    byte[] bytes = Files.readAllBytes(npy);
    bytes[bytes.length - 1] ^= 1;
    Files.write(npy, bytes);
    SweepImport.Result bad = SweepImport.run(sweep, tmp.resolve("cache2"));
    assertEquals("invalid", bad.models().get(0).status());
    assertEquals(1, bad.corrupt());
    assertEquals(1, bad.imported());
  }

  @Test
  void pathMapRewritesTheLongestPrefix() {
    PathMap m = PathMap.parse(List.of("/data=/mnt/a", "/data/imagenet=s3a://bucket/in"));
    assertEquals("s3a://bucket/in/val/x.JPEG", m.apply(Path.of("/data/imagenet/val/x.JPEG")));
    assertEquals("/mnt/a/other/y.png", m.apply(Path.of("/data/other/y.png")));
    assertEquals("/database/z.png", m.apply(Path.of("/database/z.png")));
    assertEquals("/elsewhere/z.png", PathMap.identity().apply(Path.of("/elsewhere/z.png")));
  }
}
