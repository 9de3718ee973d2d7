package io.clipwb.app.drill;

import java.nio.file.Path;

/**
 * What a view asks the drill-down grid to show: exactly the rows behind one aggregate (a bin, a
 * cell, a point) of one run folder.
 *
 * @param title what was clicked, e.g. "sample-vit-default / test, confidence (0.8, 0.9]"
 * @param model the model's name
 * @param set the data set's name
 * @param runDir the run folder the rows index into
 * @param rows row indices into the run's {@code logits.npy} / manifest items
 */
public record DrillRequest(String title, String model, String set, Path runDir, int[] rows) {}
