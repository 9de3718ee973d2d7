package io.clipwb.core.cache;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestIndexTest {
  @TempDir Path tmp;

  private static String sha(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private List<Path> files(String prefix, int n) throws Exception {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(Files.writeString(tmp.resolve(prefix + i + ".bin"), prefix + "-content-" + i));
    return out;
  }

  @Test
  void digestsAreAppendedOneLinePerFileAndReadBack() throws Exception {
    Path file = tmp.resolve("idx.tsv");
    List<Path> fs = files("a", 3);
    DigestIndex d = DigestIndex.unshared(file);
    for (int i = 0; i < 3; i++) assertEquals(sha("a-content-" + i), d.sha256(fs.get(i)));
    assertEquals(3, Files.readAllLines(file).size());
    d.sha256(fs.get(0));
    assertEquals(3, Files.readAllLines(file).size(), "a known stamp appends nothing");
    DigestIndex again = DigestIndex.unshared(file);
    assertEquals(3, again.size());
    assertEquals(0, again.badLines());
  }

  @Test
  void aTornLastLineIsIgnoredAndTheNextAppendStartsANewLine() throws Exception {
    Path file = tmp.resolve("idx.tsv");
    List<Path> fs = files("b", 3);
    DigestIndex.unshared(file).sha256All(fs, 1, new String[3]);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 30)); // a crash in the middle of the last line
    DigestIndex torn = DigestIndex.unshared(file);
    assertEquals(2, torn.size());
    assertEquals(1, torn.badLines());
    assertEquals(sha("b-content-2"), torn.sha256(fs.get(2)), "the torn file is hashed again");
    DigestIndex after = DigestIndex.unshared(file);
    assertEquals(3, after.size());
    assertEquals(1, after.badLines(), "only the torn fragment is lost");
  }

  @Test
  void aDamagedLineFailsItsCrcAndIsIgnored() throws Exception {
    Path file = tmp.resolve("idx.tsv");
    List<Path> fs = files("c", 1);
    DigestIndex.unshared(file).sha256(fs.get(0));
    String line = Files.readString(file);
    Files.writeString(file, "0" + line.substring(1)); // one flipped hex digit in the digest
    DigestIndex d = DigestIndex.unshared(file);
    assertEquals(0, d.size());
    assertEquals(sha("c-content-0"), d.sha256(fs.get(0)));
  }

  @Test
  void aPathWithTabsAndNewlinesRoundTrips() throws Exception {
    Path f = Files.writeString(tmp.resolve("odd\tname\nwith\\breaks.bin"), "odd");
    Path file = tmp.resolve("idx.tsv");
    DigestIndex.unshared(file).sha256(f);
    assertEquals(1, Files.readAllLines(file).size());
    DigestIndex d = DigestIndex.unshared(file);
    assertEquals(1, d.size());
    assertEquals(0, d.badLines());
    Files.delete(file);
    assertEquals(sha("odd"), d.sha256(f));
    assertFalse(Files.exists(file), "answered from memory: the stamp was read back intact");
  }

  @Test
  void twoWritersAppendingAtOnceLoseNoLine() throws Exception {
    Path file = tmp.resolve("idx.tsv");
    List<Path> a = files("x", 300);
    List<Path> b = files("y", 300);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (List<Path> part : List.of(a, b)) {
        DigestIndex writer = DigestIndex.unshared(file); // two instances, as two processes would have
        fs.add(pool.submit(() -> {
          for (Path p : part) writer.sha256All(List.of(p), 1, new String[1]);
        }));
      }
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdownNow();
    }
    DigestIndex read = DigestIndex.unshared(file);
    assertEquals(600, read.size());
    assertEquals(0, read.badLines());
    assertEquals(600, Files.readAllLines(file).size());
  }

  @Test
  void aMissingFileIsAnErrorNotADigest() {
    String[] errors = new String[1];
    String[] out = DigestIndex.inMemory().sha256All(List.of(tmp.resolve("nope.png")), 1, errors);
    assertNull(out[0]);
    assertEquals("file not found", errors[0]);
  }
}
