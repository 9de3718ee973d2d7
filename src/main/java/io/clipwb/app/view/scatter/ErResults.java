package io.clipwb.app.view.scatter;

import io.clipwb.core.eval.shift.AccuracyTable;
import io.clipwb.core.eval.shift.EffectiveRobustness;
import io.clipwb.core.eval.shift.ErBaseline;
import io.clipwb.core.eval.shift.ShiftAccuracy;
import io.clipwb.core.project.ProjectReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Effective robustness per shifted set for a chosen baseline, always through the core
 * ({@link ErBaseline}, {@link EffectiveRobustness}): nothing is re-derived here. With every project
 * model as the baseline the report's own results are used as they are, so the view shows exactly
 * the numbers of {@code effective_robustness.csv}; a subset of the project's models, or an imported
 * accuracy table ({@link AccuracyTable}, what {@code clipwb shift --accuracy-table} reads), is fitted
 * by {@link ErBaseline#fit} with the project's models as the evaluated targets.
 */
public final class ErResults {
  private ErResults() {}

  /**
   * The baseline.
   *
   * @param models the project models of the baseline (null: all of them); ignored with a table
   * @param table an accuracy table of published models, or null
   * @param idColumn the table's ID column (null: its first)
   */
  public record Baseline(Set<String> models, AccuracyTable table, String idColumn) {
    public static Baseline allModels() {
      return new Baseline(null, null, null);
    }
  }

  /** One row of the ER table. */
  public record Row(String set, String model, boolean baseline, double idAccuracy, double shiftAccuracy, double fittedLogit,
      double erLogit, double fittedProbit, double erProbit) {}

  /** The computed results and, per shifted set that could not be fitted, why. */
  public record Outcome(List<EffectiveRobustness.Result> results, List<String> notes) {
    /** The rows of every result (set by set, the core's model order). */
    public List<Row> rows() {
      List<Row> out = new ArrayList<>();
      for (EffectiveRobustness.Result r : results) {
        for (EffectiveRobustness.ModelEr m : r.models()) {
          out.add(new Row(r.shiftSetting(), m.model(), r.logitFit().models().contains(m.model()), m.idAccuracy(), m.shiftAccuracy(),
              m.fittedLogit(), m.erLogit(), m.fittedProbit(), m.erProbit()));
        }
      }
      return out;
    }

    public Optional<EffectiveRobustness.Result> forSet(String set) {
      return results.stream().filter(r -> r.shiftSetting().equals(set)).findFirst();
    }
  }

  /** The shifted sets of a report (those some model has an accuracy on), in report order. */
  public static List<String> shiftedSets(ProjectReport r) {
    List<String> out = new ArrayList<>();
    for (ProjectReport.ModelReport m : r.models()) {
      for (ShiftAccuracy.Result s : m.shifts()) if (!out.contains(s.set())) out.add(s.set());
    }
    return out;
  }

  public static Outcome compute(ProjectReport report, Baseline b) {
    List<EffectiveRobustness.Result> out = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String id = report.models().isEmpty() ? "" : report.models().get(0).id().set();
    for (String set : shiftedSets(report)) {
      List<String> names = new ArrayList<>();
      List<double[]> pts = new ArrayList<>();
      for (ProjectReport.ModelReport m : report.models()) {
        m.shifts().stream().filter(s -> s.set().equals(set)).findFirst().ifPresent(s -> {
          names.add(m.model());
          pts.add(new double[] {m.id().accuracy(), s.accuracy()});
        });
      }
      try {
        if (b.table() != null) {
          AccuracyTable t = b.table();
          if (!t.settings().contains(set)) {
            notes.add(set + ": the accuracy table has no column '" + set + "'");
            continue;
          }
          String idc = b.idColumn() != null ? b.idColumn() : t.settings().get(0);
          List<EffectiveRobustness.ModelEr> own = new ArrayList<>();
          for (int i = 0; i < names.size(); i++) {
            double x = pts.get(i)[0];
            double y = pts.get(i)[1];
            if (x > 0 && x < 1 && y >= 0 && y <= 1) own.add(EffectiveRobustness.target(names.get(i), x, y));
          }
          out.add(ErBaseline.fromTable(t, idc, set).fit(own));
        } else if (b.models() == null || b.models().containsAll(names)) {
          Optional<EffectiveRobustness.Result> same = report.effectiveRobustness().stream().filter(r -> r.shiftSetting().equals(set))
              .findFirst();
          if (same.isPresent()) out.add(same.get());
          else notes.add(set + ": no fit in the report (" + names.size() + " models)");
        } else {
          List<String> bn = new ArrayList<>();
          List<double[]> bp = new ArrayList<>();
          List<EffectiveRobustness.ModelEr> extra = new ArrayList<>();
          for (int i = 0; i < names.size(); i++) {
            double[] p = pts.get(i);
            if (b.models().contains(names.get(i))) {
              bn.add(names.get(i));
              bp.add(p);
            } else if (p[0] > 0 && p[0] < 1 && p[1] >= 0 && p[1] <= 1) {
              extra.add(EffectiveRobustness.target(names.get(i), p[0], p[1]));
            }
          }
          double[] x = bp.stream().mapToDouble(v -> v[0]).toArray();
          double[] y = bp.stream().mapToDouble(v -> v[1]).toArray();
          out.add(new ErBaseline(id, set, bn, x, y).fit(extra));
        }
      } catch (IllegalArgumentException e) {
        notes.add(set + ": " + e.getMessage());
      }
    }
    return new Outcome(List.copyOf(out), List.copyOf(notes));
  }
}
