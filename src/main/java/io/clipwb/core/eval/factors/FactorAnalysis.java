package io.clipwb.core.eval.factors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.core.util.Cancellation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-factor accuracy and error ratio, as ImageNet-X defines them
 * ({@code facebookresearch/imagenetx, imagenet_x/aggregate.py}: {@code _compute_factor_accuracies}
 * and {@code error_ratio}):
 *
 * <ul>
 *   <li>factor accuracy = #(correct images with the factor) / #(images with the factor); an image
 *       with several factors counts for each (multi-factor annotations);
 *   <li>{@code average} (the "overall" accuracy) = mean correctness over <em>all</em> joined images,
 *       including images with no factor set;
 *   <li>{@code worst_factor} = the smallest factor accuracy (NaN ones skipped, as pandas' min);
 *   <li>error ratio = (1 − factor accuracy) / (1 − average): above 1, the factor hurts more than
 *       the model's average error.
 * </ul>
 *
 * Per group (metaclass) the same is computed on the group's images, in ImageNet-X's
 * {@code METACLASSES} order. As in the reference, a group with no correct image gets NaN factor
 * accuracies (its row is missing from the correct-only group-by), and a factor with no image gets
 * NaN.
 */
public final class FactorAnalysis {
  private FactorAnalysis() {}

  /** Settings recorded in the result. */
  public record Params(
      @JsonProperty("model") String model,
      @JsonProperty("annotations") String annotations,
      @JsonProperty("variant") String variant,
      @JsonProperty("predictions") String predictions) {}

  /** Accuracies of one set of images (the whole table or one group). */
  public record Accuracies(
      @JsonProperty("factor_accuracy") Map<String, Double> factorAccuracy,
      @JsonProperty("error_ratio") Map<String, Double> errorRatio,
      @JsonProperty("worst_factor_name") String worstFactorName,
      @JsonProperty("n_images") int nImages,
      @JsonProperty("n_correct") int nCorrect,
      @JsonProperty("factor_count") Map<String, Integer> factorCount,
      @JsonProperty("factor_correct") Map<String, Integer> factorCorrect) {}

  /**
   * The analysis of one model. {@code factorAccuracy} holds the factors in table order, then
   * {@code worst_factor} and {@code average}, exactly the columns of ImageNet-X's table;
   * {@code factorRows} lists, for every factor, the table rows that carry it (drill-down).
   */
  public record Result(
      Params params,
      @JsonProperty("factor_accuracy") Map<String, Double> factorAccuracy,
      @JsonProperty("error_ratio") Map<String, Double> errorRatio,
      @JsonProperty("worst_factor_name") String worstFactorName,
      Accuracies overall,
      @JsonProperty("per_metaclass") Map<String, Accuracies> perGroup,
      @JsonProperty("factor_rows") Map<String, int[]> factorRows,
      List<String> ids,
      boolean[] correct) {}

  /** Group order: ImageNet-X's metaclasses first, then any other group name sorted. */
  public static Result compute(FactorTable t, Params params, Cancellation cancel) {
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    if (t.size() == 0) throw new IllegalArgumentException("factor analysis: no images (empty join of annotations and predictions)");
    int[] all = new int[t.size()];
    for (int i = 0; i < all.length; i++) all[i] = i;
    Accuracies overall = accuracies(t, all);
    Map<String, Accuracies> per = new LinkedHashMap<>();
    if (t.groups() != null) {
      Map<String, List<Integer>> byGroup = new TreeMap<>();
      for (int i = 0; i < t.size(); i++) {
        if ((i & 4095) == 0) cancel.check();
        byGroup.computeIfAbsent(t.groups()[i], k -> new ArrayList<>()).add(i);
      }
      List<String> order = new ArrayList<>();
      for (String m : ImageNetX.METACLASSES) if (byGroup.containsKey(m)) order.add(m);
      for (String g : byGroup.keySet()) if (!order.contains(g)) order.add(g);
      for (String g : order) per.put(g, accuracies(t, byGroup.get(g).stream().mapToInt(Integer::intValue).toArray()));
    }
    Map<String, int[]> rows = new LinkedHashMap<>();
    for (int k = 0; k < t.factorNames().size(); k++) {
      List<Integer> r = new ArrayList<>();
      for (int i = 0; i < t.size(); i++) if (t.factors()[i][k]) r.add(i);
      rows.put(t.factorNames().get(k), r.stream().mapToInt(Integer::intValue).toArray());
    }
    return new Result(params, overall.factorAccuracy(), overall.errorRatio(), overall.worstFactorName(), overall, per, rows,
        t.ids(), t.correct().clone());
  }

  /** The reference's formulas on the rows {@code idx}. */
  static Accuracies accuracies(FactorTable t, int[] idx) {
    int nf = t.factorNames().size();
    int[] total = new int[nf];
    int[] correct = new int[nf];
    int nCorrect = 0;
    for (int i : idx) {
      boolean ok = t.correct()[i];
      if (ok) nCorrect++;
      for (int k = 0; k < nf; k++) {
        if (t.factors()[i][k]) {
          total[k]++;
          if (ok) correct[k]++;
        }
      }
    }
    double average = (double) nCorrect / idx.length;
    Map<String, Double> acc = new LinkedHashMap<>();
    Map<String, Double> ratio = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    Map<String, Integer> corr = new LinkedHashMap<>();
    double worst = Double.NaN;
    String worstName = null;
    for (int k = 0; k < nf; k++) {
      String f = t.factorNames().get(k);
      // no correct row at all: the reference's correct-only group-by has no row -> NaN
      double a = nCorrect == 0 ? Double.NaN : (double) correct[k] / total[k];
      acc.put(f, a);
      ratio.put(f, (1 - a) / (1 - average));
      count.put(f, total[k]);
      corr.put(f, correct[k]);
      if (!Double.isNaN(a) && (Double.isNaN(worst) || a < worst)) {
        worst = a;
        worstName = f;
      }
    }
    acc.put("worst_factor", worst);
    acc.put("average", average);
    return new Accuracies(acc, ratio, worstName, idx.length, nCorrect, count, corr);
  }
}
