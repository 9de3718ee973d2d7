package io.clipwb.app.view.shift;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * The distribution-shift figures, headless, for {@code clipwb figures}: {@code shift/accuracy_per_set.<ext>}
 * (every model, every set) and {@code shift/class_drop_<ID set>_vs_<set>.<ext>} per shifted set (every
 * model's per-class drop from the in-distribution set).
 */
public final class ShiftFigures {
  private ShiftFigures() {}

  /** @param runs the project run's output folder (for class names), or null */
  public static List<Path> write(ProjectReport report, Path runs, Path out, List<FigureFormat> formats, FigureStyle style,
      Cancellation cancel) {
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    List<Path> written = new ArrayList<>();
    if (report.models().isEmpty()) return written;
    Path dir = out.resolve("shift");
    List<String> models = report.models().stream().map(ProjectReport.ModelReport::model).toList();
    List<String> sets = ShiftData.sets(report);
    FigureStyle tall = ChartKit.taller(style, (models.size() + 1) / 2 + 1);
    JFreeChart acc = ShiftCharts.accuracy(null, ShiftData.accuracies(report, models, sets), tall);
    written.addAll(FigureExport.writeAll(acc, dir.resolve("accuracy_per_set"), formats, tall));
    String id = sets.get(0);
    for (String s : sets.subList(1, sets.size())) {
      c.check();
      List<ShiftData.ClassDrop> drops = new ArrayList<>();
      for (String m : models) {
        List<String> names = runs == null ? null : ShiftData.classNames(ProjectRun.runDir(runs, m, s));
        ShiftData.classDrop(report, m, id, s, names).ifPresent(drops::add);
      }
      if (drops.isEmpty()) continue;
      int classes = Math.min(ShiftCharts.MAX_CLASSES, drops.stream().mapToInt(d -> d.rows().size()).max().orElse(0));
      FigureStyle st = new FigureStyle(style.widthMm(), Math.max(style.heightMm(), 20 + classes * Math.max(3, drops.size() * 0.9)),
          style.dpi(), style.fontFamily(), style.fontSizePt());
      st = ChartKit.taller(st, (drops.size() + 1) / 2);
      JFreeChart chart = ShiftCharts.classDrop(null, drops, st);
      written.addAll(FigureExport.writeAll(chart, dir.resolve("class_drop_" + FigureExport.safeName(id) + "_vs_" + FigureExport.safeName(s)),
          formats, st));
    }
    return written;
  }
}
