package io.clipwb.core.runfolder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder is written whole or not at all: a write failure (the disk filling up, injected at
 * each file in turn) leaves the previous complete folder, or nothing, and no temp files.
 */
class RunFolderDiskFullTest {
  /** A sink that runs out of space at the {@code failAt}-th file, after writing part of it. */
  private static RunFolder.FileSink fullAfter(int failAt) {
    int[] n = {0};
    return (file, bytes) -> {
      if (++n[0] == failAt) {
        AtomicFiles.write(file.resolveSibling("." + file.getFileName() + ".partial.tmp"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        throw new UncheckedIOException("cannot write " + file, new IOException("No space left on device"));
      }
      AtomicFiles.write(file, bytes);
    };
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFailureAtAnyFileLeavesNothingOrThePreviousFolder(@TempDir Path tmp) throws Exception {
    for (int failAt = 1; failAt <= 7; failAt++) {
      Path fresh = tmp.resolve("fresh" + failAt);
      Files.createDirectories(fresh);
      int f = failAt;
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> RunFolder.write(fresh.resolve("run"), contents(1f), fullAfter(f)));
      assertTrue(e.getMessage().contains("No space left on device") || e.getCause().getMessage().contains("No space"), e.getMessage());
      assertEquals(List.of(), names(fresh), "failure at file " + failAt + ": no partial run folder, no temp files");

      Path kept = tmp.resolve("kept" + failAt);
      RunFolder.write(kept.resolve("run"), contents(5f));
      byte[] before = Files.readAllBytes(kept.resolve("run/logits.npy"));
      assertThrows(UncheckedIOException.class, () -> RunFolder.write(kept.resolve("run"), contents(9f), fullAfter(f)));
      assertEquals(List.of("run"), names(kept), "failure at file " + failAt + ": only the previous folder");
      assertArrayEquals(before, Files.readAllBytes(kept.resolve("run/logits.npy")));
      assertEquals(5.0, RunFolder.read(kept.resolve("run")).logits()[0][0]);
      assertEquals(RunFolder.FILES.size(), names(kept.resolve("run")).size());
    }
  }

  @Test
  void leftoversOfAKilledWriterAreRemovedOnTheNextWrite(@TempDir Path tmp) throws Exception {
    Path stale = Files.createDirectories(tmp.resolve(".run.tmp-deadbeef"));
    Files.writeString(stale.resolve("logits.npy"), "half");
    Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000L));
    Path recent = Files.createDirectories(tmp.resolve(".run.tmp-cafecafe")); // another writer, still working
    RunFolder.write(tmp.resolve("run"), contents(1f));
    assertEquals(List.of(".run.tmp-cafecafe", "run"), names(tmp));
    assertTrue(Files.isDirectory(recent));
  }

  static RunFolder.Contents contents(float first) {
    RunManifest m = new RunManifest(RunFolder.FORMAT, RunFolder.VERSION, "2026-01-01T00:00:00Z", null,
        new RunManifest.BundleInfo("m", "/b", "fp", null), null, 10.0, new RunManifest.Templates("t", "sha", List.of("{c}")),
        new RunManifest.DatasetInfo("d", "/data", "manifest"), List.of("a", "b"), List.of("a", "b"),
        List.of(new RunItem("i0", "/data/i0", 0, Map.of()), new RunItem("i1", "/data/i1", 1, Map.of())),
        List.of(), new RunManifest.CacheInfo("/c", 0, 2, 0), Map.of(), 1.5);
    return new RunFolder.Contents(m, new float[][] {{first, 2}, {3, 1}}, new int[] {0, 1}, new float[][] {{1, 0}, {0, 1}},
        new float[][] {{1, 0}, {0, 1}},
        List.of(new RunFolder.Prediction(new int[] {1, 0}, new double[] {0.7, 0.3}),
            new RunFolder.Prediction(new int[] {0, 1}, new double[] {0.6, 0.4})),
        new RunFolder.Results("d", "m", "p", 0.5, 1, 0.5));
  }
}
