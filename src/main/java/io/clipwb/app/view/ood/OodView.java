package io.clipwb.app.view.ood;

import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.jobs.Latest;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureDialogs;
import io.clipwb.app.view.FigureTab;
import io.clipwb.app.view.ChartKit;
import io.clipwb.app.view.ViewControls;
import io.clipwb.core.eval.ood.OodResult;
import io.clipwb.core.eval.ood.ScoreHistogram;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * The OOD-detection view: for one model and one OOD set, the ID-vs-OOD histogram of every score
 * function (MSP, max-logit, energy, MCM) and their ROC curves, all from the report's
 * {@link OodResult}s (nothing re-scored); a threshold slider on one score moves its histogram's
 * threshold line and the ROC's operating point and shows TPR (OOD flagged) and FPR (ID flagged)
 * live, starting at the core's FPR@95 threshold. Clicking a histogram bar drills down into the ID
 * and the OOD images whose scores fall in that bar.
 */
public final class OodView extends BorderPane implements FigureTab {
  /** What is drawn now: the model's result on the chosen pair and its charts (index = score index). */
  record Shown(String model, OodResult result, List<JFreeChart> histograms, JFreeChart roc) {}

  private final Workbench wb;
  private final ComboBox<String> model = new ComboBox<>();
  private final ComboBox<String> oodSet = new ComboBox<>();
  private final ComboBox<String> thresholdScore = new ComboBox<>();
  private final Slider slider = new Slider(0, 1, 0.5);
  private final Label rates = new Label();
  private final Label subtitle = new Label();
  private final GridPane grid = new GridPane();
  private final Latest<Shown> latest;
  private final List<ChartViewer> histViewers = new ArrayList<>();
  private ChartViewer rocViewer;
  private volatile Shown shown;
  /** The chart the export and copy act on: a score's histogram (its index) or the ROC (-1). */
  private volatile int focused = -1;
  private boolean updating;

  public OodView(Workbench wb) {
    this.wb = wb;
    this.latest = ViewControls.latest(wb, "Cannot draw the OOD charts", "OOD detection", n -> grid.getChildren().setAll(n));
    setId("ood-view");
    model.setTooltip(new Tooltip("The model whose scores are shown"));
    oodSet.setTooltip(new Tooltip("The OOD set scored against the in-distribution set"));
    thresholdScore.setTooltip(new Tooltip("The score function the threshold slider applies to"));
    slider.setPrefWidth(260);
    slider.setId("ood-threshold");
    slider.setTooltip(new Tooltip("Images with a score at or below the threshold are flagged OOD"));
    rates.setId("ood-rates");
    rates.setMinWidth(360);
    setTop(ViewControls.head(ViewControls.bar(new Label("Model"), model, new Label("OOD set"), oodSet, new Label("Threshold on"),
        thresholdScore, slider, rates), subtitle));
    setCenter(ViewControls.scrolling(grid));
    model.valueProperty().addListener((o, a, b) -> redraw());
    oodSet.valueProperty().addListener((o, a, b) -> redraw());
    thresholdScore.valueProperty().addListener((o, a, b) -> thresholdScoreChanged());
    slider.valueProperty().addListener((o, a, b) -> thresholdMoved());
    ViewControls.followReport(wb, q -> updating = q, this::refill, this::redraw);
  }

  /** Refills the pickers from a new report (null: none), their listeners silenced. */
  private void refill(ProjectReport r) {
    List<String> ms = new ArrayList<>();
    List<String> ss = new ArrayList<>();
    if (r != null) {
      for (ProjectReport.ModelReport m : r.models()) {
        if (m.ood().isEmpty()) continue;
        ms.add(m.model());
        for (OodResult o : m.ood()) if (!ss.contains(o.oodSet())) ss.add(o.oodSet());
      }
    }
    ViewControls.refill(model, ms);
    ViewControls.refill(oodSet, ss);
  }

  private void redraw() {
    if (updating) return;
    ProjectReport r = wb.reportProperty().get();
    String m = model.getValue();
    String s = oodSet.getValue();
    OodResult res = r == null || m == null || s == null ? null : find(r, m, s);
    if (res == null) {
      grid.getChildren().setAll(new Label(r == null ? ViewControls.NO_RESULTS
          : "No OOD results: the project needs a data set with role 'ood' and a finished run of it."));
      subtitle.setText("");
      shown = null;
      return;
    }
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    subtitle.setText("Histograms: share of the " + res.idSet() + " (ID, " + res.nId() + " images) and " + res.oodSet() + " (OOD, "
        + res.nOod() + " images) images per score bin; higher scores = more in-distribution. ROC: OpenOOD's convention (OOD"
        + " positive, flagged when score \u2264 threshold); AUROC and FPR@95 are the report's. Click a bar to see its images.");
    latest.request(() -> build(m, res, ChartKit.screen(style)), this::show);
  }

