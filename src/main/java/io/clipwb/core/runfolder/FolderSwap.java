package io.clipwb.core.runfolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file-system side of replacing a run folder as a whole ({@link RunFolder#write}): which
 * folders may be replaced, removal of temp and old siblings, including those a killed process
 * left behind.
 */
final class FolderSwap {
  /** Temp and old siblings older than this are leftovers of a killed process, removed on the next write. */
  private static final long STALE_MS = 3_600_000L;

  private FolderSwap() {}

  /** Removes {@code .<name>.tmp-*} and {@code .<name>.old-*} siblings a killed process left (older than an hour). */
  static void removeStaleSiblings(Path parent, String name) {
    long cutoff = System.currentTimeMillis() - STALE_MS;
    try (Stream<Path> s = Files.list(parent)) {
      for (Path p : s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith("." + name + ".tmp-") || n.startsWith("." + name + ".old-");
      }).toList()) {
        if (Files.getLastModifiedTime(p).toMillis() < cutoff) deleteTree(p);
      }
    } catch (IOException e) {
      // leftovers are hidden and harmless; the write goes on
    }
  }

  static void checkReplaceable(Path target, java.util.Set<String> files) {
    if (!Files.isDirectory(target)) throw new IllegalArgumentException(target + " exists and is not a folder");
    try (Stream<Path> s = Files.list(target)) {
      List<String> other = s.map(p -> p.getFileName().toString()).filter(n -> !files.contains(n)).sorted().toList();
      if (!other.isEmpty()) {
        throw new IllegalArgumentException(target + " holds files that are not a run folder's " + other
            + "; a run folder is replaced as a whole, so give an empty or new folder");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target, e);
    }
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
    } catch (IOException e) {
      // a leftover hidden temp folder is harmless; the run folder itself is complete
    }
  }
}
