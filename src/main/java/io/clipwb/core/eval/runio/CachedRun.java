package io.clipwb.core.eval.runio;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a cached run folder ({@code clipwb eval --out DIR}) that the shape-bias, factor and
 * LMM evaluations read, with the items parsed into records: {@code manifest.json} (classes, items with path/label/metadata, logit
 * scale), {@code logits.npy} (N x C, logit_scale x cosine) and {@code labels.npy} (N, -1 = unknown).
 * Evaluations work "over a cached run" so they never re-encode images. The arrays are read and
 * checked (dtype, shape, finite values) by {@link RunArrays}, the reader of the calibration, OOD and
 * shift evaluations.
 *
 * @param dir the run folder
 * @param classes class names in logit column order
 * @param items manifest items in row order
 * @param logits N x C logits
 * @param labels N labels (-1 = unknown)
 * @param logitScale the model's logit scale (NaN if the manifest does not say)
 * @param model a model name for display (bundle name from the manifest, else the folder name)
 */
public record CachedRun(
    Path dir, List<String> classes, List<Item> items, double[][] logits, int[] labels, double logitScale, String model) {

  /** One manifest item: its image path (as written in the manifest), label and metadata. */
  public record Item(String path, int label, Map<String, String> metadata) {
    /** The file name part of the path ({@code a/b/c.png} gives {@code c.png}). */
    public String fileName() {
      String p = path.replace('\\', '/');
      return p.substring(p.lastIndexOf('/') + 1);
    }
  }

  /** Reads the run folder; clear errors name the missing or inconsistent file. */
  public static CachedRun load(Path dir) {
    Path manifest = dir.resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      throw new IllegalArgumentException(dir + ": not a run folder (no manifest.json)");
    }
    JsonNode m = Json.read(manifest);
    JsonNode cls = m.get("classes");
    if (cls == null || !cls.isArray() || cls.isEmpty()) {
      throw new IllegalArgumentException(manifest + ": missing 'classes' (list of class names)");
    }
    List<String> classes = new ArrayList<>();
    cls.forEach(c -> classes.add(c.asText()));
    JsonNode its = m.get("items");
    if (its == null || !its.isArray()) throw new IllegalArgumentException(manifest + ": missing 'items' list");
    List<Item> items = new ArrayList<>();
    int i = 0;
    for (JsonNode it : its) {
      JsonNode p = it.get("path");
      if (p == null || p.asText().isEmpty()) {
        throw new IllegalArgumentException(manifest + ": items[" + i + "] has no 'path'");
      }
      int label = it.has("label") && !it.get("label").isNull() ? it.get("label").asInt(-1) : -1;
      Map<String, String> meta = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> f = it.fields();
      while (f.hasNext()) {
        Map.Entry<String, JsonNode> e = f.next();
        String k = e.getKey();
        if (k.equals("path") || k.equals("label")) continue;
        if (k.equals("metadata") && e.getValue().isObject()) {
          e.getValue().fields().forEachRemaining(x -> meta.put(x.getKey(), x.getValue().isValueNode() ? x.getValue().asText() : x.getValue().toString()));
        } else {
          meta.put(k, e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
      }
      items.add(new Item(p.asText(), label, Map.copyOf(meta)));
      i++;
    }
    Path lf = dir.resolve("logits.npy");
    if (!Files.isRegularFile(lf)) throw new IllegalArgumentException(lf + ": missing (a run folder needs logits.npy)");
    double[][] logits = RunArrays.readMatrix(lf);
    if (logits.length != items.size()) {
      throw new IllegalArgumentException(dir.resolve("logits.npy") + ": " + logits.length + " rows but manifest.json has " + items.size() + " items");
    }
    if (logits.length > 0 && logits[0].length != classes.size()) {
      throw new IllegalArgumentException(dir.resolve("logits.npy") + ": " + logits[0].length + " columns but manifest.json has " + classes.size() + " classes");
    }
    int[] labels;
    Path lp = dir.resolve("labels.npy");
    if (Files.isRegularFile(lp)) {
      labels = RunArrays.readLabels(lp, -1);
      if (labels.length != items.size()) {
        throw new IllegalArgumentException(lp + ": " + labels.length + " labels but manifest.json has " + items.size() + " items");
      }
    } else {
      labels = items.stream().mapToInt(Item::label).toArray();
    }
    for (int r = 0; r < labels.length; r++) {
      if (labels[r] < -1 || labels[r] >= classes.size()) {
        throw new IllegalArgumentException(lp + ": label " + labels[r] + " at row " + r + " is outside [0, " + classes.size() + ")");
      }
    }
    double scale = m.has("logit_scale") ? m.get("logit_scale").asDouble(Double.NaN) : Double.NaN;
    String model = dir.toAbsolutePath().normalize().getFileName().toString();
    JsonNode b = m.get("bundle");
    if (b != null && b.isObject() && b.hasNonNull("name")) model = b.get("name").asText();
    else if (m.hasNonNull("model")) model = m.get("model").asText();
    return new CachedRun(dir, List.copyOf(classes), List.copyOf(items), logits, labels, scale, model);
  }

  /** Softmax of one logit row, computed in double with the max subtracted. */
  public static double[] softmax(double[] logits) {
    return io.clipwb.core.util.Vectors.softmax(logits);
  }

  /** Index of the largest value (first one on ties, as numpy's argmax). */
  public static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }
}
