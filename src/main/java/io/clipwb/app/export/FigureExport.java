package io.clipwb.app.export;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import io.clipwb.core.io.AtomicFiles;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The one export service every chart uses, in the GUI ("Export figure…") and in {@code clipwb
 * figures}: so both write identical files.
 *
 * <p>The chart is always laid out at the figure's physical size in PostScript points (1/72 in), so
 * fonts keep their point size in every format: PNG draws that layout scaled by dpi/72 and records
 * the DPI in the {@code pHYs} chunk (JFreeChart's own PNG writer records none); SVG uses Apache
 * Batik's generator with text kept as {@code <text>} elements and a width/height in millimetres;
 * PDF uses Apache PDFBox through the pdfbox-graphics2d bridge on a page of exactly the figure's
 * size, with the bundled DejaVu Sans embedded (journals reject PDFs with unembedded fonts). A
 * family that is not bundled is drawn as glyph outlines in the PDF, which needs no font at all. The
 * GPLv3 JFreeSVG/OrsonPDF/JFreePDF libraries are deliberately not used (the project is Apache-2.0).
 */
public final class FigureExport {
  static {
    // JFreeChart draws rotated text (the y-axis labels) through TextLayout.draw by default, a
    // workaround for old JDKs that turns the label into glyph outlines in SVG and PDF; plain
    // drawString under a rotation keeps it text (and searchable) in every format. A global switch.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private FigureExport() {}

  /**
   * Writes {@code chart} to {@code file} in {@code format} at the physical size of {@code style}.
   * The file is written atomically (a temporary file renamed into place).
   *
   * @throws java.io.UncheckedIOException naming the file when it cannot be written
   */
  public static void write(JFreeChart chart, Path file, FigureFormat format, FigureStyle style) {
    byte[] bytes;
    try {
      bytes = switch (format) {
        case PNG -> png(render(chart, style), style.dpi());
        case SVG -> svg(chart, style);
        case PDF -> pdf(chart, style);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export the figure to " + file + ": " + e.getMessage(), e);
    }
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) java.nio.file.Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of " + file + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(file, bytes);
  }

  /**
   * Writes {@code chart} once per format as {@code base.<extension>} and returns the files in the
   * order of {@code formats}: what every view's headless figure writer calls.
   */
  public static java.util.List<Path> writeAll(JFreeChart chart, Path base, java.util.List<FigureFormat> formats,
      FigureStyle style) {
    java.util.List<Path> out = new java.util.ArrayList<>();
    for (FigureFormat f : formats) {
      Path file = base.resolveSibling(base.getFileName() + "." + f.extension());
      write(chart, file, f, style);
      out.add(file);
    }
    return out;
  }

  /** A name safe as a file name on every platform: letters, digits, '.', '_' and '-' kept. */
  public static String safeName(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
  }

  /**
   * The figure as an image at {@code style.dpi()} (white background, antialiased): what PNG export
   * writes, and what "Copy figure" puts on the clipboard.
   */
  public static BufferedImage render(JFreeChart chart, FigureStyle style) {
    double scale = style.dpi() / 72.0;
    int w = (int) Math.round(style.widthPt() * scale);
    int h = (int) Math.round(style.heightPt() * scale);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.scale(scale, scale);
      chart.draw(g, bounds(style));
    } finally {
      g.dispose();
    }
    return img;
  }

  private static Rectangle2D bounds(FigureStyle style) {
    return new Rectangle2D.Double(0, 0, style.widthPt(), style.heightPt());
  }

  /** PNG bytes with a {@code pHYs} chunk of {@code dpi} (pixels per metre, rounded). */
  static byte[] png(BufferedImage img, int dpi) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
      IIOMetadataNode phys = new IIOMetadataNode("pHYs");
      String ppm = Long.toString(Math.round(dpi / 0.0254));
      phys.setAttribute("pixelsPerUnitXAxis", ppm);
      phys.setAttribute("pixelsPerUnitYAxis", ppm);
      phys.setAttribute("unitSpecifier", "meter");
      IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
      root.appendChild(phys);
      try {
        md.mergeTree("javax_imageio_png_1.0", root);
      } catch (IIOInvalidTreeException e) {
        throw new IOException("PNG metadata rejected: " + e.getMessage(), e);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(img, null, md), param);
      }
      return bytes.toByteArray();
    } finally {
      writer.dispose();
    }
  }

  /** SVG bytes (UTF-8): text as {@code <text>}, size in mm, user units = points. */
  static byte[] svg(JFreeChart chart, FigureStyle style) throws IOException {
    Document doc = GenericDOMImplementation.getDOMImplementation().createDocument("http://www.w3.org/2000/svg", "svg", null);
    SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(doc);
    ctx.setEmbeddedFontsOn(false);
    ctx.setComment("clipwb figure");
    SVGGraphics2D g = new SVGGraphics2D(ctx, false);
    g.setSVGCanvasSize(new Dimension((int) Math.ceil(style.widthPt()), (int) Math.ceil(style.heightPt())));
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    chart.draw(g, bounds(style));
    Element root = g.getRoot();
    root.setAttributeNS(null, "width", mm(style.widthMm()));
    root.setAttributeNS(null, "height", mm(style.heightMm()));
    root.setAttributeNS(null, "viewBox", "0 0 " + num(style.widthPt()) + " " + num(style.heightPt()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      g.stream(root, w, true, false);
    }
    g.dispose();
    return bytes.toByteArray();
  }

  /** PDF bytes: one page of the figure's size, vectors, the bundled font embedded (subset). */
  static byte[] pdf(JFreeChart chart, FigureStyle style) throws IOException {
    float w = (float) style.widthPt();
    float h = (float) style.heightPt();
    PdfBoxGraphics2DFontTextDrawer fonts = new PdfBoxGraphics2DFontTextDrawer();
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(new PDRectangle(w, h));
      doc.addPage(page);
      PDDocumentInformation info = new PDDocumentInformation();
      info.setCreator("clipwb");
      doc.setDocumentInformation(info);
      for (boolean bold : new boolean[] {false, true}) {
        try (InputStream in = FigureFonts.openTtf(bold)) {
          String name = (bold ? FigureFonts.bundledBold() : FigureFonts.bundledRegular()).getFontName(Locale.ROOT);
          fonts.registerFont(name, in);
        }
      }
      PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
      g.setFontTextDrawer(fonts);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      chart.draw(g, bounds(style));
      g.dispose();
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawForm(g.getXFormObject());
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    } finally {
      fonts.close();
    }
  }

  private static String mm(double v) {
    return num(v) + "mm";
  }

  private static String num(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
