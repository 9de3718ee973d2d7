package io.clipwb.core.eval.correspondence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Geometric correspondence under Probe3D's published ScanNet setting (El Banani et al., CVPR 2024;
 * mbanani/probe3d {@code evaluate_scannet_correspondence.py} with {@code configs/scannet_correspondence.yaml},
 * {@code evals/utils/correspondence.py}), so that numbers can be compared with the paper's.
 *
 * <p>Why a second protocol beside {@link Correspondence}: the workbench's default scores uniformly
 * sampled, visible pixels at full resolution; Probe3D lets the model choose its 1,000 most
 * distinctive matches and measures at a quarter of the resolution. Per pair (A, B):
 *
 * <ol>
 *   <li>Depth is downsampled by {@code scale_factor} 0.25 with nearest neighbour (PyTorch
 *       {@code interpolate} default: source pixel {@code floor(i / 0.25)}), the intrinsics' first two
 *       rows are multiplied by 0.25: 640×480 becomes 160×120, so 5/10/20 px are 20/40/80 px at full size.
 *   <li>Every scaled pixel with depth &gt; 0 becomes a 3D point, with the pixel centre at +0.5:
 *       {@code K⁻¹ · depth · (x + 0.5, y + 0.5, 1)} — in both views; pixels without depth are
 *       neither queries nor candidates, and nothing else (visibility in B, occlusion) is checked.
 *   <li>Each point's feature is read bilinearly at its pixel from the feature map spread over the
 *       whole image ({@code grid_sample(align_corners=False)}); features are L2-normalised.
 *   <li>Every A point finds its two nearest B points by cosine; its ratio-test weight is
 *       {@code 1 - max(d1, 1e-9) / max(d2, 1e-9)} with {@code d = 1 - cos}; the 1,000 A points of
 *       highest weight are kept (ties: lower index first).
 *   <li>Error: A's point moved into B's camera by the relative pose and projected with the scaled
 *       intrinsics ({@code z} clamped to 1e-9), against B's matched point projected likewise, in
 *       scaled pixels.
 * </ol>
 *
 * Recall at T is the fraction of all matches with error {@code < T}; recall@10 binned by rotation
 * angle is the mean of the pairs' recall@10 over pairs with angle in [lo, hi) — 180° itself falls in
 * no bin ({@code compute_binned_performance}). The search and the ratio test run in float32, as
 * Probe3D's (faiss, torch); summation order still differs, so a match or two at the 1,000th place can
 * swap with its neighbour in weight (the test allows two per pair and checks every other match).
 * Checked against Probe3D's own functions by {@code Probe3dCorrespondenceTest}.
 */
public final class Probe3dCorrespondence {
  private Probe3dCorrespondence() {}

  /** Probe3D's published setting: 0.25, 1,000 matches, 5/10/20 px, bins 0/15/30/60/180°, binned at 10 px. */
  public record Params(
      @JsonProperty("scale_factor") double scaleFactor,
      @JsonProperty("num_corr") int numCorr,
      @JsonProperty("thresholds_px") double[] thresholdsPx,
      @JsonProperty("bin_edges_deg") double[] binEdgesDeg,
      @JsonProperty("binned_threshold_px") double binnedThresholdPx) {
    public Params {
      if (!(scaleFactor > 0) || scaleFactor > 1) throw new IllegalArgumentException("scale_factor must be in (0, 1], got " + scaleFactor);
      if (numCorr < 1) throw new IllegalArgumentException("num_corr must be ≥ 1, got " + numCorr);
      if (thresholdsPx == null || thresholdsPx.length == 0) throw new IllegalArgumentException("at least one pixel threshold needed");
      if (binEdgesDeg == null || binEdgesDeg.length < 2) throw new IllegalArgumentException("at least two bin edges needed");
      thresholdsPx = thresholdsPx.clone();
      binEdgesDeg = binEdgesDeg.clone();
    }

    public static Params published() {
      return new Params(0.25, 1000, new double[] {5, 10, 20}, new double[] {0, 15, 30, 60, 180}, 10);
    }
  }

  /**
   * One kept match, in scaled pixels: A's pixel (x, y), B's matched pixel, where A's point lands in
   * B ({@code gt}), where B's matched point projects ({@code pred}), the error and the ratio-test weight.
   */
  public record Match(
      @JsonProperty("xa") int xa, @JsonProperty("ya") int ya,
      @JsonProperty("xb") int xb, @JsonProperty("yb") int yb,
      @JsonProperty("gt_u") double gtU, @JsonProperty("gt_v") double gtV,
      @JsonProperty("pred_u") double predU, @JsonProperty("pred_v") double predV,
      @JsonProperty("error_px") double errorPx,
      @JsonProperty("weight") double weight) {}