  private static OodResult find(ProjectReport r, String model, String set) {
    for (ProjectReport.ModelReport m : r.models()) {
      if (!m.model().equals(model)) continue;
      for (OodResult o : m.ood()) if (o.oodSet().equals(set)) return o;
    }
    return null;
  }

  private static Shown build(String model, OodResult r, FigureStyle style) {
    List<JFreeChart> hs = new ArrayList<>();
    List<OodChart.RocCurve> curves = new ArrayList<>();
    for (OodResult.PerScore s : r.scores()) {
      hs.add(OodChart.histogram(OodChart.name(s.score()), r, s, style, null));
      curves.add(new OodChart.RocCurve(OodChart.name(s.score()), s));
    }
    JFreeChart roc = OodChart.roc("ROC: " + r.idSet() + " vs " + r.oodSet(), curves, style, null, -1);
    return new Shown(model, r, hs, roc);
  }

  private void show(Shown s) {
    shown = s;
    grid.getChildren().clear();
    histViewers.clear();
    for (int i = 0; i < s.histograms().size(); i++) {
      ChartViewer v = viewer(s.histograms().get(i), i);
      histViewers.add(v);
      grid.add(v, i % 2, i / 2);
    }
    rocViewer = viewer(s.roc(), -1);
    rocViewer.setPrefSize(460, 460);
    grid.add(rocViewer, 2, 0, 1, Math.max(1, (s.histograms().size() + 1) / 2));
    focused = -1;
    updating = true;
    try {
      List<String> names = s.result().scores().stream().map(p -> OodChart.name(p.score())).toList();
      String old = thresholdScore.getValue();
      thresholdScore.getItems().setAll(names);
      thresholdScore.setValue(old != null && names.contains(old) ? old : names.contains("MCM") ? "MCM" : names.isEmpty() ? null : names.get(0));
    } finally {
      updating = false;
    }
    thresholdScoreChanged();
  }

  private ChartViewer viewer(JFreeChart chart, int scoreIndex) {
    ChartViewer v = new ChartViewer(chart, false);
    v.setPrefSize(400, 300);
    v.setMinSize(260, 200);
    v.getStyleClass().add("ood-chart");
    v.setUserData(scoreIndex);
    v.addChartMouseListener(new ChartMouseListenerFX() {
      @Override
      public void chartMouseClicked(ChartMouseEventFX e) {
        focused = scoreIndex;
        for (DrillRequest r : requestsFor(v, e.getEntity())) wb.drillDown(r);
      }

      @Override
      public void chartMouseMoved(ChartMouseEventFX e) {}
    });
    return v;
  }

  private int thresholdIndex() {
    if (shown == null || thresholdScore.getValue() == null) return -1;
    List<OodResult.PerScore> ss = shown.result().scores();
    for (int i = 0; i < ss.size(); i++) if (OodChart.name(ss.get(i).score()).equals(thresholdScore.getValue())) return i;
    return -1;
  }

  /** A new score for the slider: its range is the histogram's, and it starts at the core's FPR@95 threshold. */
  private void thresholdScoreChanged() {
    if (updating) return;
    int i = thresholdIndex();
    if (i < 0) return;
    OodResult.PerScore s = shown.result().scores().get(i);
    double[] e = s.histogram().edges();
    updating = true;
    try {
      slider.setMin(e[0]);
      slider.setMax(e[e.length - 1]);
      slider.setValue(Math.max(e[0], Math.min(e[e.length - 1], s.metrics().thresholdOpenOod())));
    } finally {
      updating = false;
    }
    thresholdMoved();
  }

