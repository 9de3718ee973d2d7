package io.clipwb.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file writes: write a sibling temp file, fsync it, then rename it over the target.
 * A reader (or a run resumed after {@code kill -9}) sees either the old file or the new one,
 * never a half-written one — the property the embedding cache and every result file rely on.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target} atomically. On any failure ({@link IOException}, a
   * {@link RuntimeException} or an {@link Error}, including a {@code ClosedByInterruptException}
   * when the calling thread is interrupted) the temp file is deleted before the failure propagates,
   * so no {@code .<name>.tmp} is left behind.
   */
  public static void write(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }

  /** Writes the bytes a streaming writer produces (for files too large to hold in one array). */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** As {@link #write(Path, byte[])}, with the content streamed by {@code body} (buffered). */
  public static void write(Path target, Body body) {
    Path tmp = null;
    boolean moved = false;
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        // createTempFile makes the file owner-only (0600); results are meant to be shared
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
          @Override
          public void close() throws IOException {
            flush(); // a body that closes its stream (a JSON generator does) must not close the channel before fsync
          }
        };
        body.writeTo(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (!moved && tmp != null) deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException | RuntimeException ignored) {
      // best effort: the original failure is what the caller needs to see
    }
  }

  public static void writeString(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }
}
