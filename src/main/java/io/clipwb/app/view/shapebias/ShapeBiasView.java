package io.clipwb.app.view.shapebias;

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
import io.clipwb.core.eval.runio.RowResolver;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import org.controlsfx.control.CheckComboBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * The cue-conflict view: the shape-bias plot ({@link ShapeBiasChart}) of the chosen models on a
 * cue-conflict set, with the 16-class decision chosen (the project's classes, model-vs-human's
 * direct-16 or imagenet-1000-mean), models coloured by a model-card or project factor, and human
 * observers imported from model-vs-human CSVs; a click on a marker drills down into that model's
 * trials of that shape class. A second tab browses the stimuli ({@link StimulusBrowser}). Every
 * number is the core's ({@code ShapeBias}, {@code CueConflictRun}); this class only picks and draws.
 */
public final class ShapeBiasView extends BorderPane implements FigureTab {
  /** What is drawn now. */
  record Shown(ShapeBiasData.Data data, JFreeChart chart, List<Stimulus> stimuli) {}

  private final Workbench wb;
  private final ComboBox<String> set = new ComboBox<>();
  private final ComboBox<ShapeBiasData.Mapping> mapping = new ComboBox<>();
  private final ComboBox<String> factor = new ComboBox<>();
  private final CheckComboBox<String> models = new CheckComboBox<>();
  private final Button importHumans = new Button("Import human data\u2026");
  private final Button clearHumans = new Button("Remove humans");
  private final Label status = new Label();
  private final BorderPane plotPane = new BorderPane();
  private final StimulusBrowser browser = new StimulusBrowser();
  private final Latest<Shown> latest;
  private ChartViewer viewer;
  private volatile Shown shown;
  private ShapeBias.Result humans;
  private boolean updating;

  public ShapeBiasView(Workbench wb) {
    this.wb = wb;
    this.latest = ViewControls.latest(wb, "Cannot draw the shape-bias plot", "Shape bias", plotPane::setCenter);
    setId("shape-bias-view");
    mapping.getItems().setAll(ShapeBiasData.Mapping.values());
    mapping.setValue(ShapeBiasData.Mapping.PROJECT);
    mapping.setTooltip(new Tooltip("How a model's decision becomes one of the 16 classes: arg-max over the project's classes,"
        + " model-vs-human's direct-16 (runs over the 16 category names) or imagenet-1000-mean (runs over the 1000 ImageNet classes)"));
    factor.setTooltip(new Tooltip("Colour the models by a model-card factor (card_*) or a project factor"));
    models.setTooltip(new Tooltip("Models to plot"));
    importHumans.setTooltip(new Tooltip("model-vs-human per-trial CSVs (subj,session,trial,rt,object_response,category,condition,imagename)"));
    importHumans.setOnAction(e -> chooseHumans());
    clearHumans.setOnAction(e -> setHumans(null));
    clearHumans.setDisable(true);
    setTop(ViewControls.head(ViewControls.bar(new Label("Set"), set, new Label("16-class decision"), mapping, new Label("Colour by"), factor,
        new Label("Models"), models, importHumans, clearHumans), status));
    plotPane.setPadding(new Insets(6));
    Tab plotTab = new Tab("Shape-bias plot", plotPane);
    Tab stimTab = new Tab("Stimuli", browser);
    TabPane tabs = new TabPane(plotTab, stimTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    setCenter(tabs);
    set.valueProperty().addListener((o, a, b) -> redraw());
    mapping.valueProperty().addListener((o, a, b) -> redraw());
    factor.valueProperty().addListener((o, a, b) -> redraw());
    models.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> redraw());
    ViewControls.followReport(wb, q -> updating = q, this::refill, this::redraw);
  }

  /** Refills the pickers from a new report (null: none), their listeners silenced. */
  private void refill(ProjectReport r) {
    List<String> sets = ShapeBiasData.cueConflictSets(r);
    ViewControls.refill(set, sets);
    List<String> fs = ShapeBiasData.factorNames(r);
    String of = factor.getValue();
    factor.getItems().setAll(fs);
    factor.setValue(of != null && fs.contains(of) ? of : ShapeBiasData.NO_FACTOR);
    List<String> ms = r == null ? List.of() : r.models().stream().filter(m -> !m.shapeBias().isEmpty())
        .map(ProjectReport.ModelReport::model).toList();
    ViewControls.refill(models, ms);
  }

  private void redraw() {
    if (updating) return;
    ProjectReport r = wb.reportProperty().get();
    Path outputs = wb.outputsProperty().get();
    String s = set.getValue();
    if (r == null || s == null || outputs == null) {
      plotPane.setCenter(new Label(r == null ? ViewControls.NO_RESULTS
          : "No cue-conflict results: the project needs a data set with role 'cue-conflict' and a finished run of it."));
      status.setText("");
      shown = null;
      return;
    }
    List<String> ms = models.getCheckModel().getCheckedItems().stream().filter(Objects::nonNull).toList();
    ShapeBiasData.Mapping mp = mapping.getValue();
    String f = factor.getValue();
    ShapeBias.Result h = humans;
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    latest.request(() -> build(r, outputs, s, ms, mp, f, h, style), this::show);
  }

  private static Shown build(ProjectReport r, Path outputs, String set, List<String> ms, ShapeBiasData.Mapping mp, String f,
      ShapeBias.Result h, FigureStyle style) {
    ShapeBiasData.Data data = ShapeBiasData.compute(r, outputs, set, ms, mp, f, h, Cancellation.none());
    JFreeChart chart = data.series().isEmpty() ? null
        : ShapeBiasChart.create("Shape bias on " + set, data, ChartKit.screen(style));
    List<Stimulus> stimuli = Stimulus.of(data);
    ShapeBiasData.Series first = data.series().stream().filter(x -> !x.human()).findFirst().orElse(null);
    if (first != null && !stimuli.isEmpty()) {
      RowResolver rr = RowResolver.load(first.runDir());
      List<Stimulus> withImages = new ArrayList<>(stimuli.size());
      for (Stimulus st : stimuli) withImages.add(st.withImage(rr.image(st.row())));
      stimuli = withImages;
    }
    return new Shown(data, chart, stimuli);
  }