  private void thresholdMoved() {
    if (updating) return;
    int i = thresholdIndex();
    if (i < 0) return;
    FigureStyle style = ChartKit.screen(wb.preferencesProperty().get().figureStyle());
    OodResult.PerScore s = shown.result().scores().get(i);
    OodThreshold t = OodThreshold.at(s, slider.getValue());
    for (int k = 0; k < shown.histograms().size(); k++) OodChart.setThreshold(shown.histograms().get(k), k == i ? t.threshold() : null, style);
    OodChart.setPoint(shown.roc(), new double[] {t.fpr(), t.tpr()}, i, style);
    rates.setText(String.format(Locale.ROOT, "%s \u2264 %.4g flagged OOD: TPR %.1f%% (%d/%d OOD), FPR %.1f%% (%d/%d ID)",
        OodChart.name(s.score()), t.threshold(), 100 * t.tpr(), t.oodFlagged(), s.oodScores().length, 100 * t.fpr(), t.idFlagged(),
        s.idScores().length));
  }

  /**
   * The drill-down requests behind a chart entity of one of the histogram viewers: the ID images and
   * the OOD images whose score falls in the clicked bar's bin (empty sides left out); empty when the
   * entity is no bar.
   */
  public List<DrillRequest> requestsFor(ChartViewer viewer, ChartEntity entity) {
    if (shown == null || !(viewer.getUserData() instanceof Integer idx) || idx < 0) return List.of();
    OodChart.BarRef ref = OodChart.barAt(entity).orElse(null);
    if (ref == null) return List.of();
    OodResult r = shown.result();
    OodResult.PerScore s = r.scores().get(idx);
    ScoreHistogram h = s.histogram();
    double lo = h.edges()[ref.bin()];
    double hi = h.edges()[ref.bin() + 1];
    boolean last = ref.bin() == h.idCounts().length - 1;
    String range = String.format(Locale.ROOT, "%s score [%.4g, %.4g%s", OodChart.name(s.score()), lo, hi, last ? "]" : ")");
    Path outputs = Objects.requireNonNull(wb.outputsProperty().get(), "outputs");
    List<DrillRequest> out = new ArrayList<>();
    int[] idRows = h.rowsIn(s.idScores(), ref.bin());
    int[] oodRows = h.rowsIn(s.oodScores(), ref.bin());
    if (idRows.length > 0) {
      out.add(new DrillRequest(shown.model() + " / " + r.idSet() + " (ID), " + range + ", " + idRows.length + " images", shown.model(),
          r.idSet(), ProjectRun.runDir(outputs, shown.model(), r.idSet()), idRows));
    }
    if (oodRows.length > 0) {
      out.add(new DrillRequest(shown.model() + " / " + r.oodSet() + " (OOD), " + range + ", " + oodRows.length + " images", shown.model(),
          r.oodSet(), ProjectRun.runDir(outputs, shown.model(), r.oodSet()), oodRows));
    }
    return out;
  }

  /** The histogram viewers shown now, one per score in the report's order (tests click into them). */
  public List<ChartViewer> histogramViewers() {
    return List.copyOf(histViewers);
  }

  /** The ROC viewer, or null before the first draw. */
  public ChartViewer rocViewer() {
    return rocViewer;
  }

  /** The result drawn now, or null. */
  public OodResult result() {
    return shown == null ? null : shown.result();
  }

  /** The threshold slider (tests move it). */
  public Slider slider() {
    return slider;
  }

  /** The live TPR/FPR text. */
  public String ratesText() {
    return rates.getText();
  }

  /**
   * Exports the focused chart (the last clicked, else the ROC), redrawn with the preferences' figure
   * style and without the slider's marks (blocking).
   */
  public void export(Path file, FigureFormat format) {
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    FigureExport.write(figure(style), file, format, style);
  }

  /** The focused chart drawn with {@code style}. */
  private JFreeChart figure(FigureStyle style) {
    Shown s = shown;
    if (s == null) throw new IllegalStateException("no chart to export");
    OodResult r = s.result();
    int f = focused;
    if (f >= 0 && f < r.scores().size()) {
      OodResult.PerScore p = r.scores().get(f);
      return OodChart.histogram(s.model() + ": " + OodChart.name(p.score()), r, p, style, null);
    }
    List<OodChart.RocCurve> curves = new ArrayList<>();
    for (OodResult.PerScore p : r.scores()) curves.add(new OodChart.RocCurve(OodChart.name(p.score()), p));
    return OodChart.roc(s.model() + ": " + r.idSet() + " vs " + r.oodSet(), curves, style, null, -1);
  }

  @Override
  public void exportFigure() {
    if (shown == null) return;
    FigureDialogs.export(this, wb, "ood-" + shown.model(), this::export);
  }

  @Override
  public void copyFigure() {
    if (shown == null) return;
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    FigureDialogs.copy(figure(style), style);
  }
}
