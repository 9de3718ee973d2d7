package io.clipwb.app.view.corruption;

import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.jobs.Latest;
import io.clipwb.app.state.ErrorReporter;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureDialogs;
import io.clipwb.app.view.FigureTab;
import io.clipwb.app.view.ViewControls;
import io.clipwb.core.eval.corruption.CorruptionEval;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.CheckComboBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * The corruption view: pick a corrupted set and models; per model a heatmap of accuracy (or ECE)
 * per corruption × severity, next to it the accuracy-vs-severity curves of every chosen model for
 * one corruption or the mean, coloured by any factor, with mCE / relative mCE in the legend;
 * under them the corruption × severity grid of one chosen image with each model's prediction.
 * Baseline errors can be imported (a {@code corruption,1,...,5} CSV) to normalise CE. Everything
 * is computed off the FX thread from the report (re-reading the run folders only with a baseline),
 * and only the latest request is shown. A click on a heatmap cell or a curve point drills down into
 * that cell's images; a click on a grid tile into that image.
 */
public final class CorruptionView extends BorderPane implements FigureTab {
  /** What one redraw produced. */
  record Built(String set, Map<String, CorruptionEval.Result> results, Map<String, JFreeChart> heatmaps, JFreeChart curves,
      List<CorruptionCharts.Curve> curveList, String corruption, List<String> imageKeys) {}

  private final Workbench wb;
  private final ComboBox<String> sets = new ComboBox<>();
  private final CheckComboBox<String> models = new CheckComboBox<>();
  private final ComboBox<CorruptionCharts.Metric> metric = new ComboBox<>();
  private final ComboBox<String> corruption = new ComboBox<>();
  private final ComboBox<String> colourBy = new ComboBox<>();
  private final ComboBox<String> image = new ComboBox<>();
  private final Label baselineLabel = new Label("CE unnormalised");
  private final Label subtitle = new Label();
  private final FlowPane heatmapPane = new FlowPane(6, 6);
  private final BorderPane curvesPane = new BorderPane();
  private final CorruptionImageGrid grid;
  private final Latest<Built> latest;
  private final Latest<List<CorruptionImageGrid.ModelGrid>> gridLatest;
  private CorruptionEval.Baseline baseline;
  private Built shown;
  private JFreeChart focused;
  private boolean updating;

