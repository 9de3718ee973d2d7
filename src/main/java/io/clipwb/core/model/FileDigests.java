package io.clipwb.core.model;

import com.fasterxml.jackson.core.type.TypeReference;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 * to images). Digests are kept in memory and, unless disabled, in a small JSON file so that separate
 * CLI runs share them: system property {@code clipwb.hashCache} (a file path, or {@code off}),
 * default {@code ~/.cache/clipwb/file-sha256.json}. A damaged cache file is ignored and rewritten.
 */
public final class FileDigests {
  private static final Logger LOG = LoggerFactory.getLogger(FileDigests.class);
  private static final Map<String, String> MEMORY = new ConcurrentHashMap<>();
  private static volatile boolean diskLoaded;

  private FileDigests() {}

  /** The hex SHA-256 of a file's bytes (cached; see the class comment). */
  public static String sha256(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(abs, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + abs + ": " + e.getMessage(), e);
    }
    String key = abs + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis();
    loadDisk();
    String hit = MEMORY.get(key);
    if (hit != null) return hit;
    String digest = hashFile(abs);
    MEMORY.put(key, digest);
    saveDisk();
    return digest;
  }

  /** The hex SHA-256 of bytes. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** Forgets the in-memory digests (tests). */
  static void clearMemory() {
    MEMORY.clear();
  }

  private static String hashFile(Path file) {
    MessageDigest md = newDigest();
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  private static Path diskFile() {
    String p = System.getProperty("clipwb.hashCache");
    if (p != null && p.equalsIgnoreCase("off")) return null;
    if (p != null && !p.isBlank()) return Path.of(p);
    String home = System.getProperty("user.home");
    return home == null ? null : Path.of(home, ".cache", "clipwb", "file-sha256.json");
  }

  private static synchronized void loadDisk() {
    if (diskLoaded) return;
    diskLoaded = true;
    Path f = diskFile();
    if (f == null || !Files.isRegularFile(f)) return;
    try {
      Map<String, String> m = Json.mapper().readValue(f.toFile(), new TypeReference<Map<String, String>>() {});
      m.forEach(MEMORY::putIfAbsent);
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable digest cache {}: {}", f, e.getMessage());
    }
  }

  private static synchronized void saveDisk() {
    Path f = diskFile();
    if (f == null) return;
    try {
      // keep only entries whose files still exist, so the cache does not grow without bound
      Map<String, String> keep = new TreeMap<>();
      MEMORY.forEach((k, v) -> {
        String path = k.substring(0, k.lastIndexOf('|', k.lastIndexOf('|') - 1));
        if (Files.exists(Path.of(path))) keep.put(k, v);
      });
      Json.write(f, keep);
    } catch (RuntimeException e) {
      LOG.warn("cannot write digest cache {}: {}", f, e.getMessage());
    }
  }
}