  public record PairResult(
      @JsonProperty("id") String id,
      @JsonProperty("view_a") String viewA,
      @JsonProperty("view_b") String viewB,
      @JsonProperty("rotation_deg") double rotationDeg,
      @JsonProperty("scaled_width") int scaledWidth,
      @JsonProperty("scaled_height") int scaledHeight,
      @JsonProperty("points_a") int pointsA,
      @JsonProperty("points_b") int pointsB,
      @JsonProperty("recall") Map<String, Double> recall,
      @JsonProperty("matches") List<Match> matches) {}

  public record Result(
      @JsonProperty("protocol") String protocol,
      @JsonProperty("params") Params params,
      @JsonProperty("recall") Map<String, Double> recall,
      @JsonProperty("matches") int matches,
      @JsonProperty("rotation_bins") List<Correspondence.Bin> rotationBins,
      @JsonProperty("pairs") List<PairResult> pairs) {
    @JsonIgnore
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("protocol", protocol);
      m.put("pairs", pairs.size());
      m.put("matches", matches);
      m.put("recall", recall);
      m.put("pixels", "scaled by " + params.scaleFactor());
      List<Map<String, Object>> bins = new ArrayList<>();
      for (Correspondence.Bin b : rotationBins) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("rotation_deg", "[" + Correspondence.fmt(b.loDeg()) + ", " + Correspondence.fmt(b.hiDeg()) + ")");
        x.put("pairs", b.pairs());
        x.put("recall@" + Correspondence.fmt(params.binnedThresholdPx()) + "px", b.recall());
        bins.add(x);
      }
      m.put("rotation_bins", bins);
      return m;
    }
  }

  /** Evaluates all pairs. Features must cover each whole image (Probe3D spreads them over it). */
  public static Result compute(List<Correspondence.Pair> pairs, Params params, Progress progress, Cancellation cancel) {
    java.util.Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    if (pairs.isEmpty()) throw new IllegalArgumentException("no pairs to evaluate");
    List<PairResult> results = new ArrayList<>();
    for (int p = 0; p < pairs.size(); p++) {
      cancel.check();
      results.add(evaluatePair(pairs.get(p), params, cancel));
      progress.update(p + 1, pairs.size(), "correspondence (probe3d): " + (p + 1) + "/" + pairs.size() + " pairs");
    }
    Map<String, Double> recall = new LinkedHashMap<>();
    int total = results.stream().mapToInt(r -> r.matches().size()).sum();
    for (double t : params.thresholdsPx()) {
      long hit = results.stream().flatMap(r -> r.matches().stream()).filter(m -> m.errorPx() < t).count();
      recall.put(Correspondence.key(t), total == 0 ? Double.NaN : (double) hit / total);
    }
    List<Correspondence.Bin> bins = new ArrayList<>();
    double[] e = params.binEdgesDeg();
    for (int b = 0; b + 1 < e.length; b++) {
      double lo = e[b];
      double hi = e[b + 1];
      List<PairResult> in = results.stream().filter(r -> r.rotationDeg() >= lo && r.rotationDeg() < hi).toList();
      Double mean = in.isEmpty() ? null : in.stream().mapToDouble(r -> recallOf(r.matches(), params.binnedThresholdPx())).average().getAsDouble();
      bins.add(new Correspondence.Bin(lo, hi, in.size(), in.stream().mapToInt(r -> r.matches().size()).sum(), mean));
    }
    return new Result("probe3d", params, recall, total, bins, results);
  }

  private static double recallOf(List<Match> ms, double t) {
    return ms.isEmpty() ? Double.NaN : (double) ms.stream().filter(m -> m.errorPx() < t).count() / ms.size();
  }

  /** A view at Probe3D's scale: its depth-valid pixels (row-major), their 3D points and unit features. */
  record Scaled(int w, int h, Intrinsics k, int[] pixel, double[][] xyz, float[] feat, int dim) {}

  static Scaled scale(Correspondence.View v, double s) {
    GridFootprint fp = v.features().footprint();
    int width = v.intrinsics().width();
    int height = v.intrinsics().height();
    if (fp.x0() != 0 || fp.y0() != 0 || fp.width() != width || fp.height() != height) {
      throw new IllegalArgumentException("view " + v.name() + ": protocol probe3d needs features spread over the whole image"
          + " (footprint full), but they cover " + fp);
    }
    int w = (int) Math.floor(width * s);
    int h = (int) Math.floor(height * s);
    if (w < 1 || h < 1) throw new IllegalArgumentException("view " + v.name() + ": scale factor " + s + " leaves no pixel");
    Intrinsics k = new Intrinsics(v.intrinsics().fx() * s, v.intrinsics().fy() * s, v.intrinsics().cx() * s, v.intrinsics().cy() * s, w, h);
    double inv = 1.0 / s;
    int dim = v.features().dim();
    int[] pix = new int[w * h];
    double[][] xyz = new double[w * h][];
    float[] feat = new float[w * h * dim];
    int n = 0;
    for (int y = 0; y < h; y++) {
      int sy = Math.min((int) Math.floor(y * inv), height - 1);
      for (int x = 0; x < w; x++) {
        int sx = Math.min((int) Math.floor(x * inv), width - 1);
        float z = v.depth().at(sx, sy);
        if (!(z > 0)) continue;
        pix[n] = y * w + x;
        xyz[n] = k.backProject(x + 0.5, y + 0.5, z);
        // the scaled pixel centre in the original image's pixel-centre coordinates: grid_sample
        // normalises by the scaled size, so u_s / w = (u + 0.5) / width
        float[] f = v.features().sampleNormalized((x + 0.5) * width / w - 0.5, (y + 0.5) * height / h - 0.5);
        System.arraycopy(f, 0, feat, n * dim, dim);
        n++;
      }
    }
    return new Scaled(w, h, k, Arrays.copyOf(pix, n), Arrays.copyOf(xyz, n), Arrays.copyOf(feat, n * dim), dim);
  }

  static PairResult evaluatePair(Correspondence.Pair pair, Params params, Cancellation cancel) {
    Correspondence.View a = pair.a();
    Correspondence.View b = pair.b();
    if (a.features().dim() != b.features().dim()) {
      throw new IllegalArgumentException("pair " + pair.id() + ": feature widths differ (" + a.features().dim() + " vs " + b.features().dim() + ")");
    }
    Scaled sa = scale(a, params.scaleFactor());
    Scaled sb = scale(b, params.scaleFactor());
    int na = sa.pixel().length;
    int nb = sb.pixel().length;
    if (na == 0 || nb < 2) throw new IllegalArgumentException("pair " + pair.id() + ": too few pixels with depth (" + na + " in A, " + nb + " in B)");
    int dim = sa.dim();
    int[] nn = new int[na];
    double[] weight = new double[na];
    float[] fa = sa.feat();
    float[] fb = sb.feat();
    AtomicLong done = new AtomicLong();
    IntStream.range(0, na).parallel().forEach(i -> {
      if ((done.incrementAndGet() & 1023) == 0 && cancel.isCancelled()) return;
      int best = -1;
      float c1 = Float.NEGATIVE_INFINITY;
      float c2 = Float.NEGATIVE_INFINITY;
      int oa = i * dim;
      for (int j = 0; j < nb; j++) {
        int ob = j * dim;
        float s = 0;
        for (int d = 0; d < dim; d++) s += fa[oa + d] * fb[ob + d];
        if (s > c1) {
          c2 = c1;
          c1 = s;
          best = j;
        } else if (s > c2) {
          c2 = s;
        }
      }
      // in float32 as Probe3D (calculate_ratio_test): 1 - cos loses most digits for close matches,
      // and the ranking of the weights is the protocol
      float d1 = Math.max(1f - c1, 1e-9f);
      float d2 = Math.max(1f - c2, 1e-9f);
      nn[i] = best;
      weight[i] = 1f - d1 / d2;
    });
    cancel.check();
    Integer[] order = new Integer[na];
    for (int i = 0; i < na; i++) order[i] = i;
    Arrays.sort(order, (x, y) -> weight[x] != weight[y] ? Double.compare(weight[y], weight[x]) : Integer.compare(x, y));
    int k = Math.min(params.numCorr(), na);
    Pose aToB = Pose.relative(a.cameraToWorld(), b.cameraToWorld());
    List<Match> matches = new ArrayList<>(k);
    for (int r = 0; r < k; r++) {
      int i = order[r];
      int j = nn[i];
      double[] gt = project(sb.k(), aToB.apply(sa.xyz()[i]));
      double[] pred = project(sb.k(), sb.xyz()[j]);
      double err = Math.hypot(gt[0] - pred[0], gt[1] - pred[1]);
      int pa = sa.pixel()[i];
      int pb = sb.pixel()[j];
      matches.add(new Match(pa % sa.w(), pa / sa.w(), pb % sb.w(), pb / sb.w(), gt[0], gt[1], pred[0], pred[1], err, weight[i]));
    }
    Map<String, Double> recall = new LinkedHashMap<>();
    for (double th : params.thresholdsPx()) recall.put(Correspondence.key(th), recallOf(matches, th));
    return new PairResult(pair.id(), a.name(), b.name(), Pose.rotationAngleDeg(a.cameraToWorld(), b.cameraToWorld()),
        sa.w(), sa.h(), na, nb, recall, List.copyOf(matches));
  }

  /** {@code project_3dto2d}: K · p, divided by z clamped to 1e-9. */
  static double[] project(Intrinsics k, double[] p) {
    double z = Math.max(p[2], 1e-9);
    return new double[] {(k.fx() * p[0] + k.cx() * p[2]) / z, (k.fy() * p[1] + k.cy() * p[2]) / z};
  }
}
