package io.clipwb.app.view.shift;

import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.jobs.Latest;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureDialogs;
import io.clipwb.app.view.FigureTab;
import io.clipwb.core.eval.shift.ShiftAccuracy;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import io.clipwb.app.view.ChartKit;
import io.clipwb.app.view.ViewControls;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.CheckComboBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * The distribution-shift view: accuracy per set (in-distribution and shifted, class subsets honoured
 * as in the report) per model, and each model's per-class accuracy drop between two chosen sets.
 * Clicking an accuracy bar drills down into every image the accuracy counts; clicking a drop bar
 * into that class's images on the second set. Charts from {@link ShiftCharts}, built off the FX
 * thread; the same code writes {@code clipwb figures}' {@code shift/} files.
 */
public final class ShiftView extends BorderPane implements FigureTab {
  record Built(ShiftData.Accuracies acc, List<ShiftData.ClassDrop> drops, JFreeChart accChart, JFreeChart dropChart,
      Function<FigureStyle, JFreeChart> accMaker, Function<FigureStyle, JFreeChart> dropMaker) {}

  private final Workbench wb;
  private final CheckComboBox<String> models = new CheckComboBox<>();
  private final ComboBox<String> setA = new ComboBox<>();
  private final ComboBox<String> setB = new ComboBox<>();
  private final Label subtitle = new Label();
  private final StackPane top = new StackPane();
  private final StackPane bottom = new StackPane();
  private final ChartViewer accViewer = new ChartViewer(null, false);
  private final ChartViewer dropViewer = new ChartViewer(null, false);
  private final Latest<Built> latest;
  private Built current;
  private Function<FigureStyle, JFreeChart> focused;
  private boolean updating;

