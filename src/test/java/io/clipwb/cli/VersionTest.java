package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code clipwb --version} names the version written in pom.xml (read here from the pom itself). */
class VersionTest {
  @Test
  void versionIsThePomsVersion() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m = Pattern.compile("<artifactId>clipwb</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    org.junit.jupiter.api.Assertions.assertTrue(m.find(), "pom.xml names the project's version");
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    assertEquals(0, cl.execute("--version"));
    assertEquals("clipwb " + m.group(1), out.toString().strip());
  }
}
