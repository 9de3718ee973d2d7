package io.clipwb.app.view.reliability;

import io.clipwb.app.chart.ChartImageView;
import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.jobs.Latest;
import io.clipwb.app.view.FigureDialogs;
import io.clipwb.app.view.FigureTab;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.ViewControls;
import io.clipwb.core.eval.calibration.Calibration;
import io.clipwb.core.eval.calibration.CalibrationMetrics;
import io.clipwb.core.eval.calibration.CalibrationResult;
import io.clipwb.core.eval.calibration.ReliabilityBin;
import io.clipwb.core.eval.calibration.SampleStats;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import org.controlsfx.control.CheckComboBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * The reliability diagram view: models x sets as small multiples (a row per model, a column per
 * set, the in-distribution set first) or overlaid (one chart per set), equal-width or adaptive
 * bins, before or after temperature scaling, bins re-computed live from the report's per-sample
 * statistics (no model, no logits re-read). The charts come from {@link ReliabilityChart}, the same
 * code {@code clipwb figures} draws with. Clicking a bar drills down into exactly that bin's rows.
 */
public final class ReliabilityView extends BorderPane implements FigureTab {
  /** One chart of the grid and what its series stand for. */
  record Cell(String set, JFreeChart chart, List<ReliabilityChart.Series> series) {
    /** Equal keys draw equal charts: a redraw keeps such a viewer instead of painting it again. */
    String key() {
      StringBuilder sb = new StringBuilder(chart.getTitle() == null ? "" : chart.getTitle().getText());
      for (ReliabilityChart.Series s : series) {
        CalibrationMetrics m = s.metrics();
        sb.append('|').append(s.model()).append('/').append(s.set()).append('/').append(s.afterTemperature()).append('/')
            .append(s.adaptive()).append('/').append(m.bins()).append('/').append(m.n()).append('/').append(m.ece()).append('/')
            .append(m.nll()).append('/').append(m.adaptiveEce());
      }
      return sb.toString();
    }
  }

  private final Workbench wb;
  private final CheckComboBox<String> models = new CheckComboBox<>();
  private final CheckComboBox<String> sets = new CheckComboBox<>();
  private final Spinner<Integer> bins = new Spinner<>(5, 50, 15);
  private final RadioButton equalWidth = new RadioButton("equal-width");
  private final RadioButton adaptive = new RadioButton("adaptive");
  private final RadioButton before = new RadioButton("before T");
  private final RadioButton after = new RadioButton("after T");
  private final CheckBox overlay = new CheckBox("overlay models");
  private final GridPane grid = new GridPane();
  private final Label subtitle = new Label();
  private final Latest<List<Cell>> latest;
  private final List<Cell> cells = new ArrayList<>();
  private Cell focused;
  private boolean updating;

