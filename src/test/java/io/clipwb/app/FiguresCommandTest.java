package io.clipwb.app;

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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

/**
 * {@code clipwb figures} on a small run of the committed sample project (two models, the ID set and
 * one shifted set): the file layout, and each format read back (PNG pHYs = the DPI, SVG text as
 * {@code <text>} with the axis labels, PDF fonts embedded and the page the figure's size).
 */
class FiguresCommandTest {
  static final Path PROJECT = Path.of("sample-data/project.json");

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void writesEveryReliabilityDiagramInThreeFormats(@TempDir Path tmp) throws Exception {
    Path runOut = tmp.resolve("run");
    String models = "sample-vit-default,sample-rn-default";
    Result r = run("project", "run", PROJECT.toString(), "--out", runOut.toString(), "--cache", tmp.resolve("cache").toString(),
        "--bundles", models, "--datasets", "dark", "--batch", "16");
    assertEquals(0, r.code(), r.err());

    Path figs = tmp.resolve("figs");
    Result f = run("figures", "--project", PROJECT.toString(), "--run-out", runOut.toString(), "--out", figs.toString(),
        "--bundles", models, "--datasets", "dark", "--dpi", "150", "--format", "png,svg,pdf", "--views", "reliability");
    assertEquals(0, f.code(), f.err());
    List<Path> listed = f.out().lines().map(Path::of).toList();
    List<String> expected = new ArrayList<>();
    for (String m : models.split(",")) {
      for (String s : List.of("test", "test_after_t", "dark", "dark_after_t")) {
        for (String ext : List.of("png", "svg", "pdf")) expected.add("reliability/" + m + "/" + s + "." + ext);
      }
    }
    for (String ext : List.of("png", "svg", "pdf")) expected.add("reliability/test_all_models." + ext);
    assertEquals(expected.size(), listed.size(), f.out());
    for (String e : expected) {
      Path p = figs.resolve(e);
      assertTrue(listed.contains(p), e + " not listed");
      assertTrue(Files.size(p) > 1000, e + " is (nearly) empty");
    }

    Path base = figs.resolve("reliability/sample-vit-default/dark_after_t");
    double[] png = ExportChecks.png(base.resolveSibling("dark_after_t.png"));
    assertEquals(150, png[0], 0.5 * 0.0254);
    assertEquals(150, png[1], 0.5 * 0.0254);
    assertEquals(Math.round(89 / 25.4 * 150), png[2], 0.5);

    Element svg = ExportChecks.svg(base.resolveSibling("dark_after_t.svg"));
    List<String> texts = ExportChecks.svgTexts(svg);
    assertTrue(texts.contains("Confidence") && texts.contains("Accuracy") && texts.contains("Count"), texts.toString());
    assertEquals("89mm", svg.getAttribute("width"));

    try (PDDocument doc = Loader.loadPDF(base.resolveSibling("dark_after_t.pdf").toFile())) {
      var box = doc.getPage(0).getMediaBox();
      assertEquals(89 / 25.4 * 72, box.getWidth(), 0.01);
      assertEquals(70 / 25.4 * 72, box.getHeight(), 0.01);
      List<PDFont> fonts = ExportChecks.pdfFonts(doc);
      assertTrue(!fonts.isEmpty());
      for (PDFont font : fonts) assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
    }
  }
}
