package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every option of every command is validated before the command runs. */
class OptionChecksTest {
  private static void walk(CommandLine c, List<String> missing) {
    for (OptionSpec o : c.getCommandSpec().options()) {
      if (OptionChecks.numeric(o) && OptionChecks.rule(c, o) == null) missing.add(c.getCommandName() + " " + o.longestName());
    }
    c.getSubcommands().values().forEach(s -> walk(s, missing));
  }

  @Test
  void everyNumericOptionOfEveryCommandHasARule() {
    List<String> missing = new ArrayList<>();
    walk(Main.commandLine(), missing);
    assertEquals(List.of(), missing, "numeric options without a range in OptionChecks.RULES");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "eval --model m --data d --batch 0                | --batch           | images per forward pass) must be at least 1",
      "eval --model m --data d --batch -4               | --batch           | must be at least 1",
      "eval --model m --data d --decode-threads 0       | --decode-threads  | must be at least 1",
      "eval --model m --data d --decode-threads -2      | --decode-threads  | must be at least 1",
      "calibrate --run r --bins 0                       | --bins            | must be at least 1",
      "calibrate --run r --calib-fraction 1.5           | --calib-fraction  | must be greater than 0 and at most 1",
      "ood --id-run a --ood-run b --tpr 0               | --tpr             | must be greater than 0",
      "ood --id-run a --ood-run b --tau NaN             | --tau             | must be greater than 0",
      "bench --images i --size 100000                   | --size            | must be at least 1 and at most 4096",
      "retrieval --image-emb a --text-emb b --captions c --k 1,0 | --k      | must be at least 1"})
  void outOfRangeValuesAreRefusedNamingTheOption(String args, String option, String message) {
    List<String> a = new ArrayList<>(List.of(args.trim().split(" +")));
    if (!a.get(0).equals("bench")) a.addAll(List.of("--out", "/nonexistent-clipwb-test/out"));
    EvalCommandsTest.Run r = EvalCommandsTest.run(a.toArray(String[]::new));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("Invalid value for option '" + option + "'") && r.err().contains(message), r.err());
  }

  @Test
  void projectRunRefusesBatchZeroBeforeReadingTheProject(@TempDir Path tmp) {
    EvalCommandsTest.Run r = EvalCommandsTest.run("project", "run", "sample-data/project.json", "--out", tmp.resolve("o").toString(),
        "--batch", "0");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("'--batch'"), r.err());
    assertTrue(Files.notExists(tmp.resolve("o")));
  }

  @Test
  void anEmptyPathIsAnErrorEverywhereAndNothingIsWritten(@TempDir Path tmp) throws Exception {
    int[] y = new int[50];
    io.clipwb.core.io.Npy.write(tmp.resolve("z.npy"), EvalCommandsTest.logits(50, 4, 1, y, false));
    io.clipwb.core.io.Npy.write(tmp.resolve("y.npy"), y);
    long before = count(Path.of(""));
    EvalCommandsTest.Run r = EvalCommandsTest.run("calibrate", "--logits", tmp.resolve("z.npy").toString(), "--labels",
        tmp.resolve("y.npy").toString(), "--out", "");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("Invalid value for option '--out'") && r.err().contains("empty path"), r.err());
    assertEquals(before, count(Path.of("")), "nothing written into the current folder");
    for (String[] a : List.of(new String[] {"eval", "--model", "", "--data", "x", "--out", "o"},
        new String[] {"project", "run", "", "--out", tmp.toString()}, new String[] {"ood", "--id-run", " ", "--ood-run", "x"})) {
      EvalCommandsTest.Run e = EvalCommandsTest.run(a);
      assertEquals(2, e.code(), String.join(" ", a) + ": " + e.err());
      assertTrue(e.err().contains("empty path"), e.err());
    }
  }

  private static long count(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir.toAbsolutePath())) {
      return s.count();
    }
  }

  @Test
  void rangesDescribeThemselves() {
    assertNotNull(OptionChecks.RULES.get("--batch"));
    assertEquals("at least 1 and at most 65536", OptionChecks.RULES.get("--batch").describe());
  }

  @Test
  void oodCosineRefusesLogitsAndWarnsWithForce(@TempDir Path tmp) throws Exception {
    int[] y = new int[40];
    io.clipwb.core.io.Npy.write(tmp.resolve("id.npy"), EvalCommandsTest.logits(40, 4, 1, y, false));
    io.clipwb.core.io.Npy.write(tmp.resolve("ood.npy"), EvalCommandsTest.logits(40, 4, 2, y, true));
    String[] base = {"ood", "--id-logits", tmp.resolve("id.npy").toString(), "--ood-logits", tmp.resolve("ood.npy").toString(), "--cosine"};
    EvalCommandsTest.Run r = EvalCommandsTest.run(base);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("id: value") && r.err().contains("is outside [-1, 1]") && r.err().contains("--force"), r.err());
    List<String> forced = new ArrayList<>(List.of(base));
    forced.add("--force");
    EvalCommandsTest.Run f = EvalCommandsTest.run(forced.toArray(String[]::new));
    assertEquals(0, f.code(), f.err());
    assertTrue(f.err().contains("WARNING: --cosine with --force: id: value"), f.err());
    // real cosines pass silently
    float[][] cos = new float[10][4];
    for (int i = 0; i < 10; i++) for (int j = 0; j < 4; j++) cos[i][j] = (float) Math.cos(i + j);
    io.clipwb.core.io.Npy.write(tmp.resolve("cid.npy"), cos);
    io.clipwb.core.io.Npy.write(tmp.resolve("cood.npy"), cos);
    EvalCommandsTest.Run c = EvalCommandsTest.run("ood", "--id-logits", tmp.resolve("cid.npy").toString(), "--ood-logits",
        tmp.resolve("cood.npy").toString(), "--cosine");
    assertEquals(0, c.code(), c.err());
    assertTrue(!c.err().contains("WARNING"), c.err());
  }
}
