package io.clipwb.core.eval.correspondence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads SPair-71k-style pair annotations: one pair JSON file, a folder of them (sorted by name,
 * e.g. {@code PairAnnotation/test}), or one JSON array of pair objects. Required fields:
 * {@code src_imname}, {@code trg_imname}, {@code src_kps}, {@code trg_kps} (equal-length lists of
 * [x, y]), {@code trg_bndbox} ([x1, y1, x2, y2] with x2 &gt; x1, y2 &gt; y1). Optional:
 * {@code src_bndbox}, {@code src_imsize}/{@code trg_imsize} ([w, h, c]), {@code category},
 * {@code kps_ids}. Errors name the file, the pair and the field.
 */
public final class SpairReader {
  private SpairReader() {}

  public static List<SpairPair> read(Path path) {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(path)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
      }
      if (files.isEmpty()) throw new IllegalArgumentException(path + ": no pair .json files");
      List<SpairPair> out = new ArrayList<>();
      for (Path f : files) out.addAll(read(f));
      return out;
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(io.clipwb.core.io.TextFiles.read(path));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(path + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    String stem = path.getFileName().toString().replaceFirst("\\.json$", "");
    if (root != null && root.isArray()) {
      List<SpairPair> out = new ArrayList<>();
      for (int i = 0; i < root.size(); i++) {
        JsonNode n = root.get(i);
        String id = n.hasNonNull("pair_id") ? n.get("pair_id").asText() : stem + "#" + i;
        out.add(parse(n, id, path + ": pair " + i));
      }
      if (out.isEmpty()) throw new IllegalArgumentException(path + ": empty array of pairs");
      return out;
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException(path + ": expected a pair object or an array of pairs");
    return List.of(parse(root, stem, path.toString()));
  }

  static SpairPair parse(JsonNode n, String id, String where) {
    if (!n.isObject()) throw new IllegalArgumentException(where + ": not a JSON object");
    String src = text(n, "src_imname", where);
    String trg = text(n, "trg_imname", where);
    double[][] sk = points(n, "src_kps", where);
    double[][] tk = points(n, "trg_kps", where);
    if (sk.length != tk.length) {
      throw new IllegalArgumentException(where + ": src_kps has " + sk.length + " points but trg_kps has " + tk.length);
    }
    if (sk.length == 0) throw new IllegalArgumentException(where + ": no keypoints");
    double[] tb = box(n, "trg_bndbox", where, true);
    double[] sb = box(n, "src_bndbox", where, false);
    int[] ss = size(n, "src_imsize", where);
    int[] ts = size(n, "trg_imsize", where);
    List<String> ids = new ArrayList<>();
    if (n.has("kps_ids")) {
      JsonNode k = n.get("kps_ids");
      if (!k.isArray() || k.size() != sk.length) {
        throw new IllegalArgumentException(where + ": kps_ids must list one id per keypoint (" + sk.length + ")");
      }
      for (JsonNode x : k) ids.add(x.asText());
    }
    String cat = n.hasNonNull("category") ? n.get("category").asText() : "";
    return new SpairPair(id, cat, src, trg, sk, tk, sb, tb, ss, ts, List.copyOf(ids));
  }

  private static String text(JsonNode n, String f, String where) {
    JsonNode v = n.get(f);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": missing or empty string field \"" + f + "\"");
    }
    return v.asText();
  }

  private static double[][] points(JsonNode n, String f, String where) {
    JsonNode v = n.get(f);
    if (v == null || !v.isArray()) throw new IllegalArgumentException(where + ": missing array \"" + f + "\" of [x, y] points");
    double[][] out = new double[v.size()][];
    for (int i = 0; i < v.size(); i++) {
      JsonNode p = v.get(i);
      if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new IllegalArgumentException(where + ": " + f + "[" + i + "] must be [x, y] numbers but is " + p);
      }
      out[i] = new double[] {p.get(0).asDouble(), p.get(1).asDouble()};
    }
    return out;
  }

  private static double[] box(JsonNode n, String f, String where, boolean required) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      if (required) throw new IllegalArgumentException(where + ": missing \"" + f + "\" [x1, y1, x2, y2]");
      return null;
    }
    if (!v.isArray() || v.size() != 4) throw new IllegalArgumentException(where + ": \"" + f + "\" must be [x1, y1, x2, y2]");
    double[] b = new double[4];
    for (int i = 0; i < 4; i++) {
      if (!v.get(i).isNumber()) throw new IllegalArgumentException(where + ": " + f + "[" + i + "] is not a number");
      b[i] = v.get(i).asDouble();
    }
    if (!(b[2] > b[0]) || !(b[3] > b[1])) throw new IllegalArgumentException(where + ": \"" + f + "\" " + java.util.Arrays.toString(b) + " is empty (need x2 > x1 and y2 > y1)");
    return b;
  }

  private static int[] size(JsonNode n, String f, String where) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) return null;
    if (!v.isArray() || v.size() < 2 || !v.get(0).canConvertToInt() || !v.get(1).canConvertToInt()
        || v.get(0).asInt() <= 0 || v.get(1).asInt() <= 0) {
      throw new IllegalArgumentException(where + ": \"" + f + "\" must be [width, height, channels]");
    }
    return new int[] {v.get(0).asInt(), v.get(1).asInt()};
  }
}
