package io.clipwb.app.view.factors;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The visual-factor figures, headless, for {@code clipwb figures}: {@code factors/error_ratio.<ext>}
 * and {@code factors/factor_vs_overall_<factor>.<ext>} per factor, on the chosen set (default the
 * in-distribution one), from an ImageNet-X annotation file or the runs' manifest factor columns. A
 * project whose runs carry neither writes nothing.
 */
public final class FactorsFigures {
  private FactorsFigures() {}

  public static List<Path> write(ProjectReport report, Path runs, Path out, List<FigureFormat> formats, FigureStyle style, String set,
      FactorData.Source src, String groupBy, Cancellation cancel) {
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    List<Path> written = new ArrayList<>();
    if (report.models().isEmpty() || runs == null) return written;
    String s = set != null ? set : report.models().get(0).id().set();
    FactorData.Outcome o = FactorData.compute(report, runs, s, src, groupBy == null ? "architecture_family" : groupBy, c);
    if (o.models().isEmpty()) return written;
    Path dir = out.resolve("factors");
    List<String> order = FactorData.byMeanErrorRatio(o);
    FigureStyle bars = ChartKit.taller(style, 10 + (o.models().size() + 1) / 2);
    written.addAll(FigureExport.writeAll(FactorCharts.errorRatio(null, o, order, bars), dir.resolve("error_ratio"), formats, bars));
    FigureStyle sc = ChartKit.taller(style, o.trend().fits().size() + 1);
    for (String f : order) {
      c.check();
      written.addAll(FigureExport.writeAll(FactorCharts.factorVsOverall(null, o, f, sc),
          dir.resolve("factor_vs_overall_" + FigureExport.safeName(FactorData.display(f).replace(' ', '_'))), formats, sc));
    }
    return written;
  }
}
