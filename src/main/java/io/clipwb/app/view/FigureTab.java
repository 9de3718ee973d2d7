package io.clipwb.app.view;

/**
 * A tab whose content is a figure: the shell's View ▸ Export figure… (Ctrl+E) and Copy figure act
 * on the selected tab through this, so every view exports through one menu entry.
 */
public interface FigureTab {
  /** Asks for a file and exports the figure (FX thread). */
  void exportFigure();

  /** Copies the figure to the clipboard as an image (FX thread). */
  void copyFigure();
}
