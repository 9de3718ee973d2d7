package io.clipwb.core.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of a run folder: the image it came from and what the data set said about it. Rows of
 * every array of the folder follow the manifest's items, so the item's index is the row.
 *
 * <p>Metadata values are text, as the data set manifests give them. A hand-written manifest may
 * hold a list (e.g. ImageNet-X factors); it is kept as its JSON text ({@code ["pose","smaller"]})
 * and {@link #values(String)} gives its elements, so grouping puts the row in one group per element.
 *
 * @param id the image's id in its data set (its path relative to the data set root), or the path
 *     when the manifest gives no id
 * @param path the image path as written in the manifest (absolute for runs written by clipwb)
 * @param label the class index, -1 when unknown
 * @param metadata the data set's other columns for this image, in manifest order
 */
public record RunItem(String id, String path, int label, Map<String, String> metadata) {
  public RunItem {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }

  /** The file name part of the path ({@code a/b/c.png} gives {@code c.png}). */
  public String fileName() {
    String p = path.replace('\\', '/');
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /**
   * The values of a metadata field: none when absent, the elements when it holds a JSON list,
   * else the one value.
   */
  public List<String> values(String key) {
    String v = metadata.get(key);
    if (v == null) return List.of();
    if (v.startsWith("[") && v.endsWith("]")) {
      try {
        JsonNode n = Json.mapper().readTree(v);
        if (n.isArray()) {
          List<String> out = new ArrayList<>();
          n.forEach(x -> out.add(x.asText()));
          return out;
        }
      } catch (java.io.IOException e) {
        // not JSON: a plain value that happens to start with '['
      }
    }
    return List.of(v);
  }
}
