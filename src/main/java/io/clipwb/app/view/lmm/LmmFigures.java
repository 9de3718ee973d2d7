package io.clipwb.app.view.lmm;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.eval.lmm.LmmComparison;
import io.clipwb.core.project.LmmAnswerSources;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The LMM-vs-CLIP figures of a project, headless: for every answers file the project lists
 * ({@code lmm_answers}) whose CLIP run exists, {@code lmm/<lmm>_vs_<clip>_<set>.<ext>} (every class,
 * sorted by LMM − CLIP) and {@code ..._hard.<ext>} (the hard classes only, when there are any).
 * Option {@code hard_threshold} (default 0.5, as {@code clipwb lmm compare}).
 */
public final class LmmFigures {
  private LmmFigures() {}

  /** Writes the figures and returns the files written, in order. */
  public static List<Path> write(Project p, Path runs, Path out, List<FigureFormat> formats, FigureStyle style, double hardThreshold,
      Cancellation cancel) {
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    List<Path> written = new ArrayList<>();
    for (LmmAnswerSources.Source s : LmmAnswerSources.read(p)) {
      Path run = ProjectRun.runDir(runs, s.clipModel(), s.set());
      if (!Files.isRegularFile(run.resolve("logits.npy"))) continue; // this CLIP run was not made
      c.check();
      LmmData.Loaded l = LmmData.load(run, s.file(), s.format(), s.model(), hardThreshold, c);
      for (LmmComparison.ModelResult mr : l.result().models().values()) {
        String base = FigureExport.safeName(mr.model()) + "_vs_" + FigureExport.safeName(s.clipModel()) + "_" + FigureExport.safeName(s.set());
        String title = mr.model() + " vs " + s.clipModel() + " / " + s.set() + (s.synthetic() && !mr.model().contains("synthetic") ? " (synthetic stand-in)" : "");
        FigureStyle tall = taller(style, mr.perClass().size());
        written.addAll(FigureExport.writeAll(LmmChart.create(title, mr.model(), mr.perClass(), hardThreshold, tall),
            out.resolve("lmm").resolve(base), formats, tall));
        List<LmmComparison.ClassRow> hard = mr.perClass().stream().filter(LmmComparison.ClassRow::hard).toList();
        if (!hard.isEmpty()) {
          FigureStyle h = taller(style, hard.size());
          written.addAll(FigureExport.writeAll(LmmChart.create(title + ", hard classes", mr.model(), hard, hardThreshold, h),
              out.resolve("lmm").resolve(base + "_hard"), formats, h));
        }
      }
    }
    return written;
  }

  /** At least 4.2 mm per class bar, so many classes stay legible. */
  static FigureStyle taller(FigureStyle style, int classes) {
    double need = 30 + classes * Math.max(3.2, style.fontSizePt() * 0.52);
    return need <= style.heightMm() ? style
        : new FigureStyle(style.widthMm(), Math.min(2000, need), style.dpi(), style.fontFamily(), style.fontSizePt());
  }
}
