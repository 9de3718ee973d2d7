package io.clipwb.app.view;

import io.clipwb.app.state.Workbench;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/**
 * One view of the workbench, described once for both front ends: the shell builds its View menu
 * entry and tab from it, and {@code clipwb figures} asks it for its figures headless. Adding a view
 * is one class implementing this plus one line in {@link io.clipwb.app.catalog.Views#ALL}; nothing else in the shell or the
 * figures command changes.
 *
 * <p>{@link #writeFigures} must not touch JavaFX (it runs with {@code java.awt.headless=true} on a
 * server): it draws with the same JFreeChart code the view uses and writes through
 * {@link io.clipwb.app.export.FigureExport}.
 */
public interface WorkbenchView {
  /** Short stable id, also the sub-folder of {@code clipwb figures --out} and the {@code --views} name. */
  String id();

  /** The View menu entry and the tab title. */
  String title();

  /** The tab's content type: an open tab of this type is selected instead of opening a second one. */
  Class<? extends Node> nodeType();

  /** Builds the tab's content (FX thread). */
  Node create(Workbench wb);

  /**
   * Writes this view's figures for a finished project run under {@code ctx.out()/id()} and returns
   * the files written, in order; a view with no data for this project writes nothing and returns an
   * empty list (it does not fail).
   */
  List<Path> writeFigures(FigureContext ctx) throws IOException;
}
