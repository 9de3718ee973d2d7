package io.clipwb.app.drill;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One image of a drill-down, resolved from its run folder: everything a grid cell and the detail
 * view show, so neither touches the run folder again. Kept separate from the row source so the
 * source can be swapped (today {@link RunFolderRows}, later the core's row resolver) without
 * changing the views.
 *
 * @param row the row in the run's {@code logits.npy} / manifest items
 * @param image the image file (absolute, or as the manifest gave it when it could not be resolved)
 * @param trueClass the true class name, or {@code "?"} when the label is unknown
 * @param predicted the top-1 class name
 * @param confidence the top-1 softmax probability
 * @param correct whether the top-1 class is the (known) true class
 * @param metadata the manifest item's metadata (id, factors, corruption, ...)
 * @param top5 the five most probable classes (fewer when the run has fewer classes), most probable first
 */
public record DrillItem(
    int row, Path image, String trueClass, String predicted, double confidence, boolean correct,
    Map<String, String> metadata, List<ClassProb> top5) {

  /**
   * Metadata key of an optional third line under the thumbnail, for what a view adds to the run
   * folder's row (e.g. the LMM view: "LMM: crescent").
   */
  public static final String CAPTION = "caption";

  /** A class and its softmax probability. */
  public record ClassProb(String name, double probability) {}

  public DrillItem {
    metadata = Map.copyOf(metadata);
    top5 = List.copyOf(top5);
  }
}
