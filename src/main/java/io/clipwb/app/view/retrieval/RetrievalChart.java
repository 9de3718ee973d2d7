package io.clipwb.app.view.retrieval;

import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.ChartKit;
import io.clipwb.core.eval.retrieval.Retrieval;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRetrieval;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.labels.StandardCategoryToolTipGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Recall@K bars of every model on one caption set in one direction, as a plain JFreeChart (no
 * JavaFX), so the view and {@code clipwb figures} draw the same figure: a group of bars per model
 * (R@1, R@5, R@10, light to dark blue, so the nesting R@1 ≤ R@5 ≤ R@10 reads as one growing bar),
 * recall on a 0–1 axis, chance level ({@code K / candidates}) not drawn because on the sample it is
 * below the axis resolution.
 */
public final class RetrievalChart {
  private RetrievalChart() {}

  /** The two directions, in display order. */
  public enum Direction {
    IMAGE_TO_TEXT("image → text"),
    TEXT_TO_IMAGE("text → image");

    public final String label;

    Direction(String label) {
      this.label = label;
    }

    /** This direction's part of a retrieval result. */
    public Retrieval.Direction of(Retrieval.Result r) {
      return this == IMAGE_TO_TEXT ? r.imageToText() : r.textToImage();
    }
  }

  /** Recall@K values drawn: one bar per K. */
  public static final int[] KS = {1, 5, 10};

  private static final Color[] BLUES = {new Color(0x9e, 0xca, 0xe1), new Color(0x42, 0x92, 0xc6), new Color(0x08, 0x45, 0x94)};

  /** The models of a report that have retrieval on {@code set}, in report order. */
  public static List<ProjectReport.ModelReport> modelsWith(ProjectReport r, String set) {
    List<ProjectReport.ModelReport> out = new ArrayList<>();
    for (ProjectReport.ModelReport m : r.models()) if (m.retrieval().containsKey(set)) out.add(m);
    return out;
  }

  /** The caption sets scored in a report, in first-appearance order. */
  public static List<String> sets(ProjectReport r) {
    List<String> out = new ArrayList<>();
    for (ProjectReport.ModelReport m : r.models()) for (String s : m.retrieval().keySet()) if (!out.contains(s)) out.add(s);
    return out;
  }

  /** The bar chart of one direction; a bar's entity has the model as column key ({@link #modelAt}). */
  public static JFreeChart create(String set, Direction dir, List<ProjectReport.ModelReport> models, FigureStyle style) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int k : KS) {
      for (ProjectReport.ModelReport m : models) {
        ProjectRetrieval.Eval e = m.retrieval().get(set);
        if (e != null) data.addValue(dir.of(e.result()).recallAt(k), "R@" + k, m.model());
      }
    }
    CategoryAxis x = new CategoryAxis(null);
    ChartKit.axis(x, style);
    x.setCategoryLabelPositions(models.size() > 3 ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
    x.setMaximumCategoryLabelLines(2);
    x.setTickMarksVisible(false);
    NumberAxis y = new NumberAxis("Recall (" + dir.label + ")");
    y.setRange(0, 1.0001);
    ChartKit.axis(y, style);

    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setItemMargin(0.04);
    for (int i = 0; i < KS.length; i++) bars.setSeriesPaint(i, BLUES[i]);
    bars.setDefaultToolTipGenerator(new StandardCategoryToolTipGenerator("{1}: {0} = {2}",
        java.text.NumberFormat.getPercentInstance(Locale.ROOT)));
    CategoryPlot plot = new CategoryPlot(data, x, y, bars);
    plot.setOrientation(PlotOrientation.VERTICAL);
    JFreeChart chart = ChartKit.chart(set + ": " + dir.label, plot, true, style);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinesVisible(false);
    return chart;
  }

  /** The model of a clicked bar, or null. */
  public static String modelAt(ChartEntity e) {
    return e instanceof CategoryItemEntity c && c.getColumnKey() != null ? c.getColumnKey().toString() : null;
  }
}
