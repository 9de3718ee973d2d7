package io.clipwb.app.export;

/**
 * The physical size and typography of an exported figure: what a journal asks for (a single
 * column is about 85 mm wide, a double column about 175 mm).
 *
 * @param widthMm width in millimetres
 * @param heightMm height in millimetres
 * @param dpi raster resolution for PNG (ignored by vector formats)
 * @param fontFamily a font family; the PDF export embeds it
 * @param fontSizePt base font size in points
 */
public record FigureStyle(double widthMm, double heightMm, int dpi, String fontFamily, double fontSizePt) {
  public FigureStyle {
    if (!(widthMm > 0 && widthMm <= 2000)) throw new IllegalArgumentException("figure width must be in (0, 2000] mm, got " + widthMm);
    if (!(heightMm > 0 && heightMm <= 2000)) throw new IllegalArgumentException("figure height must be in (0, 2000] mm, got " + heightMm);
    if (dpi < 36 || dpi > 2400) throw new IllegalArgumentException("DPI must be in [36, 2400], got " + dpi);
    if (!(fontSizePt >= 4 && fontSizePt <= 72)) throw new IllegalArgumentException("font size must be in [4, 72] pt, got " + fontSizePt);
  }

  /** A single-column figure: 89 x 70 mm, 300 DPI, DejaVu Sans 8 pt. */
  public static FigureStyle defaults() {
    return new FigureStyle(89, 70, 300, "DejaVu Sans", 8);
  }

  /** Width in PostScript points (1/72 inch). */
  public double widthPt() {
    return widthMm / 25.4 * 72;
  }

  /** Height in PostScript points (1/72 inch). */
  public double heightPt() {
    return heightMm / 25.4 * 72;
  }
}
