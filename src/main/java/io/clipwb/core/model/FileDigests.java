package io.clipwb.core.model;

import io.clipwb.core.cache.DigestIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of files, streamed, remembered by their stamp (absolute path, size, modification time in
 * nanoseconds, inode) in an append-only {@link DigestIndex}.
 *
 * <p>Why: a bundle's fingerprint covers its tower files, and a ViT-B/32 image tower is ~350 MB.
 * Rehashing it on every load would cost about a second per run; instead a digest is reused while
 * the file keeps its stamp (the same change test the embedding cache applies to images, whose keys
 * are content digests from the same index). Separate CLI runs share the index file; a torn or damaged
 * line is ignored.
 *
 * <p>An instance, not static state, so that tests and a long-running GUI decide where (and
 * whether) digests are stored. {@link #atDefaultLocation()} is the CLI's: system property
 * {@code clipwb.hashCache} (a file path, or {@code off}), default
 * {@code <cache root>/}{@value DigestIndex#FILE_NAME} ({@link io.clipwb.core.cache.CacheLocation#defaultRoot()}),
 * the same file as {@link DigestIndex#forCacheRoot} of the default cache root; one instance per
 * location and process. (Until 2026-11 digests lived in a JSON file rewritten per new digest,
 * {@code file-sha256.json}; it is no longer read: each file is hashed once more.)
 */
public final class FileDigests {
  private static final Path OFF = Path.of("");
  private static final Map<Path, FileDigests> BY_LOCATION = new ConcurrentHashMap<>();

  private final Path diskFile;
  private final DigestIndex index;

  /**
   * Digests remembered in memory and appended to {@code diskFile} (a {@link DigestIndex}: read on
   * first use, one line appended per new digest); {@code null} keeps them in memory only.
   */
  public FileDigests(Path diskFile) {
    this.diskFile = diskFile == null ? null : diskFile.toAbsolutePath().normalize();
    this.index = diskFile == null ? DigestIndex.inMemory() : DigestIndex.at(diskFile);
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

  /** The digest index behind this instance (image cache keys use it too). */
  public DigestIndex index() {
    return index;
  }

  /** The hex SHA-256 of a file's bytes (cached; see the class comment). */
  public String sha256(Path file) {
    try {
      return index.sha256(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath().normalize() + ": " + e.getMessage(), e);
    }
  }

  /** The hex SHA-256 of bytes. */
  public static String sha256Hex(byte[] bytes) {
    return io.clipwb.core.io.Sha256.hex(bytes);
  }

  private static Path defaultFile() {
    String p = System.getProperty("clipwb.hashCache");
    if (p != null && p.equalsIgnoreCase("off")) return null;
    if (p != null && !p.isBlank()) return Path.of(p);
    if (System.getProperty("user.home") == null) return null;
    return io.clipwb.core.cache.CacheLocation.defaultRoot().resolve(DigestIndex.FILE_NAME);
  }
}
