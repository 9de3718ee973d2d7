package io.clipwb.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * An indexed data set: its classes and items (in a stable, sorted order), and the layout it was
 * read from. Items hold paths, never pixels.
 *
 * @param layout "image-folder", "flat-prefixed", "cue-conflict" or "manifest"
 * @param skipped folder entries passed over while listing (junk, links, pipes...), with the reason
 */
public record Dataset(String name, Path root, String layout, ClassSet classes, List<DataItem> items, List<Skipped> skipped) {
  public Dataset {
    items = List.copyOf(items);
    skipped = List.copyOf(skipped);
  }

  /** A data set with nothing passed over (a manifest, or a folder without junk). */
  public Dataset(String name, Path root, String layout, ClassSet classes, List<DataItem> items) {
    this(name, root, layout, classes, items, List.of());
  }
}
