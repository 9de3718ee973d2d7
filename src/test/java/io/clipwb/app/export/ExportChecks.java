package io.clipwb.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads exported figures back with independent readers (ImageIO for the PNG's pHYs, the JDK's XML
 * parser for the SVG, PDFBox's reader for the PDF's fonts): shared by the export and figures tests.
 */
public final class ExportChecks {
  private ExportChecks() {}

  /** The PNG's pHYs in dots per inch (x, y), and its pixel size. */
  public static double[] png(Path file) throws Exception {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader r = ImageIO.getImageReaders(in).next();
      r.setInput(in);
      IIOMetadata md = r.getImageMetadata(0);
      Element root = (Element) md.getAsTree("javax_imageio_png_1.0");
      Element phys = (Element) root.getElementsByTagName("pHYs").item(0);
      assertEquals("meter", phys.getAttribute("unitSpecifier"));
      double x = Double.parseDouble(phys.getAttribute("pixelsPerUnitXAxis")) * 0.0254;
      double y = Double.parseDouble(phys.getAttribute("pixelsPerUnitYAxis")) * 0.0254;
      return new double[] {x, y, r.getWidth(0), r.getHeight(0)};
    }
  }

  /** The SVG's root element. */
  public static Element svg(Path file) throws Exception {
    var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
  }

  /** The texts of the SVG's {@code <text>} elements. */
  public static List<String> svgTexts(Element root) {
    NodeList texts = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) out.add(texts.item(i).getTextContent().trim());
    return out;
  }

  /** Every font used on the PDF's pages (also inside form XObjects), as name -> embedded. */
  public static List<PDFont> pdfFonts(PDDocument doc) throws Exception {
    List<PDFont> out = new ArrayList<>();
    for (PDPage p : doc.getPages()) collect(p.getResources(), out, 0);
    return out;
  }

  private static void collect(PDResources res, List<PDFont> out, int depth) throws Exception {
    if (res == null || depth > 8) return;
    for (COSName n : res.getFontNames()) out.add(res.getFont(n));
    for (COSName n : res.getXObjectNames()) {
      PDXObject x = res.getXObject(n);
      if (x instanceof PDFormXObject form) collect(form.getResources(), out, depth + 1);
    }
  }
}
