package io.clipwb.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
  void aSecondInstanceReadsTheDigestFromDisk() throws Exception {
    Path cache = tmp.resolve("digests.json");
    Path f = Files.writeString(tmp.resolve("a.txt"), "abc");
    new FileDigests(cache).sha256(f);
    // a planted digest proves the second instance answered from the file, not by hashing
    String planted = Files.readString(cache).replace(ABC, "0".repeat(64));
    Files.writeString(cache, planted);
    assertEquals("0".repeat(64), new FileDigests(cache).sha256(f));
    assertEquals(ABC, FileDigests.inMemory().sha256(f), "an in-memory instance hashes the bytes");
  }

  @Test
  void aDamagedCacheFileIsIgnoredAndRewritten() throws Exception {
    Path cache = Files.writeString(tmp.resolve("digests.json"), "{not json");
    Path f = Files.writeString(tmp.resolve("a.txt"), "abc");
    assertEquals(ABC, new FileDigests(cache).sha256(f));
    assertTrue(Files.readString(cache).contains(ABC));
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
