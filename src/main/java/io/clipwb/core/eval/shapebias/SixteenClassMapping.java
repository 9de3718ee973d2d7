package io.clipwb.core.eval.shapebias;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns 1,000-way ImageNet probabilities into one of the 16 cue-conflict classes the way
 * model-vs-human does ({@code modelvshuman/helper/human_categories.py} and
 * {@code ImageNetProbabilitiesTo16ClassesMapping} with its default {@code np.mean}): for every
 * category, in sorted order, the mean probability over its ImageNet indices; the decision is the
 * category with the largest mean. Averaging (not summing) matters: it stops classes with many
 * ImageNet synsets (dog: 118) from winning by count.
 *
 * <p>The mean reproduces numpy's summation order (pairwise, 8 accumulators, blocks of 128), so
 * the aggregated values equal numpy's bit for bit. Ties go to the category that comes later in
 * sorted order, as {@code np.flip(np.argsort(...))} does.
 */
public final class SixteenClassMapping {
  private final List<String> categories;
  private final int[][] indices;

  /** A mapping from category name to ImageNet indices; categories are sorted by name. */
  public SixteenClassMapping(Map<String, int[]> categoryIndices) {
    TreeMap<String, int[]> sorted = new TreeMap<>(categoryIndices);
    this.categories = List.copyOf(sorted.keySet());
    this.indices = sorted.values().stream().map(int[]::clone).toArray(int[][]::new);
    for (int c = 0; c < indices.length; c++) {
      if (indices[c].length == 0) throw new IllegalArgumentException("category '" + categories.get(c) + "' has no ImageNet indices");
    }
  }

  /** Reads {@code sixteen_class} from {@code imagenet_metadata.json}. */
  public static SixteenClassMapping load(Path imagenetMetadataJson) {
    JsonNode root = Json.read(imagenetMetadataJson);
    JsonNode s = root.get("sixteen_class");
    if (s == null || !s.isObject()) {
      throw new IllegalArgumentException(imagenetMetadataJson + ": no 'sixteen_class' object");
    }
    Map<String, int[]> m = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = s.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode idx = e.getValue().get("imagenet_indices");
      if (idx == null || !idx.isArray()) {
        throw new IllegalArgumentException(imagenetMetadataJson + ": sixteen_class." + e.getKey() + " has no 'imagenet_indices'");
      }
      int[] a = new int[idx.size()];
      for (int i = 0; i < a.length; i++) a[i] = idx.get(i).asInt();
      m.put(e.getKey(), a);
    }
    return new SixteenClassMapping(m);
  }

  /** The mapping from {@code ../shared/data/imagenet-metadata/imagenet_metadata.json}. */
  public static SixteenClassMapping fromShared() {
    Path p = SharedData.resolve("data/imagenet-metadata/imagenet_metadata.json")
        .orElseThrow(() -> new IllegalStateException(
            "imagenet_metadata.json not found in the shared data folder (system property clipwb.shared or environment variable CLIPWB_SHARED); give its path instead"));
    return load(p);
  }

  /** The categories in sorted order. */
  public List<String> categories() {
    return categories;
  }

  /** ImageNet indices of category {@code c} (position in {@link #categories()}). */
  public int[] indices(int c) {
    return indices[c].clone();
  }

  /** The mean probability per category (in {@link #categories()} order). */
  public double[] aggregate(double[] probabilities) {
    if (probabilities.length != 1000) {
      throw new IllegalArgumentException("expected 1000 ImageNet probabilities but got " + probabilities.length);
    }
    double[] out = new double[indices.length];
    for (int c = 0; c < indices.length; c++) {
      double[] v = new double[indices[c].length];
      for (int i = 0; i < v.length; i++) v[i] = probabilities[indices[c][i]];
      out[c] = pairwiseSum(v, 0, v.length) / v.length;
    }
    return out;
  }

  /** The 16-class decision for a 1000-way probability vector. */
  public String decide(double[] probabilities) {
    return categories.get(argmaxLastOnTie(aggregate(probabilities)));
  }

  /** Index of the largest value; on ties the last such index (numpy's flip(argsort)[0]). */
  static int argmaxLastOnTie(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] >= v[best]) best = i;
    return best;
  }

  /** numpy's pairwise summation of {@code a[from, from+n)} (numpy/core/src/umath/loops_utils.h). */
  static double pairwiseSum(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) res += a[from + i];
      return res;
    } else if (n <= 128) {
      double[] r = new double[8];
      for (int j = 0; j < 8; j++) r[j] = a[from + j];
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) r[j] += a[from + i + j];
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) res += a[from + i];
      return res;
    } else {
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }
  }

  /** Category names as a list (for messages). */
  @Override
  public String toString() {
    return new ArrayList<>(categories).toString();
  }
}
