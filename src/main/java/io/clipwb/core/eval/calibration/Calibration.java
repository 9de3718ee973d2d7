package io.clipwb.core.eval.calibration;

import io.clipwb.core.eval.EvalInputs;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calibration evaluation: metrics of one set from its per-sample statistics, metrics per group
 * of items (corruption x severity, metadata factor, ...), and the full report of one model
 * (temperature fitted on an explicit ID split, then applied to every shifted set: before/after).
 *
 * <p>Everything binned is computed from {@link SampleStats} (confidence, correctness, per-sample
 * NLL and Brier), never from a model; only the temperature fit and the "after" statistics read the
 * cached logits.
 */
public final class Calibration {
  private static final Logger LOG = LoggerFactory.getLogger(Calibration.class);

  private Calibration() {}

  /** One set of cached logits to evaluate. */
  public record Input(String name, double[][] logits, int[] labels, Map<String, int[]> groups) {
    public Input(String name, double[][] logits, int[] labels) {
      this(name, logits, labels, Map.of());
    }
  }

  /**
   * All metrics of one set.
   *
   * @param bins number of bins for every binned metric
   * @param keepItems whether reliability bins list the source rows of their samples
   */
  public static CalibrationMetrics metrics(SampleStats s, int bins, boolean keepItems) {
    int n = s.size();
    if (n == 0) throw new IllegalArgumentException("calibration metrics of an empty set");
    boolean[] correct = s.correctness();
    int nc = 0;
    double nll = 0;
    double brier = 0;
    for (int i = 0; i < n; i++) {
      if (correct[i]) nc++;
      nll += s.nll()[i];
      brier += s.brier()[i];
    }
    List<ReliabilityBin> eq = Binning.equalWidth(s.confidence(), correct, s.ids(), bins, keepItems);
    List<ReliabilityBin> am = Binning.equalMass(s.confidence(), correct, s.ids(), bins, keepItems);
    return new CalibrationMetrics(
        n,
        (double) nc / n,
        Binning.ece(eq, n),
        Binning.eceImagenetX(s.confidence(), correct, bins),
        Binning.mce(eq),
        Binning.ece(am, n),
        nll / n,
        brier / n,
        bins,
        eq,
        am);
  }

  /** Metrics of one named group of items. */
  public record GroupMetrics(String group, int[] rows, CalibrationMetrics metrics) {}

  /**
   * Metrics per group of items: calibration under shift per corruption and severity, per metadata
   * factor, per class — whatever the caller groups by. Groups are lists of source rows; rows with
   * unknown label are ignored; an empty group yields no entry.
   */
  public static List<GroupMetrics> perGroup(SampleStats s, Map<String, int[]> groups, int bins, boolean keepItems) {
    List<GroupMetrics> out = new ArrayList<>();
    for (Map.Entry<String, int[]> g : groups.entrySet()) {
      SampleStats sub = s.selectRows(g.getValue());
      if (sub.size() == 0) continue;
      out.add(new GroupMetrics(g.getKey(), g.getValue(), metrics(sub, bins, keepItems)));
    }
    return out;
  }

  /**
   * The full calibration report of one model: metrics of the ID set before temperature scaling, T
   * fitted on the calibration split, ID metrics after T on the evaluation split, and every shifted
   * set (and each of its groups) before and after T.
   */
  public static CalibrationResult compute(
      Input id, List<Input> shifted, CalibrationParams p, Progress progress, Cancellation cancel) {
    java.util.Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    Progress pr = progress;
    Cancellation c = cancel;
    EvalInputs.checkMatrix(id.logits(), id.name(), 2);
    EvalInputs.checkLabels(id.labels(), id.logits().length, id.logits()[0].length, id.name());
    int total = 2 + shifted.size();
    pr.update(0, total, "fitting temperature on " + id.name());
    CalibrationSplit split = CalibrationSplit.of(id.logits().length, p.calibFraction(), p.seed());
    TemperatureScaling.Fit fit =
        TemperatureScaling.fit(id.logits(), id.labels(), split.calibration(), p.tempLower(), p.tempUpper(), p.tempEps(), c);
    LOG.debug("temperature {} fitted on {} rows of {}", fit.temperature(), fit.rows(), id.name());
    pr.update(1, total, "ID set");

    List<CalibrationResult.SetRow> table = new ArrayList<>();
    Map<String, CalibrationMetrics> before = new LinkedHashMap<>();
    Map<String, CalibrationMetrics> after = new LinkedHashMap<>();
    List<CalibrationResult.GroupRow> groupRows = new ArrayList<>();
    Map<String, SampleStats> sb = new LinkedHashMap<>();
    Map<String, SampleStats> sa = new LinkedHashMap<>();

    SampleStats idBefore = SampleStats.fromLogits(id.logits(), id.labels(), 1.0, id.name()).selectRows(split.evaluation());
    SampleStats idAfter =
        SampleStats.fromLogits(id.logits(), id.labels(), fit.temperature(), id.name()).selectRows(split.evaluation());
    addSet(id.name(), split.inSample() ? "id (in-sample)" : "id (held-out)", idBefore, idAfter, id.groups(), p,
        table, before, after, groupRows);
    sb.put(id.name(), idBefore);
    sa.put(id.name(), idAfter);
    pr.update(2, total, "shifted sets");
    int k = 2;
    for (Input s : shifted) {
      c.check();
      SampleStats b = SampleStats.fromLogits(s.logits(), s.labels(), 1.0, s.name());
      SampleStats a = SampleStats.fromLogits(s.logits(), s.labels(), fit.temperature(), s.name());
      addSet(s.name(), "shift", b, a, s.groups(), p, table, before, after, groupRows);
      sb.put(s.name(), b);
      sa.put(s.name(), a);
      pr.update(++k, total, s.name());
    }
    return new CalibrationResult(
        CalibrationResult.VERSION, p,
        new CalibrationResult.SplitInfo(split.n(), split.fraction(), split.seed(), split.calibration().length,
            split.evaluation().length, split.inSample()),
        fit, table, groupRows, before, after, sb, sa);
  }

  private static void addSet(
      String name, String role, SampleStats b, SampleStats a, Map<String, int[]> groups, CalibrationParams p,
      List<CalibrationResult.SetRow> table, Map<String, CalibrationMetrics> before, Map<String, CalibrationMetrics> after,
      List<CalibrationResult.GroupRow> groupRows) {
    if (before.containsKey(name)) throw new IllegalArgumentException("two sets are named " + name);
    CalibrationMetrics mb = metrics(b, p.bins(), p.keepItems());
    CalibrationMetrics ma = metrics(a, p.bins(), p.keepItems());
    before.put(name, mb);
    after.put(name, ma);
    table.add(CalibrationResult.SetRow.of(name, role, mb, ma));
    if (groups == null) return;
    for (Map.Entry<String, int[]> g : groups.entrySet()) {
      SampleStats gb = b.selectRows(g.getValue());
      if (gb.size() == 0) continue;
      SampleStats ga = a.selectRows(g.getValue());
      groupRows.add(CalibrationResult.GroupRow.of(name, g.getKey(), metrics(gb, p.bins(), false), metrics(ga, p.bins(), false),
          gb.ids()));
    }
  }
}
