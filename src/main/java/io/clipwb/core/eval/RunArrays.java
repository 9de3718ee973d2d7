package io.clipwb.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cached arrays of one run folder that the evaluations read (the contract written by
 * {@code clipwb eval --out DIR}): {@code logits.npy} (N x C, logit_scale x cosine), {@code labels.npy}
 * (N, -1 = unknown) and {@code manifest.json} ({@code classes}, {@code items} in row order with
 * their metadata, {@code logit_scale}). Also loads bare {@code .npy} files brought from elsewhere.
 *
 * @param name the run's name (manifest "name"/"dataset", else the folder name)
 * @param logits N x C
 * @param labels N
 * @param logitScale the manifest's logit_scale, or NaN when unknown
 * @param classes class names, or an empty list
 * @param items the manifest's items (row order), or null when there is no manifest
 */
public record RunArrays(String name, double[][] logits, int[] labels, double logitScale, List<String> classes, JsonNode items) {

  /** Loads a run folder; errors name the missing/bad file. */
  public static RunArrays load(Path dir) {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException("run folder " + dir + " does not exist");
    Path lf = dir.resolve("logits.npy");
    Path yf = dir.resolve("labels.npy");
    if (!Files.exists(lf)) throw new IllegalArgumentException("run folder " + dir + " has no logits.npy");
    if (!Files.exists(yf)) throw new IllegalArgumentException("run folder " + dir + " has no labels.npy");
    double[][] logits = readMatrix(lf);
    int[] labels = readLabels(yf, logits.length);
    String name = dir.toAbsolutePath().normalize().getFileName().toString();
    double scale = Double.NaN;
    List<String> classes = List.of();
    JsonNode items = null;
    Path mf = dir.resolve("manifest.json");
    if (Files.exists(mf)) {
      JsonNode m = Json.read(mf);
      if (m.hasNonNull("logit_scale")) scale = m.get("logit_scale").asDouble();
      if (m.has("classes") && m.get("classes").isArray()) {
        List<String> c = new ArrayList<>();
        m.get("classes").forEach(x -> c.add(x.asText()));
        classes = List.copyOf(c);
      }
      if (m.has("items") && m.get("items").isArray()) {
        items = m.get("items");
        if (items.size() != logits.length) {
          throw new IllegalArgumentException(mf + ": " + items.size() + " items but logits.npy has " + logits.length + " rows");
        }
      }
      for (String k : List.of("name", "dataset")) {
        if (m.hasNonNull(k) && m.get(k).isTextual() && !m.get(k).asText().isBlank()) {
          name = m.get(k).asText();
          break;
        }
      }
      if (!classes.isEmpty() && classes.size() != logits[0].length) {
        throw new IllegalArgumentException(mf + ": " + classes.size() + " classes but logits.npy has " + logits[0].length + " columns");
      }
    }
    return new RunArrays(name, logits, labels, scale, classes, items);
  }

  /** Reads an N x C float32/float64 matrix, with errors that name the file. */
  public static double[][] readMatrix(Path file) {
    Npy.NpyArray a = Npy.read(file);
    if (!(a.dtype().equals("<f4") || a.dtype().equals("<f8"))) {
      throw new IllegalArgumentException(file + ": expected float32 or float64 logits/cosines but dtype is " + a.dtype());
    }
    if (a.ndim() != 2) {
      throw new IllegalArgumentException(file + ": expected a 2-D array (N x C) but shape is " + Arrays.toString(a.shape()));
    }
    if (a.shape()[0] == 0 || a.shape()[1] == 0) {
      throw new IllegalArgumentException(file + ": empty array, shape " + Arrays.toString(a.shape()));
    }
    double[][] m = a.asMatrix();
    EvalInputs.checkMatrix(m, file.toString(), 1);
    return m;
  }

  /**
   * Reads N int32/int64 labels, with errors that name the file.
   *
   * @param rows expected length (the logits' rows), or -1 to skip the check
   */
  public static int[] readLabels(Path file, int rows) {
    Npy.NpyArray a = Npy.read(file);
    if (!(a.dtype().equals("<i4") || a.dtype().equals("<i8"))) {
      throw new IllegalArgumentException(file + ": expected int32 or int64 labels but dtype is " + a.dtype());
    }
    if (a.ndim() != 1) {
      throw new IllegalArgumentException(file + ": expected a 1-D array of labels but shape is " + Arrays.toString(a.shape()));
    }
    int[] y = a.asIntVector();
    if (rows >= 0 && y.length != rows) {
      throw new IllegalArgumentException(file + ": mismatched lengths: " + y.length + " labels but the logits have " + rows + " rows");
    }
    return y;
  }

  /**
   * Groups the rows by the values of item metadata fields, e.g. {@code ["corruption", "severity"]}
   * gives groups "gaussian_noise/3". A field is looked up on the item, then in its "metadata"
   * object; items missing a field are left out; a field holding a list (e.g. ImageNet-X factors)
   * puts the item in one group per element.
   */
  public Map<String, int[]> groupsBy(List<String> keys) {
    Map<String, List<Integer>> g = new LinkedHashMap<>();
    if (items == null) {
      throw new IllegalArgumentException(name + ": grouping by " + keys + " needs manifest.json with items");
    }
    for (int i = 0; i < items.size(); i++) {
      List<String> names = new ArrayList<>(List.of(""));
      boolean ok = true;
      for (String k : keys) {
        JsonNode v = field(items.get(i), k);
        if (v == null || v.isNull()) {
          ok = false;
          break;
        }
        List<String> vals = new ArrayList<>();
        if (v.isArray()) v.forEach(x -> vals.add(x.asText()));
        else vals.add(v.asText());
        List<String> next = new ArrayList<>();
        for (String prefix : names) for (String val : vals) next.add(prefix.isEmpty() ? val : prefix + "/" + val);
        names = next;
      }
      if (!ok) continue;
      for (String n : names) g.computeIfAbsent(n, x -> new ArrayList<>()).add(i);
    }
    Map<String, int[]> out = new LinkedHashMap<>();
    g.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  private static JsonNode field(JsonNode item, String key) {
    if (item.has(key)) return item.get(key);
    JsonNode md = item.get("metadata");
    return md != null && md.has(key) ? md.get(key) : null;
  }
}
