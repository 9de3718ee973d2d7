package io.clipwb.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {
  @TempDir Path tmp;

  @AfterEach
  void off() {
    System.setProperty("clipwb.hashCache", "off");
  }

  @Test
  void knownDigestAndPersistentCache() throws Exception {
    Path cache = tmp.resolve("digests.json");
    System.setProperty("clipwb.hashCache", cache.toString());
    Path f = Files.writeString(tmp.resolve("a.txt"), "abc");
    // SHA-256("abc"), FIPS 180-2 test vector
    String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assertEquals(abc, FileDigests.sha256(f));
    assertEquals(abc, FileDigests.sha256Hex("abc".getBytes()));
    assertTrue(Files.readString(cache).contains(f.toAbsolutePath().toString()), "digest persisted");
  }

  @Test
  void aChangedFileIsRehashed() throws Exception {
    System.setProperty("clipwb.hashCache", "off");
    Path f = Files.writeString(tmp.resolve("b.txt"), "abc");
    String before = FileDigests.sha256(f);
    Files.writeString(f, "abd");
    Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
    assertNotEquals(before, FileDigests.sha256(f));
  }
}
