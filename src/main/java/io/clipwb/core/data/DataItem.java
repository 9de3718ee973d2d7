package io.clipwb.core.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * One image of a data set: where it is, its class index (-1 when unknown) and any metadata the
 * layout or manifest carries (shape/texture for cue-conflict, factors, corruption, severity,
 * split, role, ...). Holds no pixels: indexing 50,000 images keeps only these records in memory.
 *
 * @param id a stable id within the data set (the path relative to the data set root, '/'-separated)
 */
public record DataItem(String id, Path path, int label, Map<String, String> metadata) {
  public DataItem {
    metadata = Map.copyOf(metadata);
  }
}
