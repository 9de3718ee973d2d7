package io.clipwb.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.export.ExportChecks;
import io.clipwb.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code clipwb figures --views scatter,factors,shift} on the cross-model fixture's run: the files
 * of each view in three formats, none empty, the PNG at the asked resolution and the SVG with its
 * axis labels as text.
 */
class CrossFiguresTest {
  @Test
  void writesTheCrossModelFigures(@TempDir Path tmp) throws Exception {
    Path run = SampleRun.crossRun();
    Path figs = tmp.resolve("figs");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("figures", "--project", SampleRun.SAMPLE.toString(), "--run-out", run.toString(), "--out", figs.toString(),
        "--views", "scatter,factors,shift", "--bundles", String.join(",", SampleRun.CROSS_MODELS), "--datasets", "dark", "--dpi", "150",
        "--format", "png,svg,pdf");
    assertEquals(0, code, err.toString());
    List<Path> listed = out.toString().lines().map(Path::of).toList();

    List<Map<String, String>> test = SampleRun.manifest("test");
    List<String> factors = test.get(0).keySet().stream().filter(c -> c.startsWith("factor_"))
        .filter(c -> test.stream().anyMatch(m -> "1".equals(m.get(c)))).toList();
    List<String> expected = new ArrayList<>();
    for (String base : List.of("scatter/acc_test_vs_acc_mean_shift", "scatter/er_dark", "shift/accuracy_per_set",
        "shift/class_drop_test_vs_dark", "factors/error_ratio")) {
      for (String ext : List.of("png", "svg", "pdf")) expected.add(base + "." + ext);
    }
    for (String f : factors) {
      for (String ext : List.of("png", "svg", "pdf")) expected.add("factors/factor_vs_overall_" + f.substring("factor_".length()) + "." + ext);
    }
    assertEquals(expected.size(), listed.size(), out.toString());
    for (String e : expected) {
      Path p = figs.resolve(e);
      assertTrue(listed.contains(p), e + " not listed");
      assertTrue(Files.size(p) > 1000, e + " is (nearly) empty");
    }
    double[] png = ExportChecks.png(figs.resolve("scatter/er_dark.png"));
    assertEquals(150, png[0], 0.5 * 0.0254);
    assertEquals(Math.round(89 / 25.4 * 150), png[2], 0.5);
    List<String> texts = ExportChecks.svgTexts(ExportChecks.svg(figs.resolve("scatter/er_dark.svg")));
    assertTrue(texts.contains("Accuracy on test (ID)") && texts.contains("Accuracy on dark"), texts.toString());
    List<String> t2 = ExportChecks.svgTexts(ExportChecks.svg(figs.resolve("factors/error_ratio.svg")));
    assertTrue(t2.contains("Error ratio"), t2.toString());
  }
}
