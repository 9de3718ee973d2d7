package io.clipwb.app.view;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.state.Workbench;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
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

  /** Writes a figure to a file in a format, blocking (a view's own {@code export(Path, FigureFormat)}). */
  @FunctionalInterface
  public interface Writer {
    /** Writes the figure to {@code file} as {@code format}. */
    void write(Path file, FigureFormat format);
  }

  /** {@code maker}'s chart drawn in the preferences' figure style, or null without a maker. */
  public static JFreeChart draw(Workbench wb, Function<FigureStyle, JFreeChart> maker) {
    return maker == null ? null : maker.apply(wb.preferencesProperty().get().figureStyle());
  }

  /**
   * Writes {@code maker}'s chart drawn in the preferences' figure style (blocking; any thread): a
   * view's {@code export(Path, FigureFormat)} when its charts are kept as makers.
   */
  public static void write(Workbench wb, Function<FigureStyle, JFreeChart> maker, Path file, FigureFormat format) {
    if (maker == null) throw new IllegalStateException("no chart to export");
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    FigureExport.write(maker.apply(style), file, format, style);
  }

  /** Asks for a file (FX thread) and writes {@code chart} to it in the background. */
  public static void export(Node owner, Workbench wb, JFreeChart chart, String initialName) {
    if (chart == null) return;
    export(owner, wb, initialName, (file, fmt) -> FigureExport.write(chart, file, fmt, wb.preferencesProperty().get().figureStyle()));
  }

  /**
   * Asks for a file (FX thread; {@code initialName} without extension, made safe) and runs
   * {@code writer} for it in the background, errors to the workbench's error sink: for views that
   * redraw their figure for export (another style, without on-screen marks).
   */
  public static void export(Node owner, Workbench wb, String initialName, Writer writer) {
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
        writer.write(target, fmt);
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
    copy(chart, wb.preferencesProperty().get().figureStyle());
  }

  /** Copies {@code chart} rendered with {@code style} to the clipboard (FX thread). */
  public static void copy(JFreeChart chart, FigureStyle style) {
    if (chart == null) return;
    java.awt.image.BufferedImage img = FigureExport.render(chart, style);
    ClipboardContent cc = new ClipboardContent();
    cc.putImage(SwingFXUtils.toFXImage(img, null));
    Clipboard.getSystemClipboard().setContent(cc);
  }
}
