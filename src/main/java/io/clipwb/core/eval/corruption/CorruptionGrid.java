package io.clipwb.core.eval.corruption;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The data behind the corruption grid view: for one clean image, every corruption × severity
 * version in the set, with the model's prediction and confidence on it. Rows are item indices into
 * the set, so a cell opens back to its file and logits.
 */
public final class CorruptionGrid {
  private CorruptionGrid() {}

  public record GridCell(String corruption, int severity, int item, String path, String prediction, float confidence,
      boolean correct) {}

  public record Grid(String imageKey, List<GridCell> cells) {}

  /**
   * @param imageKey {@code class/stem} as in {@link CorruptedItem#imageKey()}
   * @param predictions per item: the predicted class name
   */
  public static Grid forImage(List<CorruptedItem> items, String imageKey, String[] predictions, float[] confidence,
      boolean[] correct) {
    if (predictions.length != items.size() || confidence.length != items.size() || correct.length != items.size()) {
      throw new IllegalArgumentException("per-item arrays do not match the " + items.size() + " items of the set");
    }
    List<GridCell> cells = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      CorruptedItem it = items.get(i);
      if (it.imageKey().equals(imageKey)) {
        cells.add(new GridCell(it.corruption(), it.severity(), i, it.path(), predictions[i], confidence[i], correct[i]));
      }
    }
    if (cells.isEmpty()) throw new IllegalArgumentException("no corrupted versions of '" + imageKey + "' in the set");
    cells.sort(Comparator.comparing(GridCell::corruption).thenComparingInt(GridCell::severity));
    return new Grid(imageKey, cells);
  }

  /**
   * A thumbnail of one grid cell: the file under the set's {@code root}, scaled to fit
   * {@code maxSide} pixels (aspect kept). Plain RGB, so any front end can display it.
   */
  public static io.clipwb.core.image.RgbImage thumbnail(java.nio.file.Path root, GridCell cell, int maxSide) {
    io.clipwb.core.image.RgbImage img = io.clipwb.core.corrupt.CvOps.readImage(root.resolve(cell.path()));
    double f = Math.min(1.0, maxSide / (double) Math.max(img.width(), img.height()));
    return io.clipwb.core.corrupt.CvOps.resize(img, Math.max(1, (int) Math.round(img.width() * f)),
        Math.max(1, (int) Math.round(img.height() * f)));
  }

  /** The distinct image keys of a set, in order (the grid's image chooser). */
  public static List<String> imageKeys(List<CorruptedItem> items) {
    return items.stream().map(CorruptedItem::imageKey).distinct().sorted().toList();
  }
}
