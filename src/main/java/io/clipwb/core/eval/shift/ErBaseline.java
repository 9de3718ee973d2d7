package io.clipwb.core.eval.shift;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of an effective-robustness fit, assembled once for every front end: the models whose
 * (ID accuracy, shift accuracy) points define the linear fit on the logit/probit axes (Taori et al.
 * 2020), and the targets whose ER is reported — every baseline model whose accuracies have a logit
 * (ID strictly inside (0, 1), shift inside [0, 1]) plus the models under study.
 *
 * <p>Sources: the project's own models ({@code ProjectReport}), an accuracy table of published
 * models, or baseline run folders ({@code clipwb shift}).
 *
 * @param models baseline model names
 * @param id their ID accuracies (fractions; NaN = missing)
 * @param shift their shift accuracies
 */
public record ErBaseline(String idSetting, String shiftSetting, List<String> models, double[] id, double[] shift) {

  public ErBaseline {
    models = List.copyOf(models);
    if (models.size() != id.length || id.length != shift.length) {
      throw new IllegalArgumentException("baseline: mismatched lengths (" + models.size() + " names, " + id.length
          + " ID and " + shift.length + " shift accuracies)");
    }
  }

  /** A baseline from an accuracy table's two columns. */
  public static ErBaseline fromTable(AccuracyTable t, String idColumn, String shiftColumn) {
    return new ErBaseline(idColumn, shiftColumn, t.models(), t.column(idColumn), t.column(shiftColumn));
  }

  /** The baseline models that are also evaluated: those whose accuracies have a logit. */
  public List<EffectiveRobustness.ModelEr> baselineTargets() {
    List<EffectiveRobustness.ModelEr> targets = new ArrayList<>();
    for (int r = 0; r < models.size(); r++) {
      if (id[r] > 0 && id[r] < 1 && shift[r] >= 0 && shift[r] <= 1) {
        targets.add(EffectiveRobustness.target(models.get(r), id[r], shift[r]));
      }
    }
    return targets;
  }

  /**
   * Fits the baseline and evaluates its own models plus {@code extra}.
   *
   * @throws IllegalArgumentException when too few baseline points have a logit for a fit
   */
  public EffectiveRobustness.Result fit(List<EffectiveRobustness.ModelEr> extra) {
    List<EffectiveRobustness.ModelEr> targets = baselineTargets();
    targets.addAll(extra);
    return EffectiveRobustness.compute(idSetting, shiftSetting, models, id, shift, targets);
  }
}
