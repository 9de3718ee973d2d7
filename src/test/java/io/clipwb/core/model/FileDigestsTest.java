package io.clipwb.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {
  @TempDir Path tmp;

  // SHA-256("abc"), FIPS 180-2 test vector
  static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void knownDigestAndPersistentCache() throws Exception {
    Path cache = tmp.resolve("digests.json");
    Path f = Files.writeString(tmp.resolve("a.txt"), "abc");
    assertEquals(ABC, new FileDigests(cache).sha256(f));
    assertEquals(ABC, FileDigests.sha256Hex("abc".getBytes()));
    assertTrue(Files.readString(cache).contains(f.toAbsolutePath().toString()), "digest persisted");
  }

  @Test
  void aSecondIndexReadsTheDigestFromDisk() throws Exception {
    Path cache = tmp.resolve("digests.tsv");
    Path f = Files.writeString(tmp.resolve("a.txt"), "abc");
    new FileDigests(cache).sha256(f);
    // a planted digest (with its line's CRC-32 recomputed) proves a fresh index answered from the file
    String line = Files.readString(cache).strip();
    String body = line.substring(0, line.lastIndexOf('\t')).replace(ABC, "0".repeat(64));
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path planted = tmp.resolve("planted.tsv");
    Files.writeString(planted, body + "\t" + String.format("%08x", crc.getValue()) + "\n");
    assertEquals("0".repeat(64), new FileDigests(planted).sha256(f));
    assertEquals(ABC, FileDigests.inMemory().sha256(f), "an in-memory instance hashes the bytes");
  }

  @Test
  void aDamagedIndexFileIsIgnoredAndAppendedTo() throws Exception {
    Path cache = Files.writeString(tmp.resolve("digests.tsv"), "{not an index");
    Path f = Files.writeString(tmp.resolve("a.txt"), "abc");
    assertEquals(ABC, new FileDigests(cache).sha256(f));
    List<String> lines = Files.readAllLines(cache);
    assertEquals("{not an index", lines.get(0), "append-only: nothing is rewritten");
    assertTrue(lines.get(1).startsWith(ABC + "\t"), "the new digest starts on its own line");
  }

  @Test
  void aChangedFileIsRehashed() throws Exception {
    FileDigests d = FileDigests.inMemory();
    Path f = Files.writeString(tmp.resolve("b.txt"), "abc");
    String before = d.sha256(f);
    Files.writeString(f, "abd");
    Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
    assertNotEquals(before, d.sha256(f));
  }

  @Test
  void theDefaultLocationFollowsTheProperty() {
    // RestoreSystemState puts the property back after the test
    System.setProperty("clipwb.hashCache", tmp.resolve("x.json").toString());
    FileDigests a = FileDigests.atDefaultLocation();
    assertEquals(tmp.resolve("x.json").toAbsolutePath().normalize(), a.diskFile());
    assertSame(a, FileDigests.atDefaultLocation(), "one instance per location");
    System.setProperty("clipwb.hashCache", "off");
    assertNull(FileDigests.atDefaultLocation().diskFile());
  }
}
