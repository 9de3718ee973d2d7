package io.clipwb.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.export.ExportChecks;
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

/**
 * {@code clipwb figures --views shape-bias,ood} on a run of the sample project: the file layout of
 * both views in three formats, the humans series from a model-vs-human CSV ({@code --option
 * mvh_csv=}) in the shape-bias plot's legend with the shape bias its synthetic observers were built
 * to have (2/3), the ROC legend with AUROC and FPR@95, PDF fonts embedded.
 */
class CueOodFiguresTest {
  @Test
  void writesShapeBiasAndOodFigures(@TempDir Path tmp) throws Exception {
    Path run = SampleRun.sampleRun();
    Path humans = SampleRun.syntheticHumans(tmp.resolve("humans.csv"));
    Path figs = tmp.resolve("figs");
    String out = SampleRun.cli("figures", "--project", SampleRun.SAMPLE.toString(), "--run-out", run.toString(), "--out", figs.toString(),
        "--bundles", String.join(",", SampleRun.MODELS), "--datasets", "cue-conflict,ood", "--views", "shape-bias,ood", "--dpi", "150",
        "--format", "png,svg,pdf", "--option", "mvh_csv=" + humans, "--option", "color_by=card_training_data");
    List<Path> listed = out.lines().map(Path::of).toList();
    List<String> expected = new ArrayList<>();
    for (String ext : List.of("png", "svg", "pdf")) expected.add("shape-bias/cue-conflict." + ext);
    for (String m : SampleRun.MODELS) {
      for (String s : List.of("ood_msp_histogram", "ood_max_logit_histogram", "ood_energy_histogram", "ood_mcm_histogram", "ood_roc")) {
        for (String ext : List.of("png", "svg", "pdf")) expected.add("ood/" + m + "/" + s + "." + ext);
      }
    }
    for (String e : expected) {
      Path p = figs.resolve(e);
      assertTrue(listed.contains(p), e + " not listed in " + out);
      assertTrue(Files.size(p) > 1000, e + " is (nearly) empty");
    }
    assertEquals(expected.size(), listed.size(), out);

    Element svg = ExportChecks.svg(figs.resolve("shape-bias/cue-conflict.svg"));
    List<String> texts = ExportChecks.svgTexts(svg);
    String all = String.join("|", texts);
    assertTrue(texts.contains("Fraction of 'shape' decisions") && texts.contains("Fraction of 'texture' decisions"), all);
    assertTrue(all.contains("Humans (3 subjects): 0.67"), all);
    for (String m : SampleRun.MODELS) assertTrue(all.contains(m), m + " not in the legend: " + all);

    List<String> roc = ExportChecks.svgTexts(ExportChecks.svg(figs.resolve("ood/" + SampleRun.MODELS.get(0) + "/ood_roc.svg")));
    assertTrue(roc.stream().anyMatch(t -> t.startsWith("MCM: AUROC ") && t.contains("FPR@95 ")), roc.toString());

    try (PDDocument doc = Loader.loadPDF(figs.resolve("shape-bias/cue-conflict.pdf").toFile())) {
      List<PDFont> fonts = ExportChecks.pdfFonts(doc);
      assertTrue(!fonts.isEmpty());
      for (PDFont f : fonts) assertTrue(f.isEmbedded(), f.getName() + " is not embedded");
    }
  }
}
