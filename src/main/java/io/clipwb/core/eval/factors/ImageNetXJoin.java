package io.clipwb.core.eval.factors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.core.eval.runio.RowProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins ImageNet-X annotations to one model's predictions by file name, as ImageNet-X's
 * {@code augment_model_predictions} does ({@code pd.merge(annotations, predictions,
 * on="file_name", how="inner")}, after {@code load_annotations} removed the prototype images).
 * Annotations or predictions that appear twice are an error (the reference's {@code sanity_check}).
 */
public final class ImageNetXJoin {
  private ImageNetXJoin() {}

  /** Counts of the join, recorded next to the result. */
  public record JoinStats(
      @JsonProperty("n_annotations") int nAnnotations,
      @JsonProperty("n_prototypes_removed") int nPrototypesRemoved,
      @JsonProperty("n_predictions") int nPredictions,
      @JsonProperty("n_joined") int nJoined,
      @JsonProperty("n_annotations_without_prediction") int nAnnotationsWithoutPrediction,
      @JsonProperty("n_predictions_without_annotation") int nPredictionsWithoutAnnotation) {}

  /** The joined table and its counts. */
  public record Joined(FactorTable table, JoinStats stats) {}

  /**
   * @param metaclassOfClass metaclass per ImageNet class (null: no per-metaclass view)
   * @param prototypes file names to drop before joining (empty: keep all)
   */
  public static Joined join(List<ImageNetX.Annotation> annotations, List<PredictionCsv.Prediction> predictions,
      String[] metaclassOfClass, Set<String> prototypes) {
    Map<String, PredictionCsv.Prediction> byName = new HashMap<>();
    List<RowProblem> dups = new ArrayList<>();
    for (PredictionCsv.Prediction p : predictions) {
      if (byName.putIfAbsent(p.fileName(), p) != null) dups.add(new RowProblem("predictions", p.line(), "second prediction for " + p.fileName()));
    }
    if (!dups.isEmpty()) throw new IllegalArgumentException("predictions: several predictions for some images: " + dups.subList(0, Math.min(5, dups.size())));
    Map<String, Integer> seen = new HashMap<>();
    List<String> ids = new ArrayList<>();
    List<Boolean> ok = new ArrayList<>();
    List<boolean[]> fs = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    int removed = 0;
    int kept = 0;
    for (ImageNetX.Annotation a : annotations) {
      if (prototypes.contains(a.fileName())) {
        removed++;
        continue;
      }
      kept++;
      Integer prev = seen.putIfAbsent(a.fileName(), a.line());
      if (prev != null) {
        throw new IllegalArgumentException("annotations: " + a.fileName() + " is annotated twice (lines " + prev + " and " + a.line() + ")");
      }
      PredictionCsv.Prediction p = byName.get(a.fileName());
      if (p == null) continue;
      boolean correct = p.isCorrect() != null ? p.isCorrect() : p.predictedClass() == a.classIndex();
      ids.add(a.fileName());
      ok.add(correct);
      fs.add(a.factors());
      groups.add(metaclassOfClass == null ? null : metaclassOfClass[a.classIndex()]);
      rows.add(a.line());
    }
    boolean[] c = new boolean[ok.size()];
    for (int i = 0; i < c.length; i++) c[i] = ok.get(i);
    FactorTable t = new FactorTable(List.copyOf(ids), c, ImageNetX.FACTORS, fs.toArray(boolean[][]::new),
        metaclassOfClass == null ? null : groups.toArray(String[]::new), rows.stream().mapToInt(Integer::intValue).toArray());
    int joined = ids.size();
    return new Joined(t, new JoinStats(annotations.size(), removed, predictions.size(), joined, kept - joined, predictions.size() - joined));
  }
}
