package io.clipwb.core.eval.corruption;

import io.clipwb.core.image.ImageDecodeException;
import io.clipwb.core.image.ImageDecoder;
import io.clipwb.core.image.PillowResample;
import io.clipwb.core.image.RgbImage;
import io.clipwb.core.model.Preprocessing.Interpolation;
import java.nio.file.Path;
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
   * {@code maxSide} pixels (aspect kept). Plain RGB, so any front end can display it. Decoded and
   * resized with the core's own pure-Java image code (PIL-exact decoding, PIL's antialiased
   * bilinear filter, as PIL's {@code Image.thumbnail} does), so the evaluations need no native
   * library.
   *
   * @throws IllegalArgumentException when the file cannot be read or decoded, naming it
   */
  public static RgbImage thumbnail(Path root, GridCell cell, int maxSide) {
    Path file = root.resolve(cell.path());
    RgbImage img;
    try {
      img = ImageDecoder.decode(file);
    } catch (ImageDecodeException e) {
      throw new IllegalArgumentException("cannot read image " + file + ": " + e.getMessage(), e);
    }
    double f = Math.min(1.0, maxSide / (double) Math.max(img.width(), img.height()));
    int w = Math.max(1, (int) Math.round(img.width() * f));
    int h = Math.max(1, (int) Math.round(img.height() * f));
    if (w == img.width() && h == img.height()) return img;
    return PillowResample.resize(img, w, h, Interpolation.BILINEAR);
  }

  /** The distinct image keys of a set, in order (the grid's image chooser). */
  public static List<String> imageKeys(List<CorruptedItem> items) {
    return items.stream().map(CorruptedItem::imageKey).distinct().sorted().toList();
  }
}