  public CorruptionView(Workbench wb) {
    this.wb = wb;
    setId("corruption-view");
    this.latest = new Latest<>(wb.jobs().background(), e -> {
      heatmapPane.getChildren().setAll(new Label("Cannot draw the corruption charts: " + ErrorReporter.messageOf(e)));
      wb.errors().notifyError("Corruption view", e);
    });
    this.gridLatest = new Latest<>(wb.jobs().background(), e -> wb.errors().notifyError("Corruption grid", e));
    this.grid = new CorruptionImageGrid(wb::drillDown);
    metric.getItems().setAll(CorruptionCharts.Metric.values());
    metric.setValue(CorruptionCharts.Metric.ACCURACY);
    sets.setTooltip(new Tooltip("A corrupted set of the project (role \"corruption\": <corruption>/<severity>/<class>/*)"));
    models.setTooltip(new Tooltip("Models: one heatmap each, one curve each"));
    corruption.setTooltip(new Tooltip("The corruption the curves show, or the mean over the corruptions in mCE"));
    colourBy.setTooltip(new Tooltip("Colour the curves by a factor: models sharing a value share a colour (markers differ)"));
    image.setTooltip(new Tooltip("The image whose corrupted versions the grid shows (class/stem)"));
    Button importBaseline = new Button("Import baseline errors\u2026");
    importBaseline.setTooltip(new Tooltip("CSV corruption,1,2,3,4,5 (+ a 'clean' row): CE becomes normalised, relative mCE appears"));
    importBaseline.setOnAction(e -> importBaseline());
    FlowPane controls = ViewControls.bar(new Label("Set"), sets, new Label("Models"), models, new Label("Heatmap"), metric,
        new Label("Curves"), corruption, new Label("Colour by"), colourBy, importBaseline, baselineLabel);
    subtitle.setWrapText(true);
    subtitle.getStyleClass().add("view-subtitle");
    VBox top = new VBox(4, controls, subtitle);
    top.setPadding(new Insets(6));
    setTop(top);
    heatmapPane.setPadding(new Insets(6));
    ScrollPane heatScroll = new ScrollPane(heatmapPane);
    heatScroll.setFitToWidth(true);
    SplitPane charts = new SplitPane(heatScroll, curvesPane);
    charts.setDividerPositions(0.55);
    ScrollPane gridScroll = new ScrollPane(grid);
    Label gridNote = new Label("rows: corruption, columns: severity; each model's prediction and confidence under the tile;"
        + " click a tile for the image's top-5");
    gridNote.getStyleClass().add("view-subtitle");
    FlowPane gridHead = new FlowPane(10, 4, new Label("Image"), image, gridNote);
    gridHead.setAlignment(Pos.CENTER_LEFT);
    gridHead.setPadding(new Insets(4, 6, 0, 6));
    BorderPane gridPane = new BorderPane(gridScroll);
    gridPane.setTop(gridHead);
    SplitPane main = new SplitPane(charts, gridPane);
    main.setOrientation(Orientation.VERTICAL);
    main.setDividerPositions(0.55);
    setCenter(main);
    sets.valueProperty().addListener((o, a, b) -> redraw());
    models.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> redraw());
    metric.valueProperty().addListener((o, a, b) -> redraw());
    corruption.valueProperty().addListener((o, a, b) -> redraw());
    colourBy.valueProperty().addListener((o, a, b) -> redraw());
    image.valueProperty().addListener((o, a, b) -> redrawGrid());
    wb.reportProperty().addListener((o, a, b) -> reportChanged());
    reportChanged();
  }

  private void reportChanged() {
    ProjectReport r = wb.reportProperty().get();
    updating = true;
    try {
      List<String> ss = r == null ? List.of() : CorruptionData.sets(r);
      if (!ss.equals(sets.getItems())) {
        String old = sets.getValue();
        sets.getItems().setAll(ss);
        sets.setValue(old != null && ss.contains(old) ? old : ss.isEmpty() ? null : ss.get(0));
      }
      List<String> ms = new ArrayList<>();
      if (r != null) for (ProjectReport.ModelReport m : r.models()) if (!m.corruption().isEmpty()) ms.add(m.model());
      if (!ms.equals(models.getItems())) {
        List<String> checked = checked();
        boolean first = models.getItems().isEmpty();
        models.getItems().setAll(ms);
        int n = 0;
        for (String m : ms) {
          if (checked.contains(m) || first && n < 4) {
            models.getCheckModel().check(m);
            n++;
          }
        }
        ViewControls.settle(models);
      }
      List<String> fs = r == null ? List.of(CorruptionData.BY_MODEL) : CorruptionData.factors(r);
      if (!fs.equals(colourBy.getItems())) {
        String old = colourBy.getValue();
        colourBy.getItems().setAll(fs);
        colourBy.setValue(old != null && fs.contains(old) ? old : CorruptionData.BY_MODEL);
      }
    } finally {
      updating = false;
    }
    redraw();
  }

  private List<String> checked() {
    return models.getCheckModel().getCheckedItems().stream().filter(Objects::nonNull).toList();
  }

  private void redraw() {
    if (updating) return;
    ProjectReport r = wb.reportProperty().get();
    String set = sets.getValue();
    if (r == null || set == null) {
      heatmapPane.getChildren().setAll(new Label(r == null ? ViewControls.NO_RESULTS
          : "This project has no corrupted set with results (a data set with role \"corruption\")."));
      curvesPane.setCenter(null);
      return;
    }
    List<String> ms = checked();
    CorruptionCharts.Metric met = metric.getValue();
    String corr = corruption.getValue() == null ? CorruptionCharts.MEAN : corruption.getValue();
    String factor = colourBy.getValue();
    CorruptionEval.Baseline base = baseline;
    Path runs = wb.outputsProperty().get();
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    subtitle.setText("Heatmaps: " + met.label + " per corruption \u00d7 severity, in %. Curves: accuracy against severity "
        + "(0 = the clean in-distribution accuracy). Click a cell or a point to see its images; the grid below shows one image's"
        + " corrupted versions (border green = all models right, red = all wrong, amber = mixed).");
    latest.request(() -> build(r, set, ms, met, corr, factor, base, runs, style), this::show);
  }

  static Built build(ProjectReport r, String set, List<String> ms, CorruptionCharts.Metric met, String corr, String factor,
      CorruptionEval.Baseline base, Path runs, FigureStyle style) {
    Map<String, CorruptionEval.Result> results = CorruptionData.results(r, set, ms, base, runs);
    Map<String, JFreeChart> heat = new LinkedHashMap<>();
    results.forEach((m, res) -> heat.put(m, CorruptionCharts.heatmap(m, res, met, style)));
    List<String> keys = new ArrayList<>();
    List<CorruptionCharts.Curve> curves = CorruptionData.curves(r, results, factor, keys);
    String c = corr;
    if (!results.isEmpty() && !CorruptionCharts.MEAN.equals(c) && !CorruptionData.corruptions(results.values().iterator().next()).contains(c)) {
      c = CorruptionCharts.MEAN;
    }
    JFreeChart curvesChart = results.isEmpty() ? null
        : CorruptionCharts.curves(set + ": " + (CorruptionCharts.MEAN.equals(c) ? "mean over corruptions" : c), curves, c, keys, style);
    List<String> imageKeys = results.isEmpty() ? List.of()
        : CorruptionImageGrid.imageKeys(ProjectRun.runDir(runs, results.keySet().iterator().next(), set));
    return new Built(set, results, heat, curvesChart, curves, c, imageKeys);
  }

  private void show(Built b) {
    shown = b;
    heatmapPane.getChildren().clear();
    b.heatmaps().forEach((m, chart) -> {
      ChartViewer v = viewer(chart, 240, 210);
      v.setUserData(m);
      heatmapPane.getChildren().add(v);
    });
    if (b.heatmaps().isEmpty()) heatmapPane.getChildren().add(new Label("No chosen model has a run of " + b.set() + "."));
    curvesPane.setCenter(b.curves() == null ? null : viewer(b.curves(), 420, 320));
    focused = b.curves() != null ? b.curves() : null;
    updating = true;
    try {
      List<String> cs = new ArrayList<>();
      cs.add(CorruptionCharts.MEAN);
      if (!b.results().isEmpty()) cs.addAll(CorruptionData.corruptions(b.results().values().iterator().next()));
      if (!cs.equals(corruption.getItems())) corruption.getItems().setAll(cs);
      corruption.setValue(b.corruption());
      if (!b.imageKeys().equals(image.getItems())) {
        String old = image.getValue();
        image.getItems().setAll(b.imageKeys());
        image.setValue(old != null && b.imageKeys().contains(old) ? old : b.imageKeys().isEmpty() ? null : b.imageKeys().get(0));
      }
    } finally {
      updating = false;
    }
    redrawGrid();
  }

  private ChartViewer viewer(JFreeChart chart, double w, double h) {
    ChartViewer v = new ChartViewer(chart, false);
    v.setPrefSize(w, h);
    v.setMinSize(200, 160);
    v.addChartMouseListener(new ChartMouseListenerFX() {
      @Override
      public void chartMouseClicked(ChartMouseEventFX e) {
        focused = chart;
        DrillRequest r = requestFor(v, e.getEntity());
        if (r != null) wb.drillDown(r);
      }

      @Override
      public void chartMouseMoved(ChartMouseEventFX e) {}
    });
    return v;
  }

  private void redrawGrid() {
    if (updating || shown == null) return;
    String key = image.getValue();
    if (key == null || shown.results().isEmpty()) {
      grid.show(shown.set(), List.of());
      return;
    }
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (String m : shown.results().keySet()) dirs.put(m, ProjectRun.runDir(wb.outputsProperty().get(), m, shown.set()));
    String set = shown.set();
    gridLatest.request(() -> CorruptionImageGrid.load(dirs, key), g -> grid.show(set, g));
  }

  /** The drill-down behind an entity of one of this view's viewers, or null. */
  public DrillRequest requestFor(ChartViewer v, ChartEntity e) {
    Built b = shown;
    if (b == null || e == null) return null;
    Path runs = wb.outputsProperty().get();
    if (v.getUserData() instanceof String model) {
      CorruptionEval.Result res = b.results().get(model);
      Integer i = CorruptionCharts.cellAt(e).orElse(null);
      if (res == null || i == null || i >= res.cells().size()) return null;
      CorruptionEval.Cell c = res.cells().get(i);
      return new DrillRequest(String.format(Locale.ROOT, "%s / %s, %s severity %d: %d images, accuracy %.3f", model, b.set(), c.corruption(),
          c.severity(), c.n(), c.accuracy()), model, b.set(), ProjectRun.runDir(runs, model, b.set()), c.items().clone());
    }
    CorruptionCharts.PointRef p = CorruptionCharts.pointAt(e).orElse(null);
    if (p == null || p.severity() < 1 || p.curve() >= b.curveList().size()) return null;
    CorruptionCharts.Curve c = b.curveList().get(p.curve());
    int[] rows = CorruptionCharts.cells(c.result(), b.corruption(), p.severity()).stream().flatMapToInt(x -> java.util.Arrays.stream(x.items()))
        .toArray();
    return new DrillRequest(String.format(Locale.ROOT, "%s / %s, %s severity %d: %d images", c.model(), b.set(),
        CorruptionCharts.MEAN.equals(b.corruption()) ? "all corruptions" : b.corruption(), p.severity(), rows.length), c.model(), b.set(),
        ProjectRun.runDir(runs, c.model(), b.set()), rows);
  }

  /** The heatmap viewers, then the curves viewer (tests). */
  public List<ChartViewer> viewers() {
    List<ChartViewer> out = new ArrayList<>();
    heatmapPane.getChildren().forEach(n -> {
      if (n instanceof ChartViewer v) out.add(v);
    });
    if (curvesPane.getCenter() instanceof ChartViewer v) out.add(v);
    return out;
  }

  /** The results shown now (tests compare them with the core's). */
  public Map<String, CorruptionEval.Result> results() {
    return shown == null ? Map.of() : shown.results();
  }

  /** The image grid (tests). */
  public CorruptionImageGrid grid() {
    return grid;
  }

  /** Exports the focused chart (the last clicked, else the curves) with the preferences' style (blocking). */
  public void export(Path file, FigureFormat format) {
    if (focused == null) throw new IllegalStateException("no corruption chart to export");
    FigureExport.write(focused, file, format, wb.preferencesProperty().get().figureStyle());
  }

  private void importBaseline() {
    FileChooser c = new FileChooser();
    c.setTitle("Baseline errors (corruption,1,2,3,4,5)");
    c.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    File f = c.showOpenDialog(getScene().getWindow());
    if (f == null) return;
    try {
      setBaseline(CorruptionEval.readBaseline(f.toPath()), f.getName());
    } catch (RuntimeException ex) {
      wb.errors().notifyError("Baseline errors " + f, ex);
    }
  }

  /** Normalises CE by these baseline errors (null: back to unnormalised) and redraws. */
  public void setBaseline(CorruptionEval.Baseline b, String name) {
    baseline = b;
    baselineLabel.setText(b == null ? "CE unnormalised" : "CE normalised by " + name);
    redraw();
  }

  @Override
  public void exportFigure() {
    if (focused == null) return;
    FigureDialogs.export(this, wb, "corruption-" + (shown == null ? "" : shown.set()), this::export);
  }

  @Override
  public void copyFigure() {
    FigureDialogs.copy(wb, focused);
  }
}
