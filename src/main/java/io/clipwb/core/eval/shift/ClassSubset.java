package io.clipwb.core.eval.shift;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes a shifted set covers (ImageNet-R and ImageNet-A: 200 of the 1,000 ImageNet classes).
 * As the benchmarks' authors do (hendrycks/imagenet-r {@code eval.py}, hendrycks/natural-adv-examples
 * {@code eval.py}: {@code output[:, indices_in_1k]}), logits are restricted to these columns before
 * the argmax. Indices are kept in ascending class-index order, the order of the column mask.
 *
 * @param name "imagenet-r", "imagenet-a" or the file it came from
 * @param classes class indices in the run's class space, ascending, distinct
 */
public record ClassSubset(String name, int[] classes) {

  public ClassSubset {
    classes = Arrays.stream(classes).sorted().distinct().toArray();
    if (classes.length == 0) throw new IllegalArgumentException("class subset " + name + " is empty");
  }

  /**
   * The ImageNet-R or ImageNet-A subset from {@code imagenet_metadata.json} (its
   * {@code imagenet_r_wnids}/{@code imagenet_a_wnids}, mapped to 1,000-class indices through
   * {@code imagenet_wnids}).
   *
   * @param which "imagenet-r", "imagenet-a" (or "imagenet-o")
   */
  public static ClassSubset imagenet(Path metadataJson, String which) {
    String key = switch (which.toLowerCase(java.util.Locale.ROOT)) {
      case "imagenet-r", "imagenet_r", "r" -> "imagenet_r_wnids";
      case "imagenet-a", "imagenet_a", "a" -> "imagenet_a_wnids";
      case "imagenet-o", "imagenet_o", "o" -> "imagenet_o_wnids";
      default -> throw new IllegalArgumentException("unknown class subset '" + which + "' (imagenet-r, imagenet-a, or a file)");
    };
    JsonNode root = Json.read(metadataJson);
    Map<String, Integer> index = wnidIndex(root, metadataJson);
    JsonNode list = root.get(key);
    if (list == null || !list.isArray()) throw new IllegalArgumentException(metadataJson + ": no list '" + key + "'");
    int[] idx = new int[list.size()];
    for (int i = 0; i < idx.length; i++) {
      Integer k = index.get(list.get(i).asText());
      if (k == null) throw new IllegalArgumentException(metadataJson + ": " + key + "[" + i + "] = " + list.get(i) + " is not in imagenet_wnids");
      idx[i] = k;
    }
    return new ClassSubset(which.toLowerCase(java.util.Locale.ROOT), idx);
  }

  /**
   * A subset from a text file: one class per line, either a 0-based class index or an ImageNet wnid
   * ("n01443537", mapped through {@code imagenet_wnids} of {@code metadataJson}); blank lines and
   * lines starting with '#' are ignored.
   *
   * @param metadataJson the ImageNet metadata, needed only when the file lists wnids (may be null)
   */
  public static ClassSubset fromFile(Path file, Path metadataJson, int numClasses) {
    List<String> lines = io.clipwb.core.io.TextFiles.lines(file);
    Map<String, Integer> index = null;
    List<Integer> out = new ArrayList<>();
    for (int ln = 0; ln < lines.size(); ln++) {
      String s = lines.get(ln).trim();
      if (s.isEmpty() || s.startsWith("#")) continue;
      int k;
      if (s.matches("\\d+")) {
        k = Integer.parseInt(s);
      } else if (s.matches("n\\d{8}")) {
        if (index == null) {
          if (metadataJson == null || !Files.exists(metadataJson)) {
            throw new IllegalArgumentException(file + " line " + (ln + 1) + ": wnid " + s
                + " needs the ImageNet metadata (imagenet_metadata.json) to map it to a class index");
          }
          index = wnidIndex(Json.read(metadataJson), metadataJson);
        }
        Integer v = index.get(s);
        if (v == null) throw new IllegalArgumentException(file + " line " + (ln + 1) + ": unknown wnid " + s);
        k = v;
      } else {
        throw new IllegalArgumentException(file + " line " + (ln + 1) + ": '" + s + "' is neither a class index nor a wnid");
      }
      if (numClasses > 0 && k >= numClasses) {
        throw new IllegalArgumentException(file + " line " + (ln + 1) + ": class " + k + " outside [0, " + numClasses + ")");
      }
      out.add(k);
    }
    return new ClassSubset(file.getFileName().toString(), out.stream().mapToInt(Integer::intValue).toArray());
  }

  private static Map<String, Integer> wnidIndex(JsonNode root, Path file) {
    JsonNode w = root.get("imagenet_wnids");
    if (w == null || !w.isArray()) throw new IllegalArgumentException(file + ": no list 'imagenet_wnids'");
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < w.size(); i++) m.put(w.get(i).asText(), i);
    return m;
  }
}
