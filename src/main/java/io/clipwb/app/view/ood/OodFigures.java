package io.clipwb.app.view.ood;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.eval.ood.OodResult;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every OOD figure of a project report, written headless (no JavaFX) for {@code clipwb figures}:
 * {@code ood/<model>/<ood set>_<score>_histogram.<ext>} (ID vs OOD scores of one score function)
 * and {@code ood/<model>/<ood set>_roc.<ext>} (the ROC curves of all scores, AUROC and FPR@95 in
 * the legend), with the same chart code as the workbench's OOD view.
 */
public final class OodFigures {
  private OodFigures() {}

  /** Writes the figures and returns the files written, in order (none when the project has no OOD set). */
  public static List<Path> write(ProjectReport report, Path out, List<FigureFormat> formats, FigureStyle style, Cancellation cancel) {
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    List<Path> written = new ArrayList<>();
    Path dir = out.resolve("ood");
    for (ProjectReport.ModelReport m : report.models()) {
      Path md = dir.resolve(FigureExport.safeName(m.model()));
      for (OodResult r : m.ood()) {
        List<OodChart.RocCurve> curves = new ArrayList<>();
        for (OodResult.PerScore s : r.scores()) {
          c.check();
          String name = FigureExport.safeName(r.oodSet()) + "_" + s.score().key() + "_histogram";
          written.addAll(FigureExport.writeAll(OodChart.histogram(m.model() + ": " + OodChart.name(s.score()), r, s, style, null),
              md.resolve(name), formats, style));
          curves.add(new OodChart.RocCurve(OodChart.name(s.score()), s));
        }
        if (!curves.isEmpty()) {
          c.check();
          String title = m.model() + ": " + r.idSet() + " vs " + r.oodSet();
          written.addAll(FigureExport.writeAll(OodChart.roc(title, curves, style, null, -1),
              md.resolve(FigureExport.safeName(r.oodSet()) + "_roc"), formats, style));
        }
      }
    }
    return written;
  }
}
