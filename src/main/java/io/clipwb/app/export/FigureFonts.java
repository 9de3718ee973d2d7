package io.clipwb.app.export;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The fonts a figure is drawn with. DejaVu Sans (regular and bold) ships inside the application as
 * a resource, because the PDF export must embed the very font file the chart was measured and
 * drawn with, and a user's machine may not have it installed; the same {@link Font} objects are
 * handed to the chart, so what the screen shows is what the PDF embeds. Any other family comes
 * from the system (the PDF then draws its text as outlines, see {@link FigureExport}).
 */
public final class FigureFonts {
  /** The bundled family, and the default of {@link FigureStyle#defaults()}. */
  public static final String BUNDLED_FAMILY = "DejaVu Sans";

  private static final String REGULAR = "fonts/DejaVuSans.ttf";
  private static final String BOLD = "fonts/DejaVuSans-Bold.ttf";
  private static volatile Font regular;
  private static volatile Font bold;

  private FigureFonts() {}

  /** Whether {@code style} uses the bundled family (case-insensitive). */
  public static boolean isBundled(FigureStyle style) {
    return BUNDLED_FAMILY.toLowerCase(Locale.ROOT).equals(style.fontFamily().trim().toLowerCase(Locale.ROOT));
  }

  /**
   * The figure's font at {@code sizePt}: the bundled DejaVu Sans face when the style asks for it,
   * else the system family.
   */
  public static Font font(FigureStyle style, boolean isBold, double sizePt) {
    if (isBundled(style)) return (isBold ? bundledBold() : bundledRegular()).deriveFont((float) sizePt);
    return new Font(style.fontFamily(), isBold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) sizePt);
  }

  /** The bundled regular face, 1 pt (derive the size you need). */
  public static Font bundledRegular() {
    Font f = regular;
    if (f == null) regular = f = load(REGULAR);
    return f;
  }

  /** The bundled bold face, 1 pt. */
  public static Font bundledBold() {
    Font f = bold;
    if (f == null) bold = f = load(BOLD);
    return f;
  }

  /** A fresh stream over the bundled TrueType file (the caller closes it). */
  static InputStream openTtf(boolean isBold) {
    String name = isBold ? BOLD : REGULAR;
    InputStream in = FigureFonts.class.getResourceAsStream(name);
    if (in == null) throw new IllegalStateException("bundled font missing from the class path: " + name);
    return in;
  }

  private static Font load(String name) {
    try (InputStream in = openTtf(name.equals(BOLD))) {
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled font " + name, e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("bundled font " + name + " is not a TrueType font", e);
    }
  }
}
