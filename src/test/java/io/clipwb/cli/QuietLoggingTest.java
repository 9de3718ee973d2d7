package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiet by default: a CLI eval's stderr holds the command's own lines and exactly one device line,
 * no library INFO lines and no "Failed to detect GPU count" warnings; {@code --verbose} shows more.
 */
class QuietLoggingTest {
  @TempDir Path tmp;

  private Path smallSet() throws Exception {
    Path src = Path.of("sample-data/data/test");
    List<String> rows = Files.readAllLines(src.resolve("manifest.csv")).subList(1, 7);
    Path dir = Files.createDirectories(tmp.resolve("set"));
    StringBuilder m = new StringBuilder("path,label\n");
    for (String r : rows) {
      String[] f = r.split(",");
      Path to = dir.resolve(f[0]);
      Files.createDirectories(to.getParent());
      Files.copy(src.resolve(f[0]), to);
      m.append(f[0]).append(',').append(f[1]).append('\n');
    }
    Files.writeString(dir.resolve("manifest.csv"), m.toString());
    Files.copy(src.resolve("classes.json"), dir.resolve("classes.json"));
    return dir.resolve("manifest.csv");
  }

  private static List<String> lines(String s) {
    return Arrays.stream(s.split("\\R")).filter(l -> !l.isBlank()).toList();
  }

  @Test
  void evalStderrShowsOneDeviceLineAndNoLibraryChatter() throws Exception {
    Path manifest = smallSet();
    String[] common = {"eval", "--model", "sample-data/bundles/vit-small", "--data", manifest.toString(),
        "--cache", tmp.resolve("cache").toString()};
    ShapeBiasFactorsLmmCommandsTest.Run r = ShapeBiasFactorsLmmCommandsTest.run(
        Stream.concat(Arrays.stream(common), Stream.of("--out", tmp.resolve("run").toString())).toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    List<String> err = lines(r.err());
    List<String> device = err.stream().filter(l -> l.startsWith("device: ")).toList();
    assertEquals(1, device.size(), r.err());
    assertTrue(device.get(0).matches("device: (cpu|gpu \\d+), (\\d+ threads|threads unknown), PyTorch [0-9.]+"), device.get(0));
    for (String l : err) {
      assertTrue(!l.contains(" INFO ") && !l.contains(" DEBUG ") && !l.contains("GPU count") && !l.contains("ai.djl"), "chatter: " + l);
    }

    // --verbose (after the sub-command too): the level-tagged lines come back, the device line is still printed once
    ShapeBiasFactorsLmmCommandsTest.Run v = ShapeBiasFactorsLmmCommandsTest.run(
        Stream.concat(Arrays.stream(common), Stream.of("--out", tmp.resolve("run2").toString(), "--verbose")).toArray(String[]::new));
    assertEquals(0, v.code(), v.err());
    List<String> verr = lines(v.err());
    assertEquals(1, verr.stream().filter(l -> l.startsWith("device: ")).count(), v.err());
    assertTrue(verr.stream().anyMatch(l -> l.contains(" DEBUG io.clipwb.djl.DjlClipModel - loading bundle")), v.err());

    // and back to quiet on the next command of the same process
    ShapeBiasFactorsLmmCommandsTest.Run q = ShapeBiasFactorsLmmCommandsTest.run(
        Stream.concat(Arrays.stream(common), Stream.of("--out", tmp.resolve("run3").toString())).toArray(String[]::new));
    assertEquals(0, q.code(), q.err());
    assertTrue(lines(q.err()).stream().noneMatch(l -> l.contains(" DEBUG ")), q.err());
    assertEquals(1, lines(q.err()).stream().filter(l -> l.startsWith("device: ")).count(), q.err());
  }

  @Test
  void verboseIsAcceptedBeforeTheSubCommand() {
    assertTrue(Main.verbose(Main.commandLine().parseArgs("--verbose", "lmm", "compare", "--questions", "q", "--answers", "a")));
    assertTrue(Main.verbose(Main.commandLine().parseArgs("lmm", "compare", "--verbose", "--questions", "q", "--answers", "a")));
    assertTrue(!Main.verbose(Main.commandLine().parseArgs("lmm", "compare", "--questions", "q", "--answers", "a")));
  }
}
