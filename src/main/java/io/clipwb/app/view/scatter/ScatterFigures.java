package io.clipwb.app.view.scatter;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import io.clipwb.core.eval.shift.AccuracyTable;
import io.clipwb.core.eval.shift.EffectiveRobustness;
import io.clipwb.core.project.MetricTable;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;

/**
 * The cross-model figures of a project report, written headless (no JavaFX) for {@code clipwb
 * figures}: {@code scatter/<x>_vs_<y>.<ext>}, by default the in-distribution accuracy against the
 * mean accuracy over the shifted sets coloured by architecture family, and
 * {@code scatter/er_<set>.<ext>} per shifted set, the effective-robustness plot on logit axes with
 * all project models as the baseline (the report's own fit), or an accuracy table's models when
 * one is given.
 */
public final class ScatterFigures {
  private ScatterFigures() {}

  /**
   * @param xKey x metric key (null: {@code acc/<ID set>})
   * @param yKey y metric key (null: the mean shift accuracy, else the first other metric)
   * @param factor colouring factor (null: architecture family)
   * @param table accuracy table for the ER baseline, or null for the project's models
   * @param probit probit axes instead of logit
   */
  public static List<Path> write(ProjectReport report, Path out, List<FigureFormat> formats, FigureStyle style, String xKey,
      String yKey, String factor, AccuracyTable table, boolean probit, Cancellation cancel) {
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    List<Path> written = new ArrayList<>();
    if (report.models().isEmpty()) return written;
    Path dir = out.resolve("scatter");
    MetricTable t = report.metrics();
    List<ScatterData.Axis> axes = ScatterData.axes(t, report.roles());
    String x = xKey != null ? xKey : "acc/" + report.models().get(0).id().set();
    String y = yKey;
    if (y == null) {
      y = axes.stream().anyMatch(a -> a.key().equals(ScatterData.MEAN_SHIFT)) ? ScatterData.MEAN_SHIFT
          : axes.stream().map(ScatterData.Axis::key).filter(k -> !k.equals(x)).findFirst().orElse(null);
    }
    if (y != null) {
      ScatterData d = ScatterData.of(t, report.roles(), x, y, factor == null ? "architecture_family" : factor);
      if (!d.points().isEmpty()) {
        FigureStyle tall = ChartKit.taller(style, d.groups().size());
        JFreeChart chart = ScatterChart.create(null, d, null, true, tall);
        written.addAll(FigureExport.writeAll(chart, dir.resolve(FigureExport.safeName(x + "_vs_" + y)), formats, tall));
      }
    }
    ErResults.Outcome o = ErResults.compute(report, new ErResults.Baseline(null, table, null));
    Set<String> own = new HashSet<>(report.models().stream().map(ProjectReport.ModelReport::model).toList());
    EffectiveRobustness.Axis axis = probit ? EffectiveRobustness.Axis.PROBIT : EffectiveRobustness.Axis.LOGIT;
    FigureStyle er = ChartKit.taller(style, 2);
    for (EffectiveRobustness.Result r : o.results()) {
      c.check();
      JFreeChart chart = ErChart.create(null, r, axis, own, null, er);
      written.addAll(FigureExport.writeAll(chart, dir.resolve("er_" + FigureExport.safeName(r.shiftSetting())), formats, er));
    }
    return written;
  }
}
