package io.clipwb.app.view;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.state.Workbench;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;

/**
 * The export and copy actions of a chart tab ({@link FigureTab}), shared by the views: a file
 * chooser with the three formats, the write off the FX thread with the preferences' figure style,
 * errors to the workbench's error sink; copy renders a PNG-equivalent image to the clipboard.
 */
public final class FigureDialogs {
  private FigureDialogs() {}

  /** Asks for a file (FX thread) and writes {@code chart} to it in the background. */
  public static void export(Node owner, Workbench wb, JFreeChart chart, String initialName) {
    if (chart == null) return;
    FileChooser c = new FileChooser();
    c.setTitle("Export figure");
    for (FigureFormat f : FigureFormat.values()) c.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.name(), "*." + f.extension()));
    c.setInitialFileName(FigureExport.safeName(initialName) + ".png");
    File f = c.showSaveDialog(owner.getScene().getWindow());
    if (f == null) return;
    Path target = f.toPath();
    FigureFormat fmt = formatOf(target);
    wb.jobs().background().execute(() -> {
      try {
        FigureExport.write(chart, target, fmt, wb.preferencesProperty().get().figureStyle());
      } catch (RuntimeException ex) {
        wb.errors().notifyError("Export to " + target, ex);
      }
    });
  }

  /** The format a file name asks for (PNG unless it ends in .svg or .pdf). */
  public static FigureFormat formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".svg") ? FigureFormat.SVG : name.endsWith(".pdf") ? FigureFormat.PDF : FigureFormat.PNG;
  }

  /** Copies {@code chart} rendered with the preferences' style to the clipboard (FX thread). */
  public static void copy(Workbench wb, JFreeChart chart) {
    if (chart == null) return;
    java.awt.image.BufferedImage img = FigureExport.render(chart, wb.preferencesProperty().get().figureStyle());
    ClipboardContent cc = new ClipboardContent();
    cc.putImage(SwingFXUtils.toFXImage(img, null));
    Clipboard.getSystemClipboard().setContent(cc);
  }
}