  private void show(Shown s) {
    shown = s;
    ShapeBiasData.Data d = s.data();
    StringBuilder text = new StringBuilder("Markers: per shape class, the fraction of shape decisions among shape and texture decisions;"
        + " vertical lines: each model's overall shape bias. Click a marker to see that model's trials of the class.");
    for (String p : d.problems()) text.append("\n").append(p);
    status.setText(text.toString());
    if (s.chart() == null) {
      plotPane.setCenter(new Label("No model has shape-bias results with this 16-class decision."));
      viewer = null;
    } else {
      viewer = new ChartViewer(s.chart(), false);
      viewer.setId("shape-bias-chart");
      viewer.setPrefSize(640, 720);
      viewer.setMaxWidth(860);
      viewer.addChartMouseListener(new ChartMouseListenerFX() {
        @Override
        public void chartMouseClicked(ChartMouseEventFX e) {
          DrillRequest r = requestFor(e.getEntity());
          if (r != null) wb.drillDown(r);
        }

        @Override
        public void chartMouseMoved(ChartMouseEventFX e) {}
      });
      plotPane.setCenter(viewer);
    }
    browser.set(s.stimuli(), d.series().stream().filter(x -> !x.human()).map(ShapeBiasData.Series::name).toList());
  }

  /** The drill-down request behind a chart entity: that model's trials of the marker's shape class; null for humans or no marker. */
  public DrillRequest requestFor(ChartEntity entity) {
    if (shown == null) return null;
    ShapeBiasChart.PointRef ref = ShapeBiasChart.pointAt(entity).orElse(null);
    if (ref == null) return null;
    ShapeBiasData.Series s = shown.data().series().get(ref.series());
    if (s.human()) return null;
    int[] rows = s.rowsOf(ref.category());
    if (rows.length == 0) return null;
    ShapeBias.Stats st = s.result().perCategory().get(ref.category());
    String title = String.format(Locale.ROOT, "%s / %s, shape class %s: %d trials, %d shape and %d texture decisions (shape bias %.2f)",
        s.name(), shown.data().set(), ref.category(), rows.length, st.nShape(), st.nTexture(), st.shapeBias());
    return new DrillRequest(title, s.name(), shown.data().set(), s.runDir(), rows);
  }

  /** Imports human observers' trials (blocking read on a background thread, then redraw). */
  public void importHumans(List<Path> csvs) {
    wb.jobs().background().execute(() -> {
      try {
        List<String> problems = new ArrayList<>();
        ShapeBias.Result h = ShapeBiasData.humans(csvs, problems, Cancellation.none());
        javafx.application.Platform.runLater(() -> {
          setHumans(h);
          if (!problems.isEmpty()) status.setText(status.getText() + "\nHuman data: " + problems.size() + " rows skipped, e.g. " + problems.get(0));
        });
      } catch (RuntimeException e) {
        wb.errors().notifyError("Import human data", e);
      }
    });
  }

  private void setHumans(ShapeBias.Result h) {
    humans = h;
    clearHumans.setDisable(h == null);
    redraw();
  }

  private void chooseHumans() {
    FileChooser c = new FileChooser();
    c.setTitle("model-vs-human per-trial CSVs");
    c.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    List<File> fs = c.showOpenMultipleDialog(getScene().getWindow());
    if (fs != null && !fs.isEmpty()) importHumans(fs.stream().map(File::toPath).toList());
  }

  /** The chart viewer shown now, or null. */
  public ChartViewer viewer() {
    return viewer;
  }

  /** The data drawn now, or null. */
  public ShapeBiasData.Data data() {
    return shown == null ? null : shown.data();
  }

  /** The stimuli shown in the browser now (after its filter). */
  public List<Stimulus> shownStimuli() {
    return browser.shown();
  }

  /** Sets the browser's filter (tests). */
  public void setStimulusFilter(Stimulus.Filter f) {
    browser.setFilter(f);
  }

  /** Selects the tab: 0 plot, 1 stimuli. */
  public void selectTab(int i) {
    ((TabPane) getCenter()).getSelectionModel().select(i);
  }

  /** Shows a stimulus in the browser's detail pane. */
  public void showStimulus(Stimulus s) {
    browser.showDetail(s);
  }

  /** Exports the plot with the preferences' style, made tall enough for its legend (blocking). */
  public void export(Path file, FigureFormat format) {
    if (shown == null || shown.chart() == null) throw new IllegalStateException("no plot to export");
    FigureStyle style = ShapeBiasFigures.tall(wb.preferencesProperty().get().figureStyle(), shown.data().series().size());
    FigureExport.write(ShapeBiasChart.create("Shape bias on " + shown.data().set(), shown.data(), style), file, format, style);
  }

  @Override
  public void exportFigure() {
    if (shown == null || shown.chart() == null) return;
    FigureDialogs.export(this, wb, "shape-bias-" + shown.data().set(), this::export);
  }

  @Override
  public void copyFigure() {
    if (shown == null || shown.chart() == null) return;
    FigureStyle style = ShapeBiasFigures.tall(wb.preferencesProperty().get().figureStyle(), shown.data().series().size());
    FigureDialogs.copy(ShapeBiasChart.create("Shape bias on " + shown.data().set(), shown.data(), style), style);
  }
}
