/**
 * Figure and table export, shared by the workbench's "Export…" actions and {@code clipwb figures}
 * so both write identical files: {@link io.clipwb.app.export.FigureExport} (PNG with its DPI in
 * {@code pHYs}, SVG through Apache Batik with text as text, PDF through Apache PDFBox and the
 * pdfbox-graphics2d bridge with the bundled DejaVu Sans embedded), {@link
 * io.clipwb.app.export.FigureStyle} (physical size in mm, DPI, font), {@link
 * io.clipwb.app.export.FigureFonts} (the bundled font) and {@link io.clipwb.app.export.TableExport}
 * (CSV through the core's CSV writer, LaTeX with booktabs rules).
 *
 * <p>May use JFreeChart (the charts it draws), AWT/ImageIO, Batik and PDFBox, and the core's file
 * helpers; never JavaFX, so the headless {@code clipwb figures} path runs without a display. The
 * GPLv3 export libraries (JFreeSVG, OrsonPDF, JFreePDF) are excluded: the project is Apache-2.0.
 */
package io.clipwb.app.export;
