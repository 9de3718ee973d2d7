package io.clipwb.app.export;

import java.nio.file.Path;
import org.jfree.chart.JFreeChart;

/**
 * The one export service every chart uses, in the GUI ("Export figure…") and in {@code clipwb
 * figures}: so both write identical files.
 */
public final class FigureExport {
  private FigureExport() {}

  /**
   * Writes {@code chart} to {@code file} in {@code format} at the physical size of {@code style}.
   *
   * @throws java.io.UncheckedIOException naming the file when it cannot be written
   */
  public static void write(JFreeChart chart, Path file, FigureFormat format, FigureStyle style) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
