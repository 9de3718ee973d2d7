package io.clipwb.core.cache;

import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
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
 * <p>Keys are opaque strings built by the caller: for images the preprocessing and the SHA-256 of the
 * file's bytes (content-addressed, so a copy or a renamed folder hits; digests come from the root's
 * {@link DigestIndex}, see {@link #digests()}); for texts the exact prompt.
 *
 * <p>Memory and size limits (a 1.3M × 512 ImageNet-train cache is 2.66 GB of floats): rows are not
 * kept as one {@code float[]} per key; each shard's rows stay where {@link ShardRows} put them — on
 * the heap for small shards (one batch), memory-mapped for large ones — and the heap holds only the
 * key → (shard, row) map. Shards are hashed through mappings (never one {@code byte[]} of a file, so
 * a foreign shard over 2 GiB opens), and compaction streams its output into shards of at most
 * {@link #MAX_SHARD_BYTES}.
 *
 * <p>Several processes may share one cache folder (two CLI runs, the CLI next to the GUI). Shards
 * get unique names (time, sequence, process id), so writers never collide; opening (listing,
 * reading, deleting corrupt shards) and {@link #compact} hold an exclusive lock on
 * {@code <space>/.lock} ({@link FileChannel#lock()}, plus an in-process lock because a JVM may not
 * hold two locks on one file), and compaction deletes only the shards whose rows it read into the
 * merged shard: a shard another process writes after the listing is left alone, so nobody's work is
 * lost.
 *
 * <p>{@link #get} returns a copy: the cached rows cannot be changed through it (a mapped shard is
 * read-only besides). Copying a 512-float
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
  /** Where a key's row is: a shard's rows and the row's index in it. */
  private record Row(ShardRows shard, int index) {}

  /** The largest shard compaction writes, in bytes of float data (rows are split over several shards above it). */
  static final long MAX_SHARD_BYTES = 1L << 30;

  private final Map<String, Row> entries = new ConcurrentHashMap<>();
  /**
   * Index files (shard-*.json) whose rows are all in {@link #entries}, with those rows: the only
   * shards compaction may delete.
   */
  private final Map<Path, ShardRows> knownShards = new ConcurrentHashMap<>();
  private long maxShardBytes = MAX_SHARD_BYTES;
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
      ShardIndex.Index n = readIndex(idx);
      ShardRows.Opened o = ShardRows.open(npy, n.sha256());
      ShardRows rows = o.rows();
      int w = rows.cols();
      if (width > 0 && w != width) throw new IOException("rows of width " + w + " where the cache holds width " + width);
      List<String> keys = n.keys();
      if (keys == null || keys.size() != rows.rows()) throw new IOException("index lists a different number of rows");
      if (width == 0) width = w;
      for (int i = 0; i < rows.rows(); i++) entries.put(keys.get(i), new Row(rows, i));
      knownShards.put(idx, rows);
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
    Row r = entries.get(key);
    if (r == null) return null;
    float[] out = new float[r.shard().cols()];
    r.shard().copyRow(r.index(), out);
    return out;
  }

  /** How many shards hold rows of this cache, and how many of them are memory-mapped (the rest are on the heap). */
  public int[] shardCounts() {
    int mapped = 0;
    for (ShardRows r : knownShards.values()) if (!r.onHeap()) mapped++;
    return new int[] {knownShards.size(), mapped};
  }

  /** Test hook: a smaller cap on the shards compaction writes. */
  void maxShardBytes(long bytes) {
    this.maxShardBytes = bytes;
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
    byte[] bytes = Npy.encode(rows);
    String sha = sha256(bytes);
    Path index = writeShard(newStem(), out -> out.write(bytes), sha, keys);
    width = w;
    ShardRows stored = bytes.length <= ShardRows.HEAP_BYTES ? ShardRows.ofRows(rows, w) : mapWritten(index);
    for (int i = 0; i < rows.length; i++) entries.put(keys.get(i), new Row(stored, i));
    knownShards.put(index, stored);
  }

  /** The rows of a shard this process has just written (and hashed while writing): mapped, not verified again. */
  private ShardRows mapWritten(Path index) {
    try {
      return ShardRows.open(npyOf(index), null).rows();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back the shard " + index + " just written: " + e.getMessage(), e);
    }
  }

  private static String newStem() {
    return String.format("shard-%013d-%06d-%d", System.currentTimeMillis(), SEQ.incrementAndGet(), ProcessHandle.current().pid());
  }

  /** Writes {@code <stem>.npy} (streamed) and then its index, both atomically; returns the index's path. */
  private Path writeShard(String stem, AtomicFiles.Body npyBody, String sha, List<String> keys) {
    AtomicFiles.write(dir.resolve(stem + ".npy"), npyBody);
    return writeIndex(stem, sha, keys);
  }

  /** Writes a shard's index atomically, streamed ({@link ShardIndex}). */
  private Path writeIndex(String stem, String sha, List<String> keys) {
    Path index = dir.resolve(stem + ".json");
    AtomicFiles.write(index, out -> ShardIndex.write(out, sha, keys, Map.of()));
    return index;
  }

  private static ShardIndex.Index readIndex(Path idx) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(idx)) {
      return ShardIndex.read(in);
    }
  }

  /**
   * Merges the small shards when there are at least {@code minShards} shard files (a 50,000-image
   * run leaves ~1,500), so the next open reads a few files. Under the folder lock: shards other
   * processes wrote since this cache was opened are read first; every shard holding fewer than half
   * the rows of a full shard is merged; the merged rows are written complete, in shards of at most
   * {@link #MAX_SHARD_BYTES} (1 GiB) of floats each, streamed (never one array of all rows), then
   * exactly the shards that went into them are deleted. Full shards are left as they are, so a large
   * cache is not rewritten for every run. Crash-safe: duplicate keys across shards are harmless.
   */
  public synchronized void compact(int minShards) {
    locked(() -> {
      List<Path> indices = listIndices();
      if (indices.size() < minShards || width == 0) return;
      long maxRows = Math.max(1, maxShardBytes / (4L * width));
      List<Path> merged = new ArrayList<>();
      for (Path idx : indices) {
        if (!knownShards.containsKey(idx) && !readShard(idx, false)) continue;
        ShardRows r = knownShards.get(idx);
        if (r != null && r.rows() < (maxRows + 1) / 2) merged.add(idx);
      }
      if (merged.size() >= 2) mergeShards(merged, maxRows);
      deleteOldOrphans();
    });
  }

  private void mergeShards(List<Path> merged, long maxRows) {
    Set<ShardRows> from = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Path idx : merged) from.add(knownShards.get(idx));
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, Row> e : entries.entrySet()) {
      if (from.contains(e.getValue().shard())) keys.add(e.getKey());
    }
    for (int start = 0; start < keys.size(); start += (int) maxRows) {
      List<String> part = keys.subList(start, (int) Math.min(keys.size(), start + maxRows));
      writeMerged(part);
    }
    for (Path idx : merged) {
      delete(idx);
      delete(npyOf(idx));
      knownShards.remove(idx);
    }
  }

  /** Streams the rows of {@code keys} into one new shard and points their entries at it. */
  private void writeMerged(List<String> keys) {
    int w = width;
    MessageDigest md = ShardRows.sha256();
    String stem = newStem();
    AtomicFiles.write(dir.resolve(stem + ".npy"), raw -> {
      DigestOutputStream out = new DigestOutputStream(raw, md);
      out.write(Npy.float32MatrixHeader(keys.size(), w));
      ByteBuffer b = ByteBuffer.allocate(4 * w).order(ByteOrder.LITTLE_ENDIAN);
      float[] row = new float[w];
      for (String k : keys) {
        Row r = entries.get(k);
        r.shard().copyRow(r.index(), row);
        b.clear();
        b.asFloatBuffer().put(row);
        out.write(b.array(), 0, 4 * w);
      }
      out.flush();
    });
    Path index = writeIndex(stem, HexFormat.of().formatHex(md.digest()), keys);
    ShardRows rows = mapWritten(index);
    for (int i = 0; i < keys.size(); i++) entries.put(keys.get(i), new Row(rows, i));
    knownShards.put(index, rows);
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
