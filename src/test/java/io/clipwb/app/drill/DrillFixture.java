package io.clipwb.app.drill;

import io.clipwb.cli.Main;
import io.clipwb.core.eval.runio.Csv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * A real run folder for the drill-down tests: {@code clipwb eval} of the sample ViT on the sample
 * test set (320 PNGs), run in-process once per JVM under {@code target/}. Its {@code
 * predictions.csv} (written by the evaluation, not by the drill-down) is the expected value.
 */
final class DrillFixture {
  /** One line of predictions.csv. */
  record Prediction(String id, String label, String pred1, double prob1) {
    boolean correct() {
      return label.equals(pred1);
    }
  }

  private static Path run;

  private DrillFixture() {}

  static synchronized Path runFolder() {
    if (run != null) return run;
    Path base = Path.of("target", "drill-fixture").toAbsolutePath();
    deleteTree(base);
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("eval", "--model", "sample-data/bundles/vit-default", "--data", "sample-data/data/test/manifest.csv",
        "--out", base.resolve("run").toString(), "--cache", base.resolve("cache").toString());
    if (code != 0) throw new IllegalStateException("clipwb eval failed (" + code + "): " + err);
    run = base.resolve("run");
    return run;
  }

  static List<Prediction> predictions() {
    Csv.Table t = Csv.read(runFolder().resolve("predictions.csv"), ',');
    int path = t.requireColumn("path");
    int label = t.requireColumn("label");
    int pred = t.requireColumn("pred1");
    int prob = t.requireColumn("prob1");
    return t.rows().stream().map(r -> new Prediction(r.values().get(path), r.values().get(label), r.values().get(pred),
        Double.parseDouble(r.values().get(prob)))).toList();
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