  public ShiftView(Workbench wb) {
    this.wb = wb;
    setId("shift-view");
    latest = ViewControls.latest(wb, "Cannot draw the shift charts", "Distribution shift", n -> top.getChildren().setAll(n));
    models.setTooltip(new Tooltip("Models to compare"));
    setA.setTooltip(new Tooltip("Per-class drop: from this set …"));
    setB.setTooltip(new Tooltip("… to this set (a click on a class bar shows its images on this set)"));
    setTop(ViewControls.head(ViewControls.bar(new Label("Models"), models, new Label("Class drop from"), setA, new Label("to"), setB),
        subtitle));
    SplitPane split = new SplitPane(top, bottom);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.45);
    setCenter(split);
    listen(accViewer, true);
    listen(dropViewer, false);
    models.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> redraw());
    setA.valueProperty().addListener((o, a, b) -> redraw());
    setB.valueProperty().addListener((o, a, b) -> redraw());
    ViewControls.followReport(wb, q -> updating = q, this::refill, this::redraw);
  }

  private void listen(ChartViewer v, boolean accuracy) {
    v.addChartMouseListener(new ChartMouseListenerFX() {
      @Override
      public void chartMouseClicked(ChartMouseEventFX e) {
        focused = current == null ? null : accuracy ? current.accMaker() : current.dropMaker();
        ChartEntity entity = e.getEntity();
        wb.jobs().background().execute(() -> {
          try {
            DrillRequest r = requestFor(accuracy, entity);
            if (r != null) Platform.runLater(() -> wb.drillDown(r));
          } catch (RuntimeException ex) {
            wb.errors().notifyError("Drill-down", ex);
          }
        });
      }

      @Override
      public void chartMouseMoved(ChartMouseEventFX e) {}
    });
  }

  /** Refills the pickers from a new report (null: none), their listeners silenced. */
  private void refill(ProjectReport r) {
    List<String> ms = r == null ? List.of() : r.models().stream().map(ProjectReport.ModelReport::model).toList();
    ViewControls.refill(models, ms);
    List<String> sets = r == null ? List.of() : ShiftData.sets(r);
    String a = setA.getValue();
    String b = setB.getValue();
    setA.getItems().setAll(sets);
    setB.getItems().setAll(sets);
    setA.setValue(a != null && sets.contains(a) ? a : sets.isEmpty() ? null : sets.get(0));
    setB.setValue(b != null && sets.contains(b) ? b : sets.size() > 1 ? sets.get(1) : setA.getValue());
  }

  private List<String> checked() {
    return models.getCheckModel().getCheckedItems().stream().filter(Objects::nonNull).toList();
  }

  private void redraw() {
    if (updating) return;
    ProjectReport r = wb.reportProperty().get();
    if (r == null) {
      top.getChildren().setAll(new Label(ViewControls.NO_RESULTS));
      bottom.getChildren().clear();
      current = null;
      return;
    }
    List<String> ms = r.models().stream().map(ProjectReport.ModelReport::model).filter(checked()::contains).toList();
    String a = setA.getValue();
    String b = setB.getValue();
    Path out = wb.outputsProperty().get();
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    subtitle.setText("Top: top-1 accuracy per set (a shifted set with a class subset is scored over its classes only). Bottom: per-class"
        + " accuracy drop from " + a + " to " + b + " in percentage points, largest mean drop first. Click a bar to see its images.");
    latest.request(() -> build(r, ms, a, b, out, style), this::show);
  }

  static Built build(ProjectReport r, List<String> ms, String a, String b, Path out, FigureStyle style) {
    ShiftData.Accuracies acc = ShiftData.accuracies(r, ms, ShiftData.sets(r));
    List<ShiftData.ClassDrop> drops = new ArrayList<>();
    if (a != null && b != null && !a.equals(b)) {
      for (String m : ms) {
        List<String> names = out == null ? null : ShiftData.classNames(ProjectRun.runDir(out, m, b));
        ShiftData.classDrop(r, m, a, b, names).ifPresent(drops::add);
      }
    }
    Function<FigureStyle, JFreeChart> am = st -> ShiftCharts.accuracy(null, acc, st);
    Function<FigureStyle, JFreeChart> dm = drops.isEmpty() ? null : st -> ShiftCharts.classDrop(null, drops, st);
    FigureStyle screen = ChartKit.screen(style);
    return new Built(acc, drops, am.apply(screen), dm == null ? null : dm.apply(screen), am, dm);
  }

  private void show(Built b) {
    current = b;
    focused = b.accMaker();
    accViewer.setChart(b.accChart());
    top.getChildren().setAll(accViewer);
    if (b.dropChart() == null) {
      bottom.getChildren().setAll(new Label("Choose two different sets, both run, for the per-class drop."));
    } else {
      dropViewer.setChart(b.dropChart());
      bottom.getChildren().setAll(dropViewer);
    }
  }

  /**
   * The drill-down behind a bar (blocking: reads the run's labels for a class bar), or null.
   *
   * @param accuracy whether the entity is from the accuracy chart (else the drop chart)
   */
  public DrillRequest requestFor(boolean accuracy, ChartEntity e) {
    Built b = current;
    ProjectReport r = wb.reportProperty().get();
    Path out = wb.outputsProperty().get();
    Optional<ShiftCharts.Bar> bar = ShiftCharts.barAt(e);
    if (b == null || r == null || out == null || bar.isEmpty()) return null;
    String model = bar.get().model();
    if (accuracy) {
      String set = bar.get().column();
      ShiftAccuracy.Result res = ShiftData.result(r, model, set).orElse(null);
      if (res == null) return null;
      return new DrillRequest(String.format(Locale.ROOT, "%s / %s: accuracy %.1f %%, %d images", model, set, 100 * res.accuracy(), res.n()),
          model, set, ProjectRun.runDir(out, model, set), ShiftData.rows(res));
    }
    ShiftData.ClassDrop d = b.drops().stream().filter(x -> x.model().equals(model)).findFirst().orElse(null);
    if (d == null) return null;
    ShiftData.ClassRow row = d.rows().stream().filter(x -> x.className().equals(bar.get().column())).findFirst().orElse(null);
    ShiftAccuracy.Result res = ShiftData.result(r, model, d.setB()).orElse(null);
    if (row == null || res == null) return null;
    Path dir = ProjectRun.runDir(out, model, d.setB());
    return new DrillRequest(String.format(Locale.ROOT, "%s / %s, class %s: %.1f %% (%.1f %% on %s)", model, d.setB(), row.className(),
        100 * row.accB(), 100 * row.accA(), d.setA()), model, d.setB(), dir, ShiftData.rowsOfClass(dir, res, row.classIndex()));
  }

  /** Sets the two sets of the drop chart (FX thread). */
  public void setSets(String a, String b) {
    setA.setValue(a);
    setB.setValue(b);
  }

  public ChartViewer accuracyViewer() {
    return accViewer;
  }

  public ChartViewer dropViewer() {
    return dropViewer;
  }

  /** The class drops shown now (empty before the first chart). */
  public List<ShiftData.ClassDrop> drops() {
    return current == null ? List.of() : current.drops();
  }

  /** The accuracy chart shown now, or null. */
  public JFreeChart accuracyChart() {
    return current == null ? null : current.accChart();
  }

  /** Exports the last clicked chart (else the accuracy chart) in the preferences' figure style (blocking; any thread). */
  public void export(Path file, FigureFormat format) {
    FigureDialogs.write(wb, focused, file, format);
  }

  private JFreeChart focusedChart() {
    return FigureDialogs.draw(wb, focused);
  }

  @Override
  public void exportFigure() {
    boolean drop = focused != null && current != null && focused == current.dropMaker();
    FigureDialogs.export(this, wb, focusedChart(), drop ? "class-drop" : "shift-accuracy");
  }

  @Override
  public void copyFigure() {
    FigureDialogs.copy(wb, focusedChart());
  }
}
