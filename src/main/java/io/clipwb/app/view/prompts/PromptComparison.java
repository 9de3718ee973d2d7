package io.clipwb.app.view.prompts;

import io.clipwb.core.project.MetricTable;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompt lab's table without JavaFX: per model, the headline metrics under the current prompts
 * (the report) and under the new ones (the re-scored report), and their change. The columns are
 * the four: accuracy (in-distribution, and the mean over shifted sets when there are any),
 * ECE (in-distribution, before temperature scaling), AUROC (the first OOD set, the MCM score when
 * present) and shape bias (the first cue-conflict set).
 */
public final class PromptComparison {
  private PromptComparison() {}

  /**
   * One column.
   *
   * @param keys the metric keys averaged (one for a plain metric, several for the mean shifted accuracy)
   * @param higherIsBetter +1: an increase is an improvement, -1: a decrease is, 0: neither (shape bias)
   */
  public record Column(String label, List<String> keys, int higherIsBetter) {}

  /** One model's row: per column {current, new}. */
  public record Row(String model, Map<String, double[]> values) {
    public double current(Column c) {
      return values.get(c.label())[0];
    }

    public double next(Column c) {
      return values.get(c.label())[1];
    }

    public double delta(Column c) {
      return next(c) - current(c);
    }
  }

  /** The columns a report supports, in display order. */
  public static List<Column> columns(Project p, MetricTable current) {
    List<Column> cols = new ArrayList<>();
    String id = p.idSet().name();
    cols.add(new Column("accuracy (" + id + ")", List.of("acc/" + id), 1));
    List<String> shifted = new ArrayList<>();
    for (Project.DataSetEntry d : p.datasets()) if (d.isShifted() && current.column("acc/" + d.name()) >= 0) shifted.add("acc/" + d.name());
    if (!shifted.isEmpty()) cols.add(new Column("mean shifted accuracy", List.copyOf(shifted), 1));
    cols.add(new Column("ECE (" + id + ")", List.of("ece/" + id), -1));
    String auroc = null;
    for (MetricTable.Metric m : current.metrics()) {
      if (m.kind() != MetricTable.Kind.AUROC) continue;
      String mcm = "auroc/" + m.set() + "/mcm";
      auroc = current.column(mcm) >= 0 ? mcm : m.key();
      break;
    }
    if (auroc != null) cols.add(new Column("AUROC (" + auroc.substring("auroc/".length()) + ")", List.of(auroc), 1));
    for (MetricTable.Metric m : current.metrics()) {
      if (m.kind() == MetricTable.Kind.SHAPE_BIAS) {
        cols.add(new Column("shape bias (" + m.set() + ")", List.of(m.key()), 0));
        break;
      }
    }
    return cols;
  }

  /** The rows: every model of the re-scored table that the current one has. */
  public static List<Row> rows(List<Column> cols, MetricTable current, MetricTable next) {
    List<Row> rows = new ArrayList<>();
    for (String model : next.models()) {
      if (!current.models().contains(model)) continue;
      Map<String, double[]> v = new LinkedHashMap<>();
      for (Column c : cols) v.put(c.label(), new double[] {mean(current, model, c.keys()), mean(next, model, c.keys())});
      rows.add(new Row(model, v));
    }
    return rows;
  }

  private static double mean(MetricTable t, String model, List<String> keys) {
    double s = 0;
    for (String k : keys) s += t.value(model, k);
    return s / keys.size();
  }
}
