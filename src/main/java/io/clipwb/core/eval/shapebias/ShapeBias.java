package io.clipwb.core.eval.shapebias;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.core.util.Cancellation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shape vs texture bias on cue-conflict trials, exactly as model-vs-human computes it
 * ({@code bethgelab/model-vs-human, modelvshuman/plotting/analyses.py, ShapeBias.analysis}; the
 * texture-vs-shape recipe of Geirhos et al., ICLR 2019):
 *
 * <ul>
 *   <li>texture class from the image name ({@link CueConflictNames#textureCategory}), shape class =
 *       the trial's {@code category};
 *   <li>rows whose shape equals their texture (no cue conflict) are removed from the numerators
 *       only: {@code fraction_correct_shape = #(conflict rows answered with the shape) / #(all rows)},
 *       the same for texture;
 *   <li>{@code shape_bias = fraction_correct_shape / (fraction_correct_shape + fraction_correct_texture)}.
 * </ul>
 *
 * Per category (grouped by shape class, sorted, as model-vs-human's shape-bias plots do) the same
 * analysis is applied to that category's rows. The arithmetic follows the reference step by step
 * (ratio of fractions, not of counts), so results equal the reference's floats. Where a group has
 * neither shape nor texture decisions the bias is NaN (the reference raises ZeroDivisionError).
 */
public final class ShapeBias {
  private ShapeBias() {}

  /** Which decision maker produced the trials and how; recorded in the result. */
  public record Params(
      @JsonProperty("decision_source") String decisionSource,
      @JsonProperty("decision_mode") String decisionMode) {
    public static Params of(String source, String mode) {
      return new Params(source, mode);
    }
  }

  /** The three numbers of the recipe plus their counts. */
  public record Stats(
      @JsonProperty("shape_bias") double shapeBias,
      @JsonProperty("fraction_correct_shape") double fractionCorrectShape,
      @JsonProperty("fraction_correct_texture") double fractionCorrectTexture,
      @JsonProperty("n_trials") int nTrials,
      @JsonProperty("n_no_conflict") int nNoConflict,
      @JsonProperty("n_shape_decisions") int nShape,
      @JsonProperty("n_texture_decisions") int nTexture) {}

  /**
   * How one trial counted: {@code shape}, {@code texture}, {@code other} (a third class) or
   * {@code no-conflict} (shape == texture, left out of the numerators). {@code row} is the trial's
   * position in the input list, so every aggregate can be traced back to its trials; {@code runRow}
   * is the row of the run folder the decision came from (-1 for trials not from a run, e.g. human
   * observers), the key to the image through a row resolver.
   */
  public record TrialOutcome(
      int row, String subj, String imagename, String category, String texture, String response, String outcome,
      @JsonProperty("run_row") int runRow) {}

  /** Overall and per-category statistics with the per-trial outcomes. */
  public record Result(
      Params params,
      @JsonProperty("shape_bias") double shapeBias,
      @JsonProperty("fraction_correct_shape") double fractionCorrectShape,
      @JsonProperty("fraction_correct_texture") double fractionCorrectTexture,
      Stats overall,
      @JsonProperty("per_category") Map<String, Stats> perCategory,
      List<TrialOutcome> trials) {}

  /** Runs the recipe over {@code trials} (pooled: all subjects together). */
  public static Result compute(List<Trial> trials, Params params, Cancellation cancel) {
    return compute(trials, null, params, cancel);
  }

  /**
   * Runs the recipe over model decisions taken from a run folder.
   *
   * @param runRows the run row of each trial (same length as {@code trials}), or null when the
   *     trials do not come from a run
   */
  public static Result compute(List<Trial> trials, int[] runRows, Params params, Cancellation cancel) {
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    if (runRows != null && runRows.length != trials.size()) {
      throw new IllegalArgumentException("shape bias: " + runRows.length + " run rows for " + trials.size() + " trials");
    }
    if (trials.isEmpty()) throw new IllegalArgumentException("shape bias: no trials (empty input)");
    List<TrialOutcome> outcomes = new ArrayList<>(trials.size());
    Map<String, List<TrialOutcome>> byCategory = new TreeMap<>();
    for (int i = 0; i < trials.size(); i++) {
      if ((i & 1023) == 0) cancel.check();
      Trial t = trials.get(i);
      String texture = CueConflictNames.textureCategory(t.imagename());
      String shape = t.category();
      String r = t.objectResponse();
      String kind = shape.equals(texture) ? "no-conflict" : r.equals(shape) ? "shape" : r.equals(texture) ? "texture" : "other";
      TrialOutcome o = new TrialOutcome(i, t.subj(), t.imagename(), shape, texture, r, kind, runRows == null ? -1 : runRows[i]);
      outcomes.add(o);
      byCategory.computeIfAbsent(shape, k -> new ArrayList<>()).add(o);
    }
    Stats overall = stats(outcomes);
    Map<String, Stats> per = new LinkedHashMap<>();
    byCategory.forEach((k, v) -> per.put(k, stats(v)));
    return new Result(params, overall.shapeBias(), overall.fractionCorrectShape(), overall.fractionCorrectTexture(),
        overall, per, List.copyOf(outcomes));
  }

  /** The recipe on one group of trial outcomes. */
  static Stats stats(List<TrialOutcome> rows) {
    int n = rows.size();
    int shape = 0;
    int texture = 0;
    int noConflict = 0;
    for (TrialOutcome o : rows) {
      switch (o.outcome()) {
        case "shape" -> shape++;
        case "texture" -> texture++;
        case "no-conflict" -> noConflict++;
        default -> { }
      }
    }
    double fs = (double) shape / n;
    double ft = (double) texture / n;
    double bias = (fs + ft) == 0 ? Double.NaN : fs / (fs + ft);
    return new Stats(bias, fs, ft, n, noConflict, shape, texture);
  }
}
