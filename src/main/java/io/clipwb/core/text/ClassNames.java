package io.clipwb.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Class names in CLIP_benchmark's {@code en_classnames.json} format: an object mapping a data set
 * key ({@code imagenet1k}, {@code cifar10}, ...) to its class names in label-index order; a plain JSON
 * list is accepted as well.
 */
public final class ClassNames {
  private ClassNames() {}

  /**
   * Loads the list under {@code key} (or the whole file when it is a list and {@code key} is null).
   *
   * @throws IllegalArgumentException naming the file, key or element that is wrong
   */
  public static List<String> load(Path json, String key) {
    if (!Files.isRegularFile(json)) throw new IllegalArgumentException("class-name file not found: " + json);
    JsonNode root;
    try {
      root = Json.read(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(json + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode list = PromptSets.select(root, key, json, "class names");
    String where = json + (key == null ? "" : "#" + key);
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      if (!n.isTextual() || n.asText().isBlank()) {
        throw new IllegalArgumentException(where + ": class " + i + " is not a non-empty string: " + n);
      }
      out.add(n.asText());
    }
    if (out.isEmpty()) throw new IllegalArgumentException(where + ": the class list is empty");
    return List.copyOf(out);
  }
}
