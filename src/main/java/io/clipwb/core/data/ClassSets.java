package io.clipwb.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads class lists. Accepted forms of a class-set spec:
 *
 * <ul>
 *   <li>{@code imagenet1k}: the 1,000 ImageNet classes — WNIDs from
 *       {@code data/imagenet-metadata/imagenet_metadata.json} and CLIP-style names from CLIP_benchmark's
 *       {@code en_classnames.json}, both read from the shared data folder;
 *   <li>{@code file.json#key}: CLIP_benchmark's class-name format (an object of lists), one key;
 *   <li>{@code file.json}: a JSON list of names, or {@code {"ids": [...], "names": [...]}}.
 * </ul>
 */
public final class ClassSets {
  private ClassSets() {}

  public static ClassSet load(String spec) {
    if (spec.equals("imagenet1k")) return imagenet1k();
    String file = spec;
    String key = null;
    int hash = spec.lastIndexOf('#');
    if (hash > 0) {
      file = spec.substring(0, hash);
      key = spec.substring(hash + 1);
    }
    Path p = Path.of(file);
    if (!Files.isRegularFile(p)) throw new DatasetException("class list " + p + " does not exist");
    JsonNode root = Json.read(p);
    if (key != null) {
      JsonNode n = root.get(key);
      if (n == null) {
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        throw new DatasetException("class list " + p + " has no key '" + key + "' (keys: " + String.join(", ", keys) + ")");
      }
      return ClassSet.ofNames(strings(n, p + "#" + key));
    }
    if (root.isArray()) return ClassSet.ofNames(strings(root, p.toString()));
    if (root.has("names")) {
      List<String> names = strings(root.get("names"), p + " names");
      List<String> ids = root.has("ids") ? strings(root.get("ids"), p + " ids") : names;
      if (ids.size() != names.size()) {
        throw new DatasetException(p + ": " + ids.size() + " ids but " + names.size() + " names");
      }
      return new ClassSet(ids, names);
    }
    throw new DatasetException(p + ": expected a list of class names, {\"ids\",\"names\"}, or file.json#key");
  }

  /** The 1,000 ImageNet classes (WNIDs + CLIP names) from the shared data folder. */
  public static ClassSet imagenet1k() {
    Path meta = SharedData.resolve("data/imagenet-metadata/imagenet_metadata.json")
        .orElseThrow(() -> new DatasetException(
            "class set imagenet1k needs the shared data folder (data/imagenet-metadata); set -Dclipwb.shared or CLIPWB_SHARED"));
    Path names = meta.resolveSibling("en_classnames.json");
    List<String> wnids = strings(Json.read(meta).get("imagenet_wnids"), meta + " imagenet_wnids");
    List<String> n = strings(Json.read(names).get("imagenet1k"), names + "#imagenet1k");
    return new ClassSet(wnids, n);
  }

  private static List<String> strings(JsonNode n, String where) {
    if (n == null || !n.isArray()) throw new DatasetException(where + ": expected a JSON list of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) throw new DatasetException(where + ": element " + out.size() + " is not a string");
      out.add(e.asText());
    }
    if (out.isEmpty()) throw new DatasetException(where + ": the class list is empty");
    return out;
  }
}
