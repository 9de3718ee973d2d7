package io.clipwb.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding cache behind "one pass, every analysis": embeddings computed once per
 * (model fingerprint, key) and kept on disk, so every metric, prompt change and plot is recomputed
 * from it without touching the model.
 *
 * <p>Layout: {@code <root>/<model-fingerprint>/<space>/shard-*.npy} (float32 rows) each with a
 * {@code shard-*.json} index ({@code keys} in row order and the SHA-256 of the .npy bytes). A shard is
 * written after its batch is encoded: the .npy first, then its index, both atomically (temp + fsync +
 * rename). A run killed at any point therefore leaves only complete shards, or an .npy without index
 * that is ignored; a resumed run recomputes exactly the rows that were not written. A shard whose
 * bytes do not match its checksum (or whose shape disagrees with its keys) is reported, deleted and
 * recomputed — never trusted.
 *
 * <p>Keys are opaque strings built by the caller: for images the preprocessing, absolute path, size
 * and modification time (so a changed image is recomputed); for texts the exact prompt.
 */
public final class EmbeddingCache {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
  private static final AtomicLong SEQ = new AtomicLong();

  private final Path dir;
  private final Map<String, float[]> entries = new ConcurrentHashMap<>();
  private int corruptShards;
  private int shardCount;

  private EmbeddingCache(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens (creating if needed) the cache of one model and one key space ("images", "texts",
   * "patches"...), loading and verifying every shard.
   */
  public static EmbeddingCache open(Path root, String modelFingerprint, String space) {
    Path dir = root.resolve(shortHash(modelFingerprint)).resolve(space);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create cache folder " + dir + ": " + e.getMessage(), e);
    }
    EmbeddingCache c = new EmbeddingCache(dir);
    c.load();
    return c;
  }

  private static String shortHash(String fp) {
    return fp.length() > 16 ? fp.substring(0, 16) : fp;
  }

  private void load() {
    List<Path> indices;
    try (Stream<Path> s = Files.list(dir)) {
      indices = s.filter(p -> p.getFileName().toString().startsWith("shard-") && p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list cache folder " + dir + ": " + e.getMessage(), e);
    }
    for (Path idx : indices) {
      Path npy = Path.of(idx.toString().replaceFirst("\\.json$", ".npy"));
      try {
        JsonNode n = Json.mapper().readTree(idx.toFile());
        byte[] bytes = Files.readAllBytes(npy);
        String sha = sha256(bytes);
        if (!sha.equals(n.path("sha256").asText())) throw new IOException("checksum mismatch");
        float[][] rows = Npy.parse(bytes, npy.toString()).asFloatMatrix();
        JsonNode keys = n.get("keys");
        if (keys == null || keys.size() != rows.length) throw new IOException("index lists a different number of rows");
        for (int i = 0; i < rows.length; i++) entries.put(keys.get(i).asText(), rows[i]);
        shardCount++;
      } catch (IOException | RuntimeException e) {
        corruptShards++;
        LOG.warn("cache shard {} is corrupt ({}); it is deleted and its embeddings will be recomputed", idx, e.getMessage());
        try {
          Files.deleteIfExists(idx);
          Files.deleteIfExists(npy);
        } catch (IOException ignored) {
          // a read-only cache: the shard is skipped anyway
        }
      }
    }
  }

  public float[] get(String key) {
    return entries.get(key);
  }

  public boolean contains(String key) {
    return entries.containsKey(key);
  }

  public int size() {
    return entries.size();
  }

  /** Number of shards found corrupt (and discarded) when the cache was opened. */
  public int corruptShards() {
    return corruptShards;
  }

  public Path dir() {
    return dir;
  }

  /** Writes one shard (crash-safe) and makes its rows available. */
  public synchronized void put(List<String> keys, float[][] rows) {
    if (keys.size() != rows.length) throw new IllegalArgumentException(keys.size() + " keys for " + rows.length + " rows");
    if (keys.isEmpty()) return;
    String stem = String.format("shard-%013d-%06d-%d", System.currentTimeMillis(), SEQ.incrementAndGet(), ProcessHandle.current().pid());
    byte[] bytes = Npy.encode(rows);
    AtomicFiles.write(dir.resolve(stem + ".npy"), bytes);
    ObjectNode idx = Json.object();
    idx.put("version", 1);
    idx.put("sha256", sha256(bytes));
    ArrayNode k = idx.putArray("keys");
    keys.forEach(k::add);
    Json.write(dir.resolve(stem + ".json"), idx);
    for (int i = 0; i < rows.length; i++) entries.put(keys.get(i), rows[i]);
    shardCount++;
  }

  /**
   * Merges all shards into one when there are many (a 50,000-image run leaves ~1,500), so the next
   * open reads one file. Crash-safe: the merged shard is complete before the old ones are removed,
   * and duplicate keys across shards are harmless.
   */
  public synchronized void compact(int minShards) {
    if (shardCount < minShards) return;
    List<Path> old;
    try (Stream<Path> s = Files.list(dir)) {
      old = s.filter(p -> p.getFileName().toString().startsWith("shard-")).toList();
    } catch (IOException e) {
      LOG.warn("cannot compact cache {}: {}", dir, e.getMessage());
      return;
    }
    List<String> keys = new ArrayList<>(entries.keySet());
    float[][] rows = new float[keys.size()][];
    for (int i = 0; i < rows.length; i++) rows[i] = entries.get(keys.get(i));
    shardCount = 0;
    put(keys, rows);
    for (Path p : old) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        LOG.warn("cannot delete old cache shard {}: {}", p, e.getMessage());
      }
    }
    shardCount = 1;
  }

  public static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }

  public static String sha256(String text) {
    return Sha256.hex(text);
  }
}
