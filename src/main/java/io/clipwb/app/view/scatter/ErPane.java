package io.clipwb.app.view.scatter;

import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.jobs.Latest;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.ViewControls;
import io.clipwb.core.eval.shift.AccuracyTable;
import io.clipwb.core.eval.shift.EffectiveRobustness;
import io.clipwb.core.project.ProjectReport;
import java.io.File;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.controlsfx.control.CheckComboBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * The effective-robustness tab: pick a shifted set, logit or probit axes, and the baseline (the
 * project's models, all or some, or an imported accuracy table of published models as {@code clipwb
 * shift --accuracy-table} reads it); see {@link ErChart} with the fit, y = x and each model's ER as
 * its vertical distance, and the table of ER per model and set. The numbers come from
 * {@link ErResults} (the core's {@code ErBaseline}); with every project model as the baseline they
 * are the report's, i.e. {@code effective_robustness.csv}. Clicking a point selects the model.
 */
public final class ErPane extends BorderPane {
  /** What the tab shows now. */
  record Built(ErResults.Outcome outcome, EffectiveRobustness.Result shown, JFreeChart chart, Set<String> own,
      Function<FigureStyle, JFreeChart> maker) {}

  private final Workbench wb;
  private final ComboBox<String> setBox = new ComboBox<>();
  private final ComboBox<EffectiveRobustness.Axis> axisBox = new ComboBox<>();
  private final CheckComboBox<String> baselineBox = new CheckComboBox<>();
  private final Button importTable = new Button("Accuracy table…");
  private final Button clearTable = new Button("Use project models");
  private final ComboBox<String> idColumn = new ComboBox<>();
  private final Label source = new Label();
  private final Label subtitle = new Label();
  private final StackPane holder = new StackPane();
  private final TableView<ErResults.Row> table = new TableView<>();
  private final Latest<Built> latest;
  private AccuracyTable accuracyTable;
  private ChartViewer viewer;
  private Built current;
  private boolean updating;

  ErPane(Workbench wb) {
    this.wb = wb;
    setId("er-pane");
    latest = ViewControls.latest(wb, "Cannot compute effective robustness", "Effective robustness", n -> holder.getChildren().setAll(n));
    axisBox.getItems().setAll(EffectiveRobustness.Axis.values());
    axisBox.setValue(EffectiveRobustness.Axis.LOGIT);
    setBox.setTooltip(new Tooltip("The shifted set drawn (the table lists every shifted set)"));
    baselineBox.setTooltip(new Tooltip("Project models whose (ID, shift) accuracies define the baseline fit"));
    importTable.setTooltip(new Tooltip("Fit the baseline over an accuracy table of published models (CSV: model, then one column per"
        + " setting; fractions or percent), as clipwb shift --accuracy-table reads it; its columns must be named like the sets"));
    idColumn.setTooltip(new Tooltip("The accuracy table's in-distribution column"));
    clearTable.setDisable(true);
    idColumn.setDisable(true);
    setTop(ViewControls.head(ViewControls.bar(new Label("Set"), setBox, new Label("Axes"), axisBox, new Label("Baseline"), baselineBox,
        importTable, new Label("ID column"), idColumn, clearTable), source, subtitle));
    column("set", ErResults.Row::set);
    column("model", ErResults.Row::model);
    column("in baseline", r -> r.baseline() ? "yes" : "");
    column("ID acc %", r -> pct(r.idAccuracy()));
    column("shift acc %", r -> pct(r.shiftAccuracy()));
    column("fitted (logit) %", r -> pct(r.fittedLogit()));
    column("ER logit (pp)", r -> pp(r.erLogit()));
    column("fitted (probit) %", r -> pct(r.fittedProbit()));
    column("ER probit (pp)", r -> pp(r.erProbit()));
    table.setId("er-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null && !updating) wb.selectedModelProperty().set(b.model());
    });
    SplitPane split = new SplitPane(holder, table);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.65);
    setCenter(split);
    setBox.valueProperty().addListener((o, a, b) -> redraw());
    axisBox.valueProperty().addListener((o, a, b) -> redraw());
    idColumn.valueProperty().addListener((o, a, b) -> redraw());
    baselineBox.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> redraw());
    importTable.setOnAction(e -> chooseTable());
    clearTable.setOnAction(e -> setAccuracyTable(null));
    wb.selectedModelProperty().addListener((o, a, b) -> redraw());
    ViewControls.followReport(wb, q -> updating = q, this::refill, this::redraw);
  }

  private void column(String name, Function<ErResults.Row, String> f) {
    TableColumn<ErResults.Row, String> c = new TableColumn<>(name);
    c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
    table.getColumns().add(c);
  }

  static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", 100 * v) : "";
  }

  static String pp(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f", 100 * v) : "";
  }

  /** Refills the pickers from a new report (null: none), their listeners silenced. */
  private void refill(ProjectReport r) {
    List<String> sets = r == null ? List.of() : ErResults.shiftedSets(r);
    ViewControls.refill(setBox, sets);
    List<String> models = r == null ? List.of() : r.models().stream().map(ProjectReport.ModelReport::model).toList();
    ViewControls.refill(baselineBox, models);
  }

  private void chooseTable() {
    FileChooser c = new FileChooser();
    c.setTitle("Accuracy table (CSV)");
    c.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    File f = c.showOpenDialog(getScene().getWindow());
    if (f == null) return;
    wb.jobs().background().execute(() -> {
      try {
        AccuracyTable t = AccuracyTable.read(f.toPath());
        javafx.application.Platform.runLater(() -> setAccuracyTable(t));
      } catch (RuntimeException ex) {
        wb.errors().showError("Cannot read " + f, ex);
      }
    });
  }

  /** Uses an accuracy table as the baseline (null: back to the project's models). FX thread. */
  public void setAccuracyTable(AccuracyTable t) {
    accuracyTable = t;
    updating = true;
    try {
      idColumn.getItems().setAll(t == null ? List.of() : t.settings());
      idColumn.setValue(t == null ? null : t.settings().get(0));
      idColumn.setDisable(t == null);
      clearTable.setDisable(t == null);
      baselineBox.setDisable(t != null);
    } finally {
      updating = false;
    }
    redraw();
  }

  /** Sets the baseline to these project models (FX thread). */
  public void setBaseline(Set<String> models) {
    baselineBox.getCheckModel().clearChecks();
    for (String m : models) baselineBox.getCheckModel().check(m);
  }

  private void redraw() {
    if (updating) return;
    ProjectReport r = wb.reportProperty().get();
    if (r == null) {
      holder.getChildren().setAll(new Label(ViewControls.NO_RESULTS));
      table.getItems().clear();
      current = null;
      return;
    }
    AccuracyTable t = accuracyTable;
    Set<String> checked = new LinkedHashSet<>(baselineBox.getCheckModel().getCheckedItems().stream().filter(Objects::nonNull).toList());
    boolean all = checked.containsAll(baselineBox.getItems());
    ErResults.Baseline b = new ErResults.Baseline(all ? null : checked, t, t == null ? null : idColumn.getValue());
    String set = setBox.getValue();
    EffectiveRobustness.Axis axis = axisBox.getValue();
    String sel = wb.selectedModelProperty().get();
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    Set<String> own = new HashSet<>(r.models().stream().map(ProjectReport.ModelReport::model).toList());
    source.setText(t != null ? "Baseline: an accuracy table of " + t.models().size() + " models (ID column " + b.idColumn() + ")"
        : all ? "Baseline: all project models (the report's effective_robustness.csv)" : "Baseline: " + checked.size() + " chosen project models");
    latest.request(() -> {
      ErResults.Outcome o = ErResults.compute(r, b);
      EffectiveRobustness.Result shown = set == null ? null : o.forSet(set).orElse(null);
      Function<FigureStyle, JFreeChart> maker = shown == null ? null : st -> ErChart.create(null, shown, axis, own, sel, st);
      return new Built(o, shown, maker == null ? null : maker.apply(io.clipwb.app.view.ChartKit.screen(style)), own, maker);
    }, this::show);
  }

  private void show(Built b) {
    current = b;
    updating = true;
    try {
      table.getItems().setAll(b.outcome().rows());
      String sel = wb.selectedModelProperty().get();
      b.outcome().rows().stream().filter(x -> x.model().equals(sel) && x.set().equals(setBox.getValue())).findFirst()
          .ifPresent(x -> table.getSelectionModel().select(x));
    } finally {
      updating = false;
    }
    String notes = b.outcome().notes().isEmpty() ? "" : " Not fitted: " + String.join("; ", b.outcome().notes()) + ".";
    if (b.chart() == null) {
      holder.getChildren().setAll(new Label(setBox.getValue() == null ? "The project has no shifted set with results."
          : "No effective robustness on " + setBox.getValue() + "." + notes));
      subtitle.setText("");
      return;
    }
    subtitle.setText(ErChart.describe(b.shown(), axisBox.getValue()) + ". The vertical segments are each model's effective"
        + " robustness (measured minus fitted shift accuracy); the dashed line is y = x." + notes);
    if (viewer == null) {
      viewer = new ChartViewer(b.chart(), false);
      viewer.addChartMouseListener(new ChartMouseListenerFX() {
        @Override
        public void chartMouseClicked(ChartMouseEventFX e) {
          Built c = current;
          if (c == null || c.chart() == null) return;
          ErChart.modelAt(c.chart(), c.shown(), axisBox.getValue(), c.own(), e.getEntity())
              .ifPresent(m -> wb.selectedModelProperty().set(m));
        }

        @Override
        public void chartMouseMoved(ChartMouseEventFX e) {}
      });
    } else {
      viewer.setChart(b.chart());
    }
    holder.getChildren().setAll(viewer);
  }

  /** The ER chart shown now, or null. */
  public JFreeChart chart() {
    return current == null ? null : current.chart();
  }

  /** Draws the ER chart shown now in a given style (export), or null. */
  Function<FigureStyle, JFreeChart> maker() {
    return current == null ? null : current.maker();
  }

  /** The rows of the ER table (every shifted set) shown now. */
  public List<ErResults.Row> rows() {
    return List.copyOf(table.getItems());
  }

  /** The chart viewer, or null. */
  public ChartViewer viewer() {
    return viewer;
  }
}
