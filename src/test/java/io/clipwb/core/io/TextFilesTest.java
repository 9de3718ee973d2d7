package io.clipwb.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text inputs: a BOM is accepted everywhere; bytes that are not UTF-8 and NUL are named by file and line. */
class TextFilesTest {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static Path write(Path dir, String name, byte[]... parts) throws Exception {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) b.writeBytes(p);
    Path f = dir.resolve(name);
    Files.write(f, b.toByteArray());
    return f;
  }

  @Test
  void byteOrderMarkIsDroppedForCsvTsvJsonAndJsonLines(@TempDir Path dir) throws Exception {
    Path csv = write(dir, "m.csv", BOM, "path,label\na.png,0\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("path", Csv.read(csv).header().get(0));
    Path tsv = write(dir, "m.tsv", BOM, "id\tanswer\n1\tyes\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("id", Csv.read(tsv, '\t').header().get(0));
    Path json = write(dir, "c.json", BOM, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, Json.read(json).get("a").asInt());
    Path jsonl = write(dir, "m.jsonl", BOM, "{\"path\": \"a.png\"}\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("a.png", JsonLines.read(jsonl).get(0).value().get("path").asText());
  }

  @Test
  void latin1TextIsRefusedWithFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path f = write(dir, "latin.csv", "path,label\nok.png,0\ncaf".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9},
        ".png,1\n".getBytes(StandardCharsets.US_ASCII));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f));
    assertTrue(e.getMessage().startsWith(f + ": line 3, column 4: not UTF-8 text"), e.getMessage());
    assertTrue(!e.getMessage().contains("Input length"), e.getMessage());
    IllegalArgumentException j = assertThrows(IllegalArgumentException.class, () -> Json.read(f));
    assertTrue(j.getMessage().contains("line 3"), j.getMessage());
  }

  @Test
  void nulCharacterIsRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path f = write(dir, "nul.jsonl", "{\"path\": \"a.png\"}\n{\"path\": \"b".getBytes(StandardCharsets.UTF_8), new byte[] {0},
        "\"}\n".getBytes(StandardCharsets.UTF_8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonLines.read(f));
    assertTrue(e.getMessage().startsWith(f + ": line 2, column 12: NUL character"), e.getMessage());
  }

  @Test
  void utf16IsRecognisedAsSuch(@TempDir Path dir) throws Exception {
    Path f = write(dir, "u16.csv", new byte[] {(byte) 0xFF, (byte) 0xFE}, "path,label\n".getBytes(StandardCharsets.UTF_16LE));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("UTF-16"), e.getMessage());
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path f = dir.resolve("none.csv");
    assertEquals(f + ": file not found", assertThrows(IllegalArgumentException.class, () -> TextFiles.read(f)).getMessage());
  }
}