  public ReliabilityView(Workbench wb) {
    this.wb = wb;
    this.latest = ViewControls.latest(wb, "Cannot draw the diagram", "Reliability diagram", n -> grid.getChildren().setAll(n));
    setId("reliability-view");
    ToggleGroup binning = new ToggleGroup();
    equalWidth.setToggleGroup(binning);
    adaptive.setToggleGroup(binning);
    equalWidth.setSelected(true);
    ToggleGroup temp = new ToggleGroup();
    before.setToggleGroup(temp);
    after.setToggleGroup(temp);
    before.setSelected(true);
    bins.setEditable(true);
    bins.setPrefWidth(80);
    models.setTooltip(new Tooltip("Models to show (one row each, or overlaid)"));
    sets.setTooltip(new Tooltip("Sets to show side by side; the in-distribution set comes first"));
    bins.setTooltip(new Tooltip("Confidence bins: recomputed from the per-sample statistics, no model involved"));
    adaptive.setTooltip(new Tooltip("Equal-mass bins (adaptive ECE)"));
    after.setTooltip(new Tooltip("After temperature scaling (T fitted on the in-distribution calibration split)"));
    overlay.setTooltip(new Tooltip("All models in one chart per set"));
    setTop(ViewControls.head(ViewControls.bar(new Label("Models"), models, new Label("Sets"), sets, new Label("Bins"), bins, equalWidth, adaptive,
        before, after, overlay), subtitle));
    setCenter(ViewControls.scrolling(grid));
    Runnable redraw = this::redraw;
    models.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> redraw.run());
    sets.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> redraw.run());
    bins.valueProperty().addListener((o, a, b) -> redraw.run());
    binning.selectedToggleProperty().addListener((o, a, b) -> redraw.run());
    temp.selectedToggleProperty().addListener((o, a, b) -> redraw.run());
    overlay.selectedProperty().addListener((o, a, b) -> redraw.run());
    ViewControls.followReport(wb, q -> updating = q, this::refill, this::redraw);
  }

  /** Refills the pickers from a new report (null: none), their listeners silenced. */
  private void refill(ProjectReport r) {
    List<String> oldM = checked(models);
    List<String> oldS = checked(sets);
    boolean first = models.getItems().isEmpty();
    List<String> ms = r == null ? List.of() : r.models().stream().map(ProjectReport.ModelReport::model).toList();
    List<String> ss = new ArrayList<>();
    if (r != null) {
      for (ProjectReport.ModelReport m : r.models()) {
        for (String s : m.calibration().samplesBefore().keySet()) if (!ss.contains(s)) ss.add(s);
      }
    }
    pick(models, ms, oldM, 2);
    pick(sets, ss, oldS, 3);
    if (r != null && first && !r.models().isEmpty()) bins.getValueFactory().setValue(r.models().get(0).calibration().params().bins());
  }

  /** The checked items (ControlsFX's checked list can hold nulls for a moment after the items change). */
  private static List<String> checked(CheckComboBox<String> box) {
    return box.getCheckModel().getCheckedItems().stream().filter(java.util.Objects::nonNull).toList();
  }

  /**
   * Replaces a picker's items keeping the user's checks; items new to the picker are checked while
   * fewer than {@code auto} are (so the first models and sets show up as a run finishes them).
   */
  private static void pick(CheckComboBox<String> box, List<String> items, List<String> checked, int auto) {
    if (items.equals(box.getItems())) return;
    List<String> before = List.copyOf(box.getItems());
    box.getItems().setAll(items);
    int n = 0;
    for (String x : items) {
      if (checked.contains(x) || !before.contains(x) && n < auto) {
        box.getCheckModel().check(x);
        n++;
      }
    }
    ViewControls.settle(box);
  }

  /** Captures the choices on the FX thread, builds the charts off it, shows the latest. */
  private void redraw() {
    if (updating) return;
    ProjectReport r = wb.reportProperty().get();
    Project p = wb.projectProperty().get();
    if (r == null || p == null) {
      grid.getChildren().setAll(new Label(ViewControls.NO_RESULTS));
      subtitle.setText("");
      return;
    }
    List<String> ms = checked(models);
    List<String> ss = checked(sets);
    int nb = bins.getValue();
    boolean adapt = adaptive.isSelected();
    boolean aft = after.isSelected();
    boolean over = overlay.isSelected();
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    String id = p.idSet().name();
    subtitle.setText("Bars: accuracy per confidence bin, " + (adapt ? "equal-mass" : "equal-width") + " bins, "
        + (aft ? "after" : "before") + " temperature scaling. The " + id + " set's bins cover only its held-out evaluation split"
        + " (the other part fits the temperature). Click a bar to see its images.");
    latest.request(() -> build(r, ms, ss, nb, adapt, aft, over, style, id), this::show);
  }

  private static List<Cell> build(ProjectReport r, List<String> ms, List<String> ss, int nb, boolean adapt, boolean aft, boolean over,
      FigureStyle style, String id) {
    List<String> orderedSets = new ArrayList<>(ss);
    if (orderedSets.remove(id)) orderedSets.add(0, id);
    Map<String, Map<String, CalibrationMetrics>> byModel = new LinkedHashMap<>();
    for (ProjectReport.ModelReport m : r.models()) {
      if (!ms.contains(m.model())) continue;
      CalibrationResult c = m.calibration();
      Map<String, SampleStats> samples = aft ? c.samplesAfter() : c.samplesBefore();
      Map<String, CalibrationMetrics> per = new LinkedHashMap<>();
      for (String s : orderedSets) {
        SampleStats st = samples.get(s);
        if (st != null && st.size() > 0) per.put(s, Calibration.metrics(st, nb, true));
      }
      byModel.put(m.model(), per);
    }
    List<Cell> out = new ArrayList<>();
    for (String s : orderedSets) {
      if (over) {
        List<ReliabilityChart.Series> series = new ArrayList<>();
        byModel.forEach((m, per) -> {
          if (per.containsKey(s)) series.add(new ReliabilityChart.Series(m, s, aft, per.get(s), adapt));
        });
        if (!series.isEmpty()) out.add(new Cell(s, ReliabilityChart.create(s, series, style), series));
      } else {
        byModel.forEach((m, per) -> {
          if (!per.containsKey(s)) return;
          List<ReliabilityChart.Series> series = List.of(new ReliabilityChart.Series(m, s, aft, per.get(s), adapt));
          out.add(new Cell(s, ReliabilityChart.create(m + " / " + s, series, style), series));
        });
      }
    }
    return out;
  }

  private void show(List<Cell> built) {
    // a run publishes a new report after every few pairs: keep the viewers whose chart did not
    // change, and give a changed chart of the same model/set to the viewer already showing it
    // (setChart re-renders off the FX thread; a new viewer would also need a CSS and layout pass)
    Map<String, ChartImageView> previous = new LinkedHashMap<>();
    Map<String, ChartImageView> byTitle = new LinkedHashMap<>();
    for (ChartImageView v : viewers()) {
      Cell c = (Cell) v.getUserData();
      previous.put(c.key(), v);
      byTitle.putIfAbsent(title(c), v);
    }
    grid.getChildren().clear();
    cells.clear();
    focused = null;
    List<String> columns = new ArrayList<>();
    built.forEach(c -> {
      if (!columns.contains(c.set())) columns.add(c.set());
    });
    int[] rowOf = new int[columns.size()];
    for (Cell fresh : built) {
      int col = columns.indexOf(fresh.set());
      ChartImageView kept = previous.remove(fresh.key());
      Cell c = fresh;
      if (kept != null) {
        c = (Cell) kept.getUserData();
        byTitle.values().remove(kept);
      } else {
        kept = byTitle.remove(title(fresh));
        if (kept != null) {
          previous.values().remove(kept);
          kept.setChart(fresh.chart());
          kept.setUserData(fresh);
        }
      }
      cells.add(c);
      if (focused == null) focused = c;
      grid.add(kept != null ? kept : viewer(c), col, rowOf[col]++);
    }
    if (built.isEmpty()) grid.getChildren().add(new Label("Nothing to show for this selection."));
  }

  private static String title(Cell c) {
    return c.chart().getTitle() == null ? "" : c.chart().getTitle().getText();
  }

  private ChartImageView viewer(Cell c) {
    ChartImageView v = new ChartImageView(c.chart());
    v.setPrefSize(420, 340);
    v.setMinSize(260, 220);
    v.getStyleClass().add("reliability-chart");
    v.setUserData(c);
    v.addChartMouseListener(new ChartMouseListenerFX() {
      @Override
      public void chartMouseClicked(ChartMouseEventFX e) {
        Cell now = (Cell) v.getUserData();
        focused = now;
        onClick(now, e);
      }

      @Override
      public void chartMouseMoved(ChartMouseEventFX e) {}
    });
    return v;
  }

  private void onClick(Cell c, ChartMouseEventFX e) {
    DrillRequest r = requestFor(c, e.getEntity());
    if (r != null) wb.drillDown(r);
  }

  /** The drill-down request behind a chart entity of {@code viewer}, or null when it is no bar of a non-empty bin. */
  public DrillRequest requestFor(ChartImageView viewer, org.jfree.chart.entity.ChartEntity entity) {
    return viewer.getUserData() instanceof Cell c ? requestFor(c, entity) : null;
  }

  private DrillRequest requestFor(Cell c, org.jfree.chart.entity.ChartEntity entity) {
    ReliabilityChart.BinRef ref = ReliabilityChart.binAt(entity).orElse(null);
    if (ref == null || ref.series() >= c.series().size()) return null;
    ReliabilityChart.Series s = c.series().get(ref.series());
    List<ReliabilityBin> bs = s.bins();
    if (ref.bin() < 0 || ref.bin() >= bs.size()) return null;
    ReliabilityBin b = bs.get(ref.bin());
    if (b.items() == null || b.count() == 0) return null;
    return request(s, b);
  }

  DrillRequest request(ReliabilityChart.Series s, ReliabilityBin b) {
    Path runDir = ProjectRun.runDir(wb.outputsProperty().get(), s.model(), s.set());
    String title = String.format(java.util.Locale.ROOT, "%s / %s, confidence (%.3f, %.3f], %d images%s", s.model(), s.set(), b.lower(),
        b.upper(), b.count(), s.afterTemperature() ? ", after T" : "");
    return new DrillRequest(title, s.model(), s.set(), runDir, b.items().clone());
  }

  /** The charts shown now (tests and export). */
  public List<JFreeChart> charts() {
    return cells.stream().map(Cell::chart).toList();
  }

  /** The chart viewers shown now (tests click into them). */
  public List<ChartImageView> viewers() {
    return grid.getChildren().stream().filter(n -> n instanceof ChartImageView).map(n -> (ChartImageView) n).toList();
  }

  /** Exports the focused chart (the last clicked, else the first) to {@code file} with the preferences' style (blocking). */
  public void export(Path file, FigureFormat format) {
    if (focused == null) throw new IllegalStateException("no diagram to export");
    FigureExport.write(focused.chart(), file, format, wb.preferencesProperty().get().figureStyle());
  }

  @Override
  public void exportFigure() {
    if (focused == null) return;
    FigureDialogs.export(this, wb, "reliability-" + focused.set(), this::export);
  }

  @Override
  public void copyFigure() {
    if (focused != null) FigureDialogs.copy(wb, focused.chart());
  }
}
