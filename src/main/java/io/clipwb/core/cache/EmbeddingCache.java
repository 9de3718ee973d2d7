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
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>Several processes may share one cache folder (two CLI runs, the CLI next to the GUI). Shards
 * get unique names (time, sequence, process id), so writers never collide; opening (listing,
 * reading, deleting corrupt shards) and {@link #compact} hold an exclusive lock on
 * {@code <space>/.lock} ({@link FileChannel#lock()}, plus an in-process lock because a JVM may not
 * hold two locks on one file), and compaction deletes only the shards whose rows it read into the
 * merged shard: a shard another process writes after the listing is left alone, so nobody's work is
 * lost.
 *
 * <p>{@link #get} returns a copy: the cached rows cannot be changed through it. Copying a 512-float
 * row measured 2.5-7 µs on the shared 2-core test machine under heavy load, against about 7 ms to
 * decode and preprocess one ImageNet JPEG ({@code docs/throughput.md}): under 0.1 %. Every shard must
 * hold float32 rows of the cache's width (given to {@link #open(Path, String, String, int)},
 * otherwise taken from the first valid shard); a shard of another shape or dtype is discarded like
 * one that fails its checksum.
 */
public final class EmbeddingCache {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
  private static final AtomicLong SEQ = new AtomicLong();
  /** Orphan .npy files (a writer killed before its index) older than this are removed on compaction. */
  private static final long ORPHAN_AGE_MS = 3_600_000L;
  /**
   * In-process locks, one per cache folder: {@link FileChannel#lock()} is held per JVM, so threads
   * (or two caches on one folder) of this process serialise here first. Grows with the number of
   * distinct folders opened, a handful per process.
   */
  private static final Map<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final DigestIndex digests;
  private final Map<String, float[]> entries = new ConcurrentHashMap<>();
  /** Index files (shard-*.json) whose rows are all in {@link #entries}: the only ones compaction may delete. */
  private final Set<Path> knownShards = ConcurrentHashMap.newKeySet();
  private volatile int width;
  private int corruptShards;

  private EmbeddingCache(Path dir, DigestIndex digests, int width) {
    this.dir = dir;
    this.digests = digests;
    this.width = width;
  }

  /**
   * Opens (creating if needed) the cache of one model and one key space ("images", "texts",
   * "patches"...), loading and verifying every shard. The row width is taken from the first valid
   * shard (or the first {@link #put}).
   */
  public static EmbeddingCache open(Path root, String modelFingerprint, String space) {
    return open(root, modelFingerprint, space, 0);
  }

  /**
   * As {@link #open(Path, String, String)}, with the expected row width (the embedding size);
   * shards of any other width are discarded as corrupt. {@code width <= 0}: not known.
   */
  public static EmbeddingCache open(Path root, String modelFingerprint, String space, int width) {
    Path dir = root.resolve(shortHash(modelFingerprint)).resolve(space);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create cache folder " + dir + ": " + e.getMessage(), e);
    }
    EmbeddingCache c = new EmbeddingCache(dir, DigestIndex.forCacheRoot(root), Math.max(0, width));
    c.locked(() -> {
      for (Path idx : c.listIndices()) c.readShard(idx, true);
    });
    return c;
  }

  private static String shortHash(String fp) {
    return fp.length() > 16 ? fp.substring(0, 16) : fp;
  }

  private List<Path> listIndices() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("shard-") && p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list cache folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Path npyOf(Path idx) {
    return Path.of(idx.toString().replaceFirst("\\.json$", ".npy"));
  }

  /**
   * Reads one shard into {@link #entries} (existing keys keep their rows) and marks it known.
   * Call with the folder lock held. A corrupt shard is deleted when {@code deleteCorrupt}.
   */
  private boolean readShard(Path idx, boolean deleteCorrupt) {
    Path npy = npyOf(idx);
    try {
      JsonNode n = Json.mapper().readTree(idx.toFile());
      byte[] bytes = Files.readAllBytes(npy);
      String sha = sha256(bytes);
      if (!sha.equals(n.path("sha256").asText())) throw new IOException("checksum mismatch");
      Npy.NpyArray a = Npy.parse(bytes, npy.toString());
      if (!a.dtype().equals("<f4") || a.ndim() != 2) {
        throw new IOException("expected a float32 matrix, found dtype " + a.dtype() + " with " + a.ndim() + " dimensions");
      }
      int w = a.shape()[1];
      if (width > 0 && w != width) throw new IOException("rows of width " + w + " where the cache holds width " + width);
      float[][] rows = a.asFloatMatrix();
      JsonNode keys = n.get("keys");
      if (keys == null || keys.size() != rows.length) throw new IOException("index lists a different number of rows");
      if (width == 0) width = w;
      for (int i = 0; i < rows.length; i++) entries.put(keys.get(i).asText(), rows[i]);
      knownShards.add(idx);
      return true;
    } catch (NoSuchFileException e) {
      // compacted away by another process between listing and reading (cannot happen under the lock)
      return false;
    } catch (IOException | RuntimeException e) {
      corruptShards++;
      LOG.warn("cache shard {} is corrupt ({}); {}", idx, e.getMessage(),
          deleteCorrupt ? "it is deleted and its embeddings will be recomputed" : "it is skipped");
      if (deleteCorrupt) {
        try {
          Files.deleteIfExists(idx);
          Files.deleteIfExists(npy);
        } catch (IOException ignored) {
          // a read-only cache: the shard is skipped anyway
        }
      }
      return false;
    }
  }

  /** A copy of the cached row, or null. Changing the copy does not change the cache. */
  public float[] get(String key) {
    float[] r = entries.get(key);
    return r == null ? null : r.clone();
  }

  public boolean contains(String key) {
    return entries.containsKey(key);
  }

  public int size() {
    return entries.size();
  }

  /** The row width (embedding size), or 0 while the cache is empty and no width was given. */
  public int width() {
    return width;
  }

  /** Number of shards found corrupt (and discarded) when the cache was opened or compacted. */
  public int corruptShards() {
    return corruptShards;
  }

  public Path dir() {
    return dir;
  }

  /** The content-digest index of this cache's root, shared by every model and space under it (image keys use it). */
  public DigestIndex digests() {
    return digests;
  }

  /** Writes one shard (crash-safe) and makes its rows available. The rows are copied. */
  public synchronized void put(List<String> keys, float[][] rows) {
    if (keys.size() != rows.length) throw new IllegalArgumentException(keys.size() + " keys for " + rows.length + " rows");
    if (keys.isEmpty()) return;
    int w = width > 0 ? width : rows[0].length;
    for (float[] r : rows) {
      if (r.length != w) throw new IllegalArgumentException("row of width " + r.length + " in a cache of width " + w);
    }
    String stem = String.format("shard-%013d-%06d-%d", System.currentTimeMillis(), SEQ.incrementAndGet(), ProcessHandle.current().pid());
    byte[] bytes = Npy.encode(rows);
    AtomicFiles.write(dir.resolve(stem + ".npy"), bytes);
    ObjectNode idx = Json.object();
    idx.put("version", 1);
    idx.put("sha256", sha256(bytes));
    ArrayNode k = idx.putArray("keys");
    keys.forEach(k::add);
    Path index = dir.resolve(stem + ".json");
    Json.write(index, idx);
    width = w;
    for (int i = 0; i < rows.length; i++) entries.put(keys.get(i), rows[i].clone());
    knownShards.add(index);
  }

  /**
   * Merges the shards into one when there are at least {@code minShards} (a 50,000-image run leaves
   * ~1,500), so the next open reads one file. Under the folder lock: shards other processes wrote
   * since this cache was opened are read first, the merged shard is written complete, then exactly
   * the shards that went into it are deleted. Crash-safe: duplicate keys across shards are harmless.
   */
  public synchronized void compact(int minShards) {
    locked(() -> {
      List<Path> indices = listIndices();
      if (indices.size() < minShards) return;
      List<Path> merged = new ArrayList<>();
      for (Path idx : indices) {
        if (knownShards.contains(idx) || readShard(idx, false)) merged.add(idx);
      }
      List<String> keys = new ArrayList<>(entries.keySet());
      float[][] rows = new float[keys.size()][];
      for (int i = 0; i < rows.length; i++) rows[i] = entries.get(keys.get(i));
      put(keys, rows);
      for (Path idx : merged) {
        delete(idx);
        delete(npyOf(idx));
        knownShards.remove(idx);
      }
      deleteOldOrphans();
    });
  }

  private void deleteOldOrphans() {
    long cutoff = System.currentTimeMillis() - ORPHAN_AGE_MS;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path npy : s.filter(p -> p.getFileName().toString().startsWith("shard-") && p.toString().endsWith(".npy")).toList()) {
        Path idx = Path.of(npy.toString().replaceFirst("\\.npy$", ".json"));
        if (!Files.exists(idx) && Files.getLastModifiedTime(npy).toMillis() < cutoff) delete(npy);
      }
    } catch (IOException e) {
      LOG.warn("cannot list cache folder {}: {}", dir, e.getMessage());
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("cannot delete old cache shard {}: {}", p, e.getMessage());
    }
  }

  /** Runs {@code body} holding this folder's in-process lock and its file lock. */
  private void locked(Runnable body) {
    ReentrantLock inProcess = PROCESS_LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
    inProcess.lock();
    try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      body.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock cache folder " + dir + ": " + e.getMessage(), e);
    } finally {
      inProcess.unlock();
    }
  }

  public static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }

  public static String sha256(String text) {
    return Sha256.hex(text);
  }
}
