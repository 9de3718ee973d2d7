package io.clipwb.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared JSON configuration and the crash-safe writes every result file goes through. */
class JsonAndAtomicFilesTest {
  @TempDir Path tmp;

  record Row(String name, double value, List<Integer> items) {}

  @Test
  void recordsAreWrittenAsPlainObjectsAndReadBack() throws Exception {
    Path f = tmp.resolve("row.json");
    Json.write(f, new Row("a", 0.5, List.of(1, 2)));
    String text = Files.readString(f);
    assertTrue(text.endsWith("}\n"), "one trailing newline: " + text);
    JsonNode n = Json.read(f);
    assertEquals("a", n.get("name").asText());
    assertEquals(0.5, n.get("value").asDouble());
    assertEquals(new Row("a", 0.5, List.of(1, 2)), Json.read(f, Row.class));
  }

  @Test
  void nonFiniteNumbersRoundTripAsPythonReadsThem() throws Exception {
    Path f = tmp.resolve("nan.json");
    Json.write(f, new Row("n", Double.NaN, List.of()));
    assertTrue(Files.readString(f).contains("NaN"), "written as a NaN token, which Python's json.load accepts");
    assertTrue(Double.isNaN(Json.read(f, Row.class).value()));
    // what Python's json.dump writes for float('inf')
    Files.writeString(f, "{\"name\": \"i\", \"value\": Infinity, \"items\": []}");
    assertEquals(Double.POSITIVE_INFINITY, Json.read(f, Row.class).value());
  }

  @Test
  void unknownFieldsAreIgnoredAndBrokenFilesNamed() throws Exception {
    Path f = Files.writeString(tmp.resolve("extra.json"), "{\"name\": \"x\", \"value\": 1, \"items\": [], \"later\": true}");
    assertEquals("x", Json.read(f, Row.class).name());
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"name\": ");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Json.read(bad));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    e = assertThrows(UncheckedIOException.class, () -> Json.read(tmp.resolve("missing.json"), Row.class));
    assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
  }

  @Test
  void atomicWriteReplacesCreatesFoldersAndLeavesNoTempFile() throws Exception {
    Path f = tmp.resolve("a/b/c.bin");
    AtomicFiles.write(f, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    AtomicFiles.writeString(f, "new");
    assertEquals("new", Files.readString(f));
    try (Stream<Path> s = Files.list(f.getParent())) {
      assertEquals(List.of(f), s.toList(), "only the target, no .tmp sibling");
    }
  }

  @Test
  void aTargetThatIsAFolderFailsNamingItAndKeepsTheFolder() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("out/taken"));
    Files.writeString(dir.resolve("inside.txt"), "keep");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(dir, "x"));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertEquals("keep", Files.readString(dir.resolve("inside.txt")));
  }
}
