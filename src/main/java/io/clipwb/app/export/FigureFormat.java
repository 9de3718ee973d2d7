package io.clipwb.app.export;

import java.util.Locale;

/** The file formats a figure is exported to. */
public enum FigureFormat {
  /** Raster, at the chosen DPI, with the DPI recorded in the file's {@code pHYs} chunk. */
  PNG,
  /** Vector, text kept as text (Apache Batik's SVG generator). */
  SVG,
  /** Vector, fonts embedded (Apache PDFBox). */
  PDF;

  /** The file extension, lower case, without the dot. */
  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "png", "SVG", ... */
  public static FigureFormat parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown figure format \"" + s + "\" (png, svg, pdf)", e);
    }
  }
}
