package io.clipwb.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * An indexed data set: its classes and items (in a stable, sorted order), and the layout it was
 * read from. Items hold paths, never pixels.
 *
 * @param layout "image-folder", "flat-prefixed", "cue-conflict" or "manifest"
 */
public record Dataset(String name, Path root, String layout, ClassSet classes, List<DataItem> items) {
  public Dataset {
    items = List.copyOf(items);
  }
}
