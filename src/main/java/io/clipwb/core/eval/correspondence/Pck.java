package io.clipwb.core.eval.correspondence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Semantic correspondence: PCK (percentage of correct keypoints) of keypoints transferred from a
 * source to a target image, with the SPair-71k threshold α · max(w, h) of the target bounding box.
 *
 * <p>Definition (juhongm999/dhpf {@code common/evaluation.py::Evaluator.classify_prd} and
 * {@code data/dataset.py::get_pckthres}): a predicted keypoint is correct when its Euclidean
 * distance to the annotated target keypoint is {@code ≤ α · max(x2 - x1, y2 - y1)} ({@code torch.le});
 * a pair's PCK is its fraction of correct keypoints, and the benchmark number is the mean of the
 * pairs' PCK ("per image"). The pooled fraction over all keypoints ("per point", used by e.g.
 * Probe3D) is reported beside it. Coordinates are pixels of the original images. Probe3D counts
 * strictly {@code <} ({@link Params#strictLess()}; {@code clipwb correspondence --protocol probe3d}).
 *
 * <p>Prediction from features ({@link #predict}): each source keypoint's feature (bilinearly
 * upsampled) is matched by cosine against every pixel of the target's feature footprint, as in the
 * geometric protocol ({@link DenseMatcher}).
 */
public final class Pck {
  private Pck() {}

  /**
   * @param alpha fraction of the box size (SPair-71k: 0.1)
   * @param strictLess count a keypoint correct only when its distance is {@code < α·max(w, h)}
   *     (Probe3D: {@code errors < thresh}) instead of {@code ≤} (dhpf's {@code torch.le}, the default)
   */
  public record Params(@JsonProperty("alpha") double alpha, @JsonProperty("strict_less") boolean strictLess) {
    public Params {
      if (!(alpha > 0)) throw new IllegalArgumentException("alpha must be positive, got " + alpha);
    }

    /** dhpf's {@code ≤}. */
    public Params(double alpha) {
      this(alpha, false);
    }

    public static Params defaults() {
      return new Params(0.1);
    }
  }

  /** One keypoint: source position, annotated and predicted target positions, distance, verdict. */
  public record Keypoint(
      @JsonProperty("src_x") double srcX,
      @JsonProperty("src_y") double srcY,
      @JsonProperty("gt_x") double gtX,
      @JsonProperty("gt_y") double gtY,
      @JsonProperty("pred_x") double predX,
      @JsonProperty("pred_y") double predY,
      @JsonProperty("distance") double distance,
      @JsonProperty("correct") boolean correct) {}

  public record PairPck(
      @JsonProperty("id") String id,
      @JsonProperty("category") String category,
      @JsonProperty("src_image") String srcImage,
      @JsonProperty("trg_image") String trgImage,
      @JsonProperty("threshold") double threshold,
      @JsonProperty("correct") int correct,
      @JsonProperty("total") int total,
      @JsonProperty("pck") double pck,
      @JsonProperty("keypoints") List<Keypoint> keypoints) {}

  /**
   * @param pckPerImage mean over pairs of the pair's PCK (dhpf / SPair-71k benchmark number)
   * @param pckPerPoint correct keypoints / all keypoints
   */
  public record Result(
      @JsonProperty("params") Params params,
      @JsonProperty("pck_per_image") double pckPerImage,
      @JsonProperty("pck_per_point") double pckPerPoint,
      @JsonProperty("pairs") int pairs,
      @JsonProperty("keypoints") int keypoints,
      @JsonProperty("per_category") Map<String, Double> perCategory,
      @JsonProperty("pair_results") List<PairPck> pairResults) {
    @JsonIgnore
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("alpha", params.alpha());
      m.put("strict_less", params.strictLess());
      m.put("pck_per_image", pckPerImage);
      m.put("pck_per_point", pckPerPoint);
      m.put("pairs", pairs);
      m.put("keypoints", keypoints);
      m.put("per_category", perCategory);
      return m;
    }
  }

  /** Scores predicted target keypoints ({@code predicted.get(p)[i]} for {@code pairs.get(p).trgKps()[i]}). */
  public static Result compute(List<SpairPair> pairs, List<double[][]> predicted, Params params) {
    if (pairs.size() != predicted.size()) {
      throw new IllegalArgumentException(pairs.size() + " pairs but " + predicted.size() + " sets of predicted keypoints");
    }
    if (pairs.isEmpty()) throw new IllegalArgumentException("no pairs to score");
    List<PairPck> out = new ArrayList<>();
    int allCorrect = 0;
    int all = 0;
    double sumPck = 0;
    Map<String, double[]> cat = new LinkedHashMap<>();
    for (int p = 0; p < pairs.size(); p++) {
      SpairPair pair = pairs.get(p);
      double[][] pred = predicted.get(p);
      if (pred.length != pair.trgKps().length) {
        throw new IllegalArgumentException("pair " + pair.id() + ": " + pred.length + " predictions for " + pair.trgKps().length + " keypoints");
      }
      double thr = params.alpha() * pair.pckUnit();
      List<Keypoint> kps = new ArrayList<>();
      int correct = 0;
      for (int i = 0; i < pred.length; i++) {
        double[] g = pair.trgKps()[i];
        double d = Math.hypot(pred[i][0] - g[0], pred[i][1] - g[1]);
        boolean ok = params.strictLess() ? d < thr : d <= thr;
        if (ok) correct++;
        kps.add(new Keypoint(pair.srcKps()[i][0], pair.srcKps()[i][1], g[0], g[1], pred[i][0], pred[i][1], d, ok));
      }
      double pck = (double) correct / pred.length;
      sumPck += pck;
      allCorrect += correct;
      all += pred.length;
      double[] c = cat.computeIfAbsent(pair.category(), k -> new double[2]);
      c[0] += pck;
      c[1] += 1;
      out.add(new PairPck(pair.id(), pair.category(), pair.srcImage(), pair.trgImage(), thr, correct, pred.length, pck, kps));
    }
    Map<String, Double> perCat = new LinkedHashMap<>();
    cat.forEach((k, v) -> perCat.put(k, v[0] / v[1]));
    return new Result(params, sumPck / pairs.size(), (double) allCorrect / all, pairs.size(), all, perCat, out);
  }

  /** Predicts target keypoints by nearest neighbour of each source keypoint's feature among the target's pixels. */
  public static double[][] predict(DenseFeatures src, DenseFeatures trg, double[][] srcKps, int stride) {
    DenseMatcher m = new DenseMatcher(trg, stride);
    double[][] out = new double[srcKps.length][];
    for (int i = 0; i < srcKps.length; i++) {
      double[] b = m.best(src.sampleNormalized(srcKps[i][0], srcKps[i][1]));
      out[i] = new double[] {b[0], b[1]};
    }
    return out;
  }

  /** One pair's features for {@link #computeFromFeatures}. */
  public record PairFeatures(@JsonProperty("src") DenseFeatures src, @JsonProperty("trg") DenseFeatures trg) {}

  /** Predicts with {@link #predict} for every pair, then scores. */
  public static Result computeFromFeatures(List<SpairPair> pairs, List<PairFeatures> features, Params params, int stride,
      Progress progress, Cancellation cancel) {
    java.util.Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    if (pairs.size() != features.size()) throw new IllegalArgumentException(pairs.size() + " pairs but " + features.size() + " feature pairs");
    List<double[][]> pred = new ArrayList<>();
    for (int p = 0; p < pairs.size(); p++) {
      cancel.check();
      pred.add(predict(features.get(p).src(), features.get(p).trg(), pairs.get(p).srcKps(), stride));
      progress.update(p + 1, pairs.size(), "semantic correspondence: " + (p + 1) + "/" + pairs.size() + " pairs");
    }
    return compute(pairs, pred, params);
  }
}
