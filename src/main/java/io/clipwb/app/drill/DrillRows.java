package io.clipwb.app.drill;

/**
 * The rows of one run folder, resolved for display. The single seam between the drill-down and
 * the run folder: views and tests only see this interface, so the app-side reader of today
 * ({@link RunFolderRows}) can be replaced by the core's row resolver without touching the views.
 * Implementations are immutable and thread-safe; they are built off the FX thread.
 */
public interface DrillRows {
  /** The model's display name. */
  String model();

  /** The number of rows of the run. */
  int size();

  /**
   * The resolved row.
   *
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, size())}
   */
  DrillItem row(int row);
}
