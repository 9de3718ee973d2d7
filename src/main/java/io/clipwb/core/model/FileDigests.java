package io.clipwb.core.model;

import com.fasterxml.jackson.core.type.TypeReference;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 of files, streamed, remembered by (absolute path, size, modification time).
 *
 * <p>Why: a bundle's fingerprint covers its tower files, and a ViT-B/32 image tower is ~350 MB.
 * Rehashing it on every load would cost about a second per run; instead a digest is reused while
 * the file keeps its size and modification time (the same change test the embedding cache applies
 * to images). An instance keeps its digests in memory and, when given a file, in a small JSON file
 * so that separate CLI runs share them. A damaged cache file is ignored and rewritten.
 *
 * <p>An instance, not static state, so that tests and a long-running GUI decide where (and
 * whether) digests are stored. {@link #atDefaultLocation()} is the CLI's: system property
 * {@code clipwb.hashCache} (a file path, or {@code off}), default
 * {@code <cache root>/file-sha256.json} ({@link io.clipwb.core.cache.CacheLocation#defaultRoot()}); one instance per location and process.
 */
public final class FileDigests {
  private static final Logger LOG = LoggerFactory.getLogger(FileDigests.class);
  private static final Path OFF = Path.of("");
  private static final Map<Path, FileDigests> BY_LOCATION = new ConcurrentHashMap<>();

  private final Path diskFile;
  private final Map<String, String> memory = new ConcurrentHashMap<>();
  private boolean diskLoaded;

  /**
   * Digests remembered in memory and in {@code diskFile} (read on first use, rewritten after each
   * new digest); {@code null} keeps them in memory only.
   */
  public FileDigests(Path diskFile) {
    this.diskFile = diskFile;
  }

  /** Digests kept in memory only, for this instance's lifetime. */
  public static FileDigests inMemory() {
    return new FileDigests(null);
  }

  /** The process-wide instance for the configured location (see the class comment). */
  public static FileDigests atDefaultLocation() {
    Path f = defaultFile();
    return BY_LOCATION.computeIfAbsent(f == null ? OFF : f.toAbsolutePath().normalize(),
        k -> new FileDigests(k == OFF ? null : k));
  }

  /** The file this instance persists to, or {@code null} when it keeps digests in memory only. */
  public Path diskFile() {
    return diskFile;
  }

  /** The hex SHA-256 of a file's bytes (cached; see the class comment). */
  public String sha256(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(abs, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + abs + ": " + e.getMessage(), e);
    }
    String key = abs + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis();
    loadDisk();
    String hit = memory.get(key);
    if (hit != null) return hit;
    String digest = hashFile(abs);
    memory.put(key, digest);
    saveDisk();
    return digest;
  }

  /** The hex SHA-256 of bytes. */
  public static String sha256Hex(byte[] bytes) {
    return io.clipwb.core.io.Sha256.hex(bytes);
  }

  private static String hashFile(Path file) {
    return io.clipwb.core.io.Sha256.file(file);
  }

  private static Path defaultFile() {
    String p = System.getProperty("clipwb.hashCache");
    if (p != null && p.equalsIgnoreCase("off")) return null;
    if (p != null && !p.isBlank()) return Path.of(p);
    if (System.getProperty("user.home") == null) return null;
    return io.clipwb.core.cache.CacheLocation.defaultRoot().resolve("file-sha256.json");
  }

  private synchronized void loadDisk() {
    if (diskLoaded) return;
    diskLoaded = true;
    if (diskFile == null || !Files.isRegularFile(diskFile)) return;
    try {
      Map<String, String> m = Json.mapper().readValue(diskFile.toFile(), new TypeReference<Map<String, String>>() {});
      m.forEach(memory::putIfAbsent);
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable digest cache {}: {}", diskFile, e.getMessage());
    }
  }

  private synchronized void saveDisk() {
    if (diskFile == null) return;
    try {
      // keep only entries whose files still exist, so the cache does not grow without bound
      Map<String, String> keep = new TreeMap<>();
      memory.forEach((k, v) -> {
        String path = k.substring(0, k.lastIndexOf('|', k.lastIndexOf('|') - 1));
        if (Files.exists(Path.of(path))) keep.put(k, v);
      });
      Json.write(diskFile, keep);
    } catch (RuntimeException e) {
      LOG.warn("cannot write digest cache {}: {}", diskFile, e.getMessage());
    }
  }
}
