package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code clipwb sample generate}: writes the chosen sets; a wrong set name is a clear error. */
class SampleCommandTest {
  @TempDir Path tmp;

  @Test
  void generatesTheChosenSet() {
    CommandLine cl = Main.commandLine();
    int rc = cl.execute("sample", "generate", "--out", tmp.toString(), "--sets", "test", "--size", "1", "--image-size", "48");
    assertEquals(0, rc);
    assertTrue(Files.isRegularFile(tmp.resolve("test/manifest.csv")));
    assertTrue(Files.isRegularFile(tmp.resolve("test/classes.json")));
    assertTrue(Files.isRegularFile(tmp.resolve("test/images/00015_bolt.png")));
    assertTrue(Files.notExists(tmp.resolve("train")));
  }

  @Test
  void unknownSetIsAClearError() {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("sample", "generate", "--out", tmp.toString(), "--sets", "tset");
    assertEquals(2, rc);
    assertTrue(err.toString().contains("unknown set 'tset'"), err.toString());
  }
}
