package io.clipwb.app.view.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.eval.calibration.CalibrationMetrics;
import io.clipwb.core.eval.calibration.ReliabilityBin;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/**
 * The reliability chart draws one bar per non-empty bin and series, and a click on any bar (accuracy,
 * gap or count) maps back to the bin under it: checked geometrically, from where the bar is drawn.
 */
class ReliabilityChartTest {
  /** Ten equal-width bins; bins 0 and 4 are empty. */
  static CalibrationMetrics metrics(double offset) {
    List<ReliabilityBin> bins = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int count = i == 0 || i == 4 ? 0 : 10 + i;
      double conf = i / 10.0 + 0.05;
      double acc = Math.min(1, conf + offset);
      bins.add(new ReliabilityBin(i, i / 10.0, (i + 1) / 10.0, count, count == 0 ? Double.NaN : conf,
          count == 0 ? Double.NaN : acc, count == 0 ? 0 : Math.abs(offset), new int[count]));
    }
    return new CalibrationMetrics(200, 0.5, 0.0321, 0.03, 0.1049, 0.03, 1.2346, 0.4, 10, bins, bins);
  }

  @Test
  void everyBarMapsToTheBinItIsDrawnIn() {
    List<ReliabilityChart.Series> series = List.of(
        new ReliabilityChart.Series("m1", "test", false, metrics(-0.1), false),
        new ReliabilityChart.Series("m2", "test", false, metrics(0.05), false));
    JFreeChart chart = ReliabilityChart.create("t", series, FigureStyle.defaults());
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage img = new BufferedImage(500, 400, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    chart.draw(g, new Rectangle2D.Double(0, 0, 500, 400), info);
    g.dispose();

    CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getXYPlot();
    XYPlot top = plot.getSubplots().get(0);
    PlotRenderingInfo topInfo = info.getPlotInfo().getSubplotInfo(0);
    Rectangle2D area = topInfo.getDataArea();
    int mapped = 0;
    Set<String> seen = new HashSet<>();
    for (Object o : info.getEntityCollection().getEntities()) {
      ChartEntity e = (ChartEntity) o;
      Optional<ReliabilityChart.BinRef> ref = ReliabilityChart.binAt(e);
      if (ref.isEmpty()) continue;
      mapped++;
      ReliabilityBin bin = series.get(ref.get().series()).bins().get(ref.get().bin());
      double x = top.getDomainAxis().java2DToValue(e.getArea().getBounds2D().getCenterX(), area, top.getDomainAxisEdge());
      assertTrue(x > bin.lower() && x < bin.upper(), "bar at x=" + x + " mapped to bin " + bin.index());
      assertTrue(bin.count() > 0);
      // the two series sit side by side: series 0 in the left half of the bin
      double mid = (bin.lower() + bin.upper()) / 2;
      assertEquals(ref.get().series() == 0, x < mid, "slot of series " + ref.get().series());
      seen.add(ref.get().series() + "/" + ref.get().bin());
    }
    // accuracy, gap and count bars: 3 x 2 series x 8 non-empty bins
    assertEquals(3 * 2 * 8, mapped);
    assertEquals(2 * 8, seen.size());
    assertTrue(!seen.contains("0/0") && !seen.contains("1/4"), "empty bins draw nothing");
  }

  @Test
  void legendLeavesTheCornerWhenABarReachesIntoIt() {
    // offset -0.1: accuracy under confidence (over-confident), the upper-left corner stays empty
    JFreeChart over = ReliabilityChart.create(null,
        List.of(new ReliabilityChart.Series("m", "s", false, metrics(-0.1), false)), FigureStyle.defaults());
    assertEquals(0, over.getSubtitleCount(), "legend inside the plot");
    // offset +0.3: bin (0.5, 0.6] reaches accuracy 0.85, into the corner: legend under the chart
    JFreeChart under = ReliabilityChart.create(null,
        List.of(new ReliabilityChart.Series("m", "s", false, metrics(0.3), false)), FigureStyle.defaults());
    assertEquals(1, under.getSubtitleCount(), "legend under the chart");
  }

  @Test
  void labelsKeepOnlyWhatDiffers() {
    CalibrationMetrics m = metrics(0);
    assertEquals(List.of("Accuracy"), ReliabilityChart.labels(List.of(new ReliabilityChart.Series("a", "s", false, m, false))));
    assertEquals(List.of("a", "b"), ReliabilityChart.labels(List.of(
        new ReliabilityChart.Series("a", "s", false, m, false), new ReliabilityChart.Series("b", "s", false, m, false))));
    assertEquals(List.of("before T", "after T"), ReliabilityChart.labels(List.of(
        new ReliabilityChart.Series("a", "s", false, m, false), new ReliabilityChart.Series("a", "s", true, m, false))));
    assertEquals("ECE 3.2%, MCE 10.5%, NLL 1.235", ReliabilityChart.metricsLine(m));
  }
}
