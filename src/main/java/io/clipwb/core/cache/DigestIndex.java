package io.clipwb.core.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content SHA-256 of files, remembered by their <em>stamp</em> (absolute path, size, modification
 * time in nanoseconds and the file system's file key, the inode on Linux) in an append-only text
 * file, so that content-addressed cache keys cost one {@code stat} per file on a warm run instead of
 * reading every byte again.
 *
 * <p>Why content, not path: the same images under another mount point, in a renamed folder or in a
 * copy must hit the embedding cache; only their bytes say they are the same images. Why a stamp:
 * hashing is cheaper than embedding but not free (measured in {@code docs/cache.md}); a file whose
 * stamp is unchanged is assumed unchanged, the rule {@code git} and {@code make} apply. An in-place
 * rewrite that keeps the size and forges the modification time back to the nanosecond (on the same
 * inode) is therefore not detected.
 *
 * <p>File format ({@value #FILE_NAME} under the cache root), one UTF-8 line per file:
 * {@code sha256 TAB size TAB mtime-ns TAB file-key TAB escaped-absolute-path TAB crc32}, where the
 * CRC-32 (8 hex digits) covers everything before its tab. The file is read once per instance, and
 * each new digest is appended as one line (never a rewrite of the file) under an exclusive lock on
 * the file ({@link FileChannel#lock()} plus an in-process lock), so several processes may append.
 * A line a crash tore, or any line that fails its CRC, is ignored; an append after a torn tail starts
 * on a new line. Duplicate stamps are harmless (the last wins). The file only grows: deleting it is
 * always safe (the digests are recomputed).
 */
public final class DigestIndex {
  private static final Logger LOG = LoggerFactory.getLogger(DigestIndex.class);

  /** The index's file name under a cache root. */
  public static final String FILE_NAME = "file-digests-v1.tsv";

  private static final Map<Path, DigestIndex> BY_FILE = new ConcurrentHashMap<>();
  private static final Map<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();
  private static final HexFormat HEX = HexFormat.of();

  /** A stamp, reduced to 128 bits of its SHA-256 so that a million entries stay small in memory. */
  private record StampId(long hi, long lo) {}

  private final Path file;
  /** stamp id → 32 bytes of content SHA-256. */
  private final Map<StampId, byte[]> digests = new ConcurrentHashMap<>();
  private volatile boolean loaded;
  private int badLines;

  private DigestIndex(Path file) {
    this.file = file;
  }

  /** The process-wide index stored in {@code file} (created on the first append). */
  public static DigestIndex at(Path file) {
    return BY_FILE.computeIfAbsent(file.toAbsolutePath().normalize(), DigestIndex::new);
  }

  /** The index of a cache root: {@code <root>/}{@value #FILE_NAME}. */
  public static DigestIndex forCacheRoot(Path root) {
    return at(root.resolve(FILE_NAME));
  }

  /** A new instance on {@code file}, not shared: what another process sees (tests). */
  static DigestIndex unshared(Path file) {
    return new DigestIndex(file.toAbsolutePath().normalize());
  }

  /** An index kept in memory only, for this instance's lifetime. */
  public static DigestIndex inMemory() {
    return new DigestIndex(null);
  }

  /** The file this index appends to, or {@code null} for an in-memory index. */
  public Path file() {
    return file;
  }

  /** Lines of the file that were torn or failed their CRC when it was read (ignored). */
  public int badLines() {
    load();
    return badLines;
  }

  /** Number of stamps known. */
  public int size() {
    load();
    return digests.size();
  }

  /**
   * The stamp of a file: {@code absolute-path|size|mtime-ns|file-key}. Two reads of an unchanged
   * file give the same stamp; a write that changes the size, the modification time or the inode
   * (a replacing rename, as editors and {@code cp} over a file do) gives another.
   */
  public static String stamp(Path absolute, BasicFileAttributes a) {
    return absolute + "|" + a.size() + "|" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "|" + a.fileKey();
  }

  /** The hex SHA-256 of a file's bytes, from the index when its stamp is known, else hashed and appended. */
  public String sha256(Path path) throws IOException {
    String[] errors = new String[1];
    String[] out = sha256All(List.of(path), 1, errors);
    if (out[0] == null) throw new IOException(errors[0]);
    return out[0];
  }

  /**
   * The hex SHA-256 of every file, hashing the ones whose stamp is unknown on {@code threads}
   * workers and appending their lines in one write per 256 files.
   *
   * @param errors filled with a reason where a file cannot be read (its digest is then {@code null})
   */
  public String[] sha256All(List<Path> paths, int threads, String[] errors) {
    load();
    int n = paths.size();
    String[] out = new String[n];
    Path[] abs = new Path[n];
    BasicFileAttributes[] attrs = new BasicFileAttributes[n];
    StampId[] ids = new StampId[n];
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      abs[i] = paths.get(i).toAbsolutePath().normalize();
      try {
        attrs[i] = Files.readAttributes(abs[i], BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        errors[i] = "file not found";
        continue;
      } catch (IOException e) {
        errors[i] = "cannot read file attributes: " + e.getMessage();
        continue;
      }
      ids[i] = idOf(stamp(abs[i], attrs[i]));
      byte[] d = digests.get(ids[i]);
      if (d != null) out[i] = HEX.formatHex(d);
      else todo.add(i);
    }
    if (todo.isEmpty()) return out;
    hashMissing(todo, abs, out, errors, Math.max(1, Math.min(threads, todo.size())));
    StringBuilder lines = new StringBuilder();
    int pending = 0;
    for (int i : todo) {
      if (out[i] == null) continue;
      digests.put(ids[i], HEX.parseHex(out[i]));
      lines.append(line(out[i], abs[i], attrs[i]));
      if (++pending == 256) {
        append(lines.toString());
        lines.setLength(0);
        pending = 0;
      }
    }
    if (pending > 0) append(lines.toString());
    return out;
  }

  private static void hashMissing(List<Integer> todo, Path[] abs, String[] out, String[] errors, int threads) {
    if (threads == 1) {
      for (int i : todo) hashOne(i, abs, out, errors);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, io.clipwb.core.util.BackgroundThreads.factory("clipwb-digest"));
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i : todo) fs.add(pool.submit(() -> hashOne(i, abs, out, errors)));
      for (Future<?> f : fs) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("interrupted while hashing images");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("hashing failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void hashOne(int i, Path[] abs, String[] out, String[] errors) {
    try {
      out[i] = io.clipwb.core.io.Sha256.file(abs[i]);
    } catch (UncheckedIOException e) {
      errors[i] = "cannot read file: " + e.getCause().getMessage();
    }
  }

  private static String line(String sha, Path abs, BasicFileAttributes a) {
    String body = sha + "\t" + a.size() + "\t" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\t" + escape(String.valueOf(a.fileKey()))
        + "\t" + escape(abs.toString());
    return body + "\t" + crcHex(body) + "\n";
  }

  private static String crcHex(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }

  /** Backslash-escapes the characters that delimit fields and lines. */
  static String escape(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        b.append(switch (e) {
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          default -> e;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static StampId idOf(String stamp) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    ByteBuffer b = ByteBuffer.wrap(md.digest(stamp.getBytes(StandardCharsets.UTF_8)));
    return new StampId(b.getLong(), b.getLong());
  }

  /** Reads the file once (streamed): every valid line; torn and damaged lines are counted and skipped. */
  private void load() {
    if (loaded) return;
    synchronized (this) {
      if (loaded) return;
      if (file != null && Files.isRegularFile(file)) {
        int bad = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String l;
          while ((l = r.readLine()) != null) {
            if (!parse(l)) bad++;
          }
        } catch (IOException | RuntimeException e) {
          LOG.warn("digest index {} could not be read to the end ({}); the rest is recomputed", file, e.toString());
        }
        badLines = bad;
        if (bad > 0) LOG.info("digest index {}: {} torn or damaged line(s) ignored", file, bad);
      }
      loaded = true;
    }
  }

  private boolean parse(String l) {
    if (l.isEmpty()) return true;
    int cut = l.lastIndexOf('\t');
    if (cut < 0) return false;
    String body = l.substring(0, cut);
    if (!crcHex(body).equals(l.substring(cut + 1))) return false;
    String[] f = body.split("\t", -1);
    if (f.length != 5 || f[0].length() != 64) return false;
    byte[] sha;
    try {
      sha = HEX.parseHex(f[0]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String stamp = unescape(f[4]) + "|" + f[1] + "|" + f[2] + "|" + unescape(f[3]);
    digests.put(idOf(stamp), sha);
    return true;
  }

  /** Appends complete lines under the file lock, starting a new line when a crash left the tail torn. */
  private void append(String lines) {
    if (file == null) return;
    ReentrantLock inProcess = PROCESS_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
    inProcess.lock();
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
          FileLock ignored = ch.lock()) {
        long size = ch.size();
        String text = lines;
        if (size > 0) {
          ByteBuffer last = ByteBuffer.allocate(1);
          ch.read(last, size - 1);
          if (last.get(0) != '\n') text = "\n" + text;
        }
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long pos = size;
        while (b.hasRemaining()) pos += ch.write(b, pos);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot append to digest index {} ({}); digests are kept for this process only", file, e.getMessage());
    } finally {
      inProcess.unlock();
    }
  }
}
