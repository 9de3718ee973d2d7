package io.clipwb.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed atomic write leaves neither the target nor its temp file behind. */
class AtomicFilesCleanupTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesAndLeavesNoTemp() throws IOException {
    Path t = dir.resolve("a.bin");
    AtomicFiles.write(t, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(t));
    assertEquals(List.of("a.bin"), names());
  }

  @Test
  void interruptedWriterLeavesNoTemp() throws IOException {
    Path t = dir.resolve("b.bin");
    Thread.currentThread().interrupt();
    try {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(t, new byte[1 << 16]));
      assertEquals(ClosedByInterruptException.class, e.getCause().getClass());
    } finally {
      Thread.interrupted();
    }
    assertEquals(List.of(), names(), "no target and no .tmp after an interrupted write");
  }

  @Test
  void failedRenameLeavesNoTemp() throws IOException {
    // the target is a non-empty directory: the temp file is written, the rename fails
    Path t = dir.resolve("c.bin");
    Files.createDirectories(t);
    Files.writeString(t.resolve("inside.txt"), "x");
    assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(t, new byte[] {7}));
    assertEquals(List.of("c.bin"), names());
  }

  @Test
  void parentIsAFile() throws IOException {
    Path parent = dir.resolve("file");
    Files.writeString(parent, "x");
    assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(parent.resolve("d.bin"), new byte[] {1}));
    assertEquals(List.of("file"), names());
    assertFalse(Files.isDirectory(parent));
  }
}
