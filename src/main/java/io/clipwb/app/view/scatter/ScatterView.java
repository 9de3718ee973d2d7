package io.clipwb.app.view.scatter;

import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.jobs.Latest;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureDialogs;
import io.clipwb.app.view.FigureTab;
import io.clipwb.core.project.MetricTable;
import io.clipwb.core.project.ProjectReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import io.clipwb.app.view.ChartKit;
import io.clipwb.app.view.ViewControls;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * The cross-model view: the scatter of any metric of the project's metric table against any other,
 * coloured and shaped by one of the model cards' six factors with a least-squares line per group
 * (tab "Scatter"), and effective robustness (tab "Effective robustness", {@link ErPane}). Hovering a
 * point shows the model and its card; clicking it selects the model in the whole workbench
 * ({@link Workbench#selectedModelProperty()}), which both tabs ring. Charts are built off the FX
 * thread by {@link ScatterChart} / {@link ErChart}, the code {@code clipwb figures} draws with.
 */
public final class ScatterView extends BorderPane implements FigureTab {
  /** What the scatter tab shows now. */
  record Built(ScatterData data, JFreeChart chart, Function<FigureStyle, JFreeChart> maker) {}

  private final Workbench wb;
  private final TabPane tabs = new TabPane();
  private final ComboBox<ScatterData.Axis> xBox = new ComboBox<>();
  private final ComboBox<ScatterData.Axis> yBox = new ComboBox<>();
  private final ComboBox<String> factorBox = new ComboBox<>();
  private final CheckBox labels = new CheckBox("model names");
  private final StackPane holder = new StackPane();
  private final Label subtitle = new Label();
  private final Latest<Built> latest;
  private final ErPane erPane;
  private ChartViewer viewer;
  private Built current;
  private boolean updating;

  public ScatterView(Workbench wb) {
    this.wb = wb;
    setId("scatter-view");
    this.latest = ViewControls.latest(wb, "Cannot draw the scatter", "Cross-model scatter", n -> holder.getChildren().setAll(n));
    factorBox.getItems().add(ScatterData.NO_FACTOR);
    factorBox.getItems().addAll(ScatterData.FACTORS);
    factorBox.setValue("architecture_family");
    factorBox.setConverter(ViewControls.UNDERSCORED_AS_WORDS);
    labels.setSelected(true);
    xBox.setTooltip(new Tooltip("Metric on the x axis (any column of the project's metric table)"));
    yBox.setTooltip(new Tooltip("Metric on the y axis"));
    factorBox.setTooltip(new Tooltip("Colour and marker by this model-card factor; a least-squares line per group"));
    xBox.setId("scatter-x");
    yBox.setId("scatter-y");
    factorBox.setId("scatter-factor");
    VBox top = ViewControls.head(ViewControls.bar(new Label("x"), xBox, new Label("y"), yBox, new Label("colour by"), factorBox, labels),
        subtitle);
    BorderPane scatterPane = new BorderPane(holder);
    scatterPane.setTop(top);
    erPane = new ErPane(wb);
    Tab t1 = new Tab("Scatter", scatterPane);
    Tab t2 = new Tab("Effective robustness", erPane);
    t1.setClosable(false);
    t2.setClosable(false);
    tabs.getTabs().setAll(t1, t2);
    setCenter(tabs);
    xBox.valueProperty().addListener((o, a, b) -> redraw());
    yBox.valueProperty().addListener((o, a, b) -> redraw());
    factorBox.valueProperty().addListener((o, a, b) -> redraw());
    labels.selectedProperty().addListener((o, a, b) -> redraw());
    wb.selectedModelProperty().addListener((o, a, b) -> redraw());
    ViewControls.followReport(wb, q -> updating = q, this::refill, this::redraw);
  }

  /** Refills the pickers from a new report (null: none), their listeners silenced. */
  private void refill(ProjectReport r) {
    if (r == null) {
      xBox.getItems().clear();
      yBox.getItems().clear();
    } else {
      List<ScatterData.Axis> axes = ScatterData.axes(r.metrics(), r.roles());
      String oldX = xBox.getValue() == null ? null : xBox.getValue().key();
      String oldY = yBox.getValue() == null ? null : yBox.getValue().key();
      xBox.getItems().setAll(axes);
      yBox.getItems().setAll(axes);
      String id = r.models().isEmpty() ? null : "acc/" + r.models().get(0).id().set();
      xBox.setValue(find(axes, oldX).or(() -> find(axes, id)).orElse(axes.isEmpty() ? null : axes.get(0)));
      yBox.setValue(find(axes, oldY).or(() -> find(axes, ScatterData.MEAN_SHIFT))
          .orElse(axes.size() > 1 ? axes.get(1) : xBox.getValue()));
    }
  }

  private static Optional<ScatterData.Axis> find(List<ScatterData.Axis> axes, String key) {
    return key == null ? Optional.empty() : axes.stream().filter(a -> a.key().equals(key)).findFirst();
  }

  /** Selects the two metrics by key (FX thread; tests and scripts). */
  public void setAxes(String xKey, String yKey) {
    find(xBox.getItems(), xKey).ifPresent(xBox::setValue);
    find(yBox.getItems(), yKey).ifPresent(yBox::setValue);
  }

  /** Selects the colouring factor (FX thread). */
  public void setFactor(String factor) {
    factorBox.setValue(factor);
  }

  private void redraw() {
    if (updating) return;
    ProjectReport r = wb.reportProperty().get();
    if (r == null || xBox.getValue() == null || yBox.getValue() == null) {
      holder.getChildren().setAll(new Label(ViewControls.NO_RESULTS));
      subtitle.setText("");
      current = null;
      return;
    }
    MetricTable t = r.metrics();
    Map<String, String> roles = r.roles();
    String xk = xBox.getValue().key();
    String yk = yBox.getValue().key();
    String f = factorBox.getValue();
    String sel = wb.selectedModelProperty().get();
    boolean lab = labels.isSelected();
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    latest.request(() -> {
      ScatterData d = ScatterData.of(t, roles, xk, yk, f);
      Function<FigureStyle, JFreeChart> maker = st -> ScatterChart.create(null, d, sel, lab, st);
      return new Built(d, maker.apply(ChartKit.screen(style)), maker);
    }, this::show);
  }

  private void show(Built b) {
    current = b;
    int n = b.data().points().size();
    subtitle.setText(n + " of " + wb.reportProperty().get().models().size() + " models have both metrics; coloured by "
        + b.data().factor().replace('_', ' ') + ", a least-squares line per group with two or more models. Hover a point for its card,"
        + " click it to select the model everywhere.");
    if (viewer == null) {
      viewer = new ChartViewer(b.chart(), false);
      viewer.getStyleClass().add("scatter-chart");
      viewer.addChartMouseListener(new ChartMouseListenerFX() {
        @Override
        public void chartMouseClicked(ChartMouseEventFX e) {
          modelAt(e.getEntity()).ifPresent(m -> wb.selectedModelProperty().set(m));
        }

        @Override
        public void chartMouseMoved(ChartMouseEventFX e) {}
      });
    } else {
      viewer.setChart(b.chart());
    }
    if (n == 0) holder.getChildren().setAll(new Label("No model has both metrics."));
    else holder.getChildren().setAll(viewer);
  }

  /** The model under a chart entity of the scatter, if any. */
  public Optional<String> modelAt(ChartEntity e) {
    Built b = current;
    return b == null ? Optional.empty() : ScatterChart.modelAt(b.chart(), b.data(), e);
  }

  /** The scatter's chart viewer (tests click into it), or null before the first chart. */
  public ChartViewer viewer() {
    return viewer;
  }

  /** The data the scatter shows now, or null. */
  public ScatterData data() {
    return current == null ? null : current.data();
  }

  /** The effective-robustness tab's content. */
  public ErPane erPane() {
    return erPane;
  }

  /** Shows tab 0 (scatter) or 1 (effective robustness). */
  public void showTab(int i) {
    tabs.getSelectionModel().select(i);
  }

  /** The chart of the selected tab drawn in the preferences' figure style (for export and copy), or null. */
  private JFreeChart focusedChart() {
    return FigureDialogs.draw(wb, focusedMaker());
  }

  private Function<FigureStyle, JFreeChart> focusedMaker() {
    return tabs.getSelectionModel().getSelectedIndex() == 1 ? erPane.maker() : current == null ? null : current.maker();
  }

  /** Exports the chart of the selected tab in the preferences' figure style (blocking; any thread). */
  public void export(Path file, FigureFormat format) {
    FigureDialogs.write(wb, focusedMaker(), file, format);
  }

  @Override
  public void exportFigure() {
    boolean er = tabs.getSelectionModel().getSelectedIndex() == 1;
    FigureDialogs.export(this, wb, focusedChart(), er ? "effective-robustness" : "scatter");
  }

  @Override
  public void copyFigure() {
    FigureDialogs.copy(wb, focusedChart());
  }
}
