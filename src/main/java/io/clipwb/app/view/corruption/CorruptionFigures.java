package io.clipwb.app.view.corruption;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.eval.corruption.CorruptionEval;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every corruption figure of a project report, written headless (no JavaFX) with the view's own
 * chart code: what {@code clipwb figures --views corruption} runs.
 *
 * <p>Layout under the output folder, per corrupted set: {@code corruption/<set>/<model>_accuracy.<ext>}
 * and {@code <model>_ece.<ext>} (heatmaps), {@code curves_mean.<ext>} (accuracy against severity,
 * mean over the mCE corruptions, every model) and {@code curves_<corruption>.<ext>} per corruption.
 * Options: {@code colour_by} (a factor name, default "model") and {@code baseline_csv} (baseline
 * errors, {@code corruption,1,2,3,4,5}; CE is then normalised).
 */
public final class CorruptionFigures {
  private CorruptionFigures() {}

  /** Writes the figures and returns the files written, in order. */
  public static List<Path> write(ProjectReport report, Path runs, Path out, List<FigureFormat> formats, FigureStyle style,
      String colourBy, Path baselineCsv, Cancellation cancel) {
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    CorruptionEval.Baseline baseline = baselineCsv == null ? null : CorruptionEval.readBaseline(baselineCsv);
    String factor = colourBy == null ? CorruptionData.BY_MODEL : colourBy;
    List<Path> written = new ArrayList<>();
    for (String set : CorruptionData.sets(report)) {
      Path dir = out.resolve("corruption").resolve(FigureExport.safeName(set));
      Map<String, CorruptionEval.Result> results = CorruptionData.results(report, set, null, baseline, runs);
      for (Map.Entry<String, CorruptionEval.Result> e : results.entrySet()) {
        c.check();
        String m = e.getKey();
        for (CorruptionCharts.Metric metric : CorruptionCharts.Metric.values()) {
          var chart = CorruptionCharts.heatmap(m + " / " + set + ": " + metric.label, e.getValue(), metric, style);
          String name = FigureExport.safeName(m) + "_" + metric.name().toLowerCase(java.util.Locale.ROOT);
          written.addAll(FigureExport.writeAll(chart, dir.resolve(name), formats, style));
        }
      }
      if (results.isEmpty()) continue;
      List<String> keys = new ArrayList<>();
      List<CorruptionCharts.Curve> curves = CorruptionData.curves(report, results, factor, keys);
      FigureStyle tall = tallForLegend(style, curves.size());
      List<String> which = new ArrayList<>();
      which.add(CorruptionCharts.MEAN);
      which.addAll(CorruptionData.corruptions(results.values().iterator().next()));
      for (String corr : which) {
        c.check();
        String title = set + ": " + (CorruptionCharts.MEAN.equals(corr) ? "mean over corruptions" : corr);
        var chart = CorruptionCharts.curves(title, curves, corr, keys, tall);
        written.addAll(FigureExport.writeAll(chart, dir.resolve("curves_" + FigureExport.safeName(corr)), formats, tall));
      }
    }
    return written;
  }

  /** The style grown by the legend's lines (one per model, under the plot). */
  static FigureStyle tallForLegend(FigureStyle style, int lines) {
    double extraMm = lines * Math.max(4, style.fontSizePt() - 1) * 1.35 / 72 * 25.4;
    return new FigureStyle(style.widthMm(), Math.min(2000, style.heightMm() + extraMm), style.dpi(), style.fontFamily(),
        style.fontSizePt());
  }
}
