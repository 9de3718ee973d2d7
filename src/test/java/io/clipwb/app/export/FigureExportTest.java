package io.clipwb.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The three figure formats, read back with independent readers: the PNG's pixel size and pHYs
 * (ImageIO), the SVG's size and text elements (the JDK's XML parser), the PDF's page size and font
 * embedding (PDFBox's reader).
 */
class FigureExportTest {
  static JFreeChart chart() {
    XYSeries s = new XYSeries("accuracy");
    s.add(0.1, 0.2);
    s.add(0.5, 0.4);
    s.add(0.9, 0.95);
    JFreeChart c = ChartFactory.createXYLineChart("Title", "Confidence", "Accuracy", new XYSeriesCollection(s));
    FigureStyle st = FigureStyle.defaults();
    c.getXYPlot().getDomainAxis().setLabelFont(FigureFonts.font(st, false, 8));
    c.getXYPlot().getRangeAxis().setLabelFont(FigureFonts.font(st, false, 8));
    c.getXYPlot().getDomainAxis().setTickLabelFont(FigureFonts.font(st, false, 7));
    c.getXYPlot().getRangeAxis().setTickLabelFont(FigureFonts.font(st, false, 7));
    c.getTitle().setFont(FigureFonts.font(st, true, 9));
    c.getLegend().setItemFont(FigureFonts.font(st, false, 7));
    return c;
  }

  @Test
  void writesPngSvgAndPdfAtTheFigureSize(@TempDir Path tmp) throws Exception {
    FigureStyle style = new FigureStyle(89, 70, 150, "DejaVu Sans", 8);
    JFreeChart c = chart();
    for (FigureFormat f : FigureFormat.values()) FigureExport.write(c, tmp.resolve("f." + f.extension()), f, style);

    double[] png = ExportChecks.png(tmp.resolve("f.png"));
    assertEquals(150, png[0], 0.5 * 0.0254); // pHYs holds whole pixels per metre
    assertEquals(150, png[1], 0.5 * 0.0254);
    assertEquals(Math.round(89 / 25.4 * 150), png[2], 0.5);
    assertEquals(Math.round(70 / 25.4 * 150), png[3], 0.5);
    BufferedImage img = ImageIO.read(tmp.resolve("f.png").toFile());
    assertEquals(0xFFFFFFFF, img.getRGB(0, 0), "white background");

    Element svg = ExportChecks.svg(tmp.resolve("f.svg"));
    assertEquals("89mm", svg.getAttribute("width"));
    assertEquals("70mm", svg.getAttribute("height"));
    String[] vb = svg.getAttribute("viewBox").split(" ");
    assertEquals(89 / 25.4 * 72, Double.parseDouble(vb[2]), 1e-3);
    assertTrue(ExportChecks.svgTexts(svg).containsAll(java.util.List.of("Confidence", "Accuracy")), ExportChecks.svgTexts(svg).toString());
    assertTrue(Files.readString(tmp.resolve("f.svg"), StandardCharsets.UTF_8).contains("DejaVu Sans"));

    try (PDDocument doc = Loader.loadPDF(tmp.resolve("f.pdf").toFile())) {
      assertEquals(1, doc.getNumberOfPages());
      var box = doc.getPage(0).getMediaBox();
      assertEquals(89 / 25.4 * 72, box.getWidth(), 0.01);
      assertEquals(70 / 25.4 * 72, box.getHeight(), 0.01);
      List<PDFont> fonts = ExportChecks.pdfFonts(doc);
      assertTrue(fonts.size() >= 2, "regular and bold: " + fonts);
      for (PDFont f : fonts) assertTrue(f.isEmbedded(), f.getName() + " not embedded");
      assertTrue(fonts.stream().anyMatch(f -> f.getName().contains("DejaVuSans")), fonts.toString());
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertTrue(text.contains("Confidence"), "text stays text: " + text);
    }
  }

  @Test
  void renderScalesWithTheDpi() {
    BufferedImage img = FigureExport.render(chart(), new FigureStyle(50.8, 25.4, 72, "DejaVu Sans", 8));
    assertEquals(144, img.getWidth());
    assertEquals(72, img.getHeight());
  }
}
