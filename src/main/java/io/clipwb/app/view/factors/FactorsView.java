package io.clipwb.app.view.factors;

import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.jobs.Latest;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureDialogs;
import io.clipwb.app.view.FigureTab;
import io.clipwb.app.view.scatter.ScatterData;
import io.clipwb.app.view.shift.ShiftData;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.util.Cancellation;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import io.clipwb.app.view.ChartKit;
import io.clipwb.app.view.ViewControls;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * The visual-factor view (ImageNet-X, Idrissi et al. 2022): per model, the error ratio of every
 * factor (grouped bars, sorted by the mean ratio), and one factor's accuracy against the overall
 * accuracy with a least-squares line per model group. The factors come from an imported ImageNet-X
 * annotation file joined to the runs by file name (what {@code clipwb factors --annotations
 * --run} does), or from the runs' 0/1 manifest factor columns. Clicking a bar drills down into that
 * model's images carrying the factor. Computed off the FX thread by {@link FactorData}; charts by
 * {@link FactorCharts}, shared with {@code clipwb figures}.
 */
public final class FactorsView extends BorderPane implements FigureTab {
  record Built(FactorData.Outcome outcome, List<String> order, JFreeChart bars, JFreeChart scatter,
      Function<FigureStyle, JFreeChart> barMaker, Function<FigureStyle, JFreeChart> scatterMaker) {}

  static final String HOW_TO = "No factor annotations for this set: its manifest has no 0/1 factor columns. Import an ImageNet-X"
      + " annotation file (JSONL with file_name, class and the 16 factor columns, from facebookresearch/imagenetx) whose file names"
      + " match the set's images with \"ImageNet-X annotations…\"; on the command line: clipwb factors --annotations FILE --run DIR.";

  private final Workbench wb;
  private final ComboBox<String> setBox = new ComboBox<>();
  private final ComboBox<String> factorBox = new ComboBox<>();
  private final ComboBox<String> groupBox = new ComboBox<>();
  private final Button importButton = new Button("ImageNet-X annotations…");
  private final Button manifestButton = new Button("Use manifest factors");
  private final Label source = new Label();
  private final Label subtitle = new Label();
  private final StackPane top = new StackPane();
  private final StackPane bottom = new StackPane();
  private final ChartViewer barViewer = new ChartViewer(null, false);
  private final ChartViewer scatterViewer = new ChartViewer(null, false);
  private final Latest<Built> latest;
  private FactorData.Source src = FactorData.Source.manifest();
  private Built current;
  private Function<FigureStyle, JFreeChart> focused;
  private boolean updating;

  public FactorsView(Workbench wb) {
    this.wb = wb;
    setId("factors-view");
    latest = ViewControls.latest(wb, "Cannot compute the factor analysis", "Visual factors", n -> top.getChildren().setAll(n));
    groupBox.getItems().add(ScatterData.NO_FACTOR);
    groupBox.getItems().addAll(ScatterData.FACTORS);
    groupBox.setValue("architecture_family");
    factorBox.setConverter(new javafx.util.StringConverter<>() {
      @Override
      public String toString(String f) {
        return f == null ? "" : FactorData.display(f);
      }

      @Override
      public String fromString(String s) {
        return s;
      }
    });
    groupBox.setConverter(ViewControls.UNDERSCORED_AS_WORDS);
    setBox.setTooltip(new Tooltip("The set whose images are analysed"));
    factorBox.setTooltip(new Tooltip("The factor of the lower chart"));
    groupBox.setTooltip(new Tooltip("Model groups of the lower chart's fits (a model-card factor)"));
    importButton.setTooltip(new Tooltip("Join an ImageNet-X annotation JSONL to the runs by file name (the metaclass map and"
        + " prototype list beside it are used when present)"));
    manifestButton.setDisable(true);
    setTop(ViewControls.head(ViewControls.bar(new Label("Set"), setBox, new Label("Factor"), factorBox, new Label("group by"), groupBox,
        importButton, manifestButton), source, subtitle));
    SplitPane split = new SplitPane(top, bottom);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.55);
    setCenter(split);
    barViewer.addChartMouseListener(new ChartMouseListenerFX() {
      @Override
      public void chartMouseClicked(ChartMouseEventFX e) {
        focused = current == null ? null : current.barMaker();
        DrillRequest r = requestFor(e.getEntity());
        if (r != null) wb.drillDown(r);
      }

      @Override
      public void chartMouseMoved(ChartMouseEventFX e) {}
    });
    scatterViewer.addChartMouseListener(new ChartMouseListenerFX() {
      @Override
      public void chartMouseClicked(ChartMouseEventFX e) {
        focused = current == null ? null : current.scatterMaker();
      }

      @Override
      public void chartMouseMoved(ChartMouseEventFX e) {}
    });
    setBox.valueProperty().addListener((o, a, b) -> recompute());
    groupBox.valueProperty().addListener((o, a, b) -> recompute());
    factorBox.valueProperty().addListener((o, a, b) -> {
      if (!updating) recompute();
    });
    importButton.setOnAction(e -> chooseAnnotations());
    manifestButton.setOnAction(e -> setSource(FactorData.Source.manifest()));
    ViewControls.followReport(wb, q -> updating = q, this::refill, this::recompute);
  }

  /** Refills the pickers from a new report (null: none), their listeners silenced. */
  private void refill(ProjectReport r) {
    List<String> sets = r == null ? List.of() : ShiftData.sets(r);
    ViewControls.refill(setBox, sets);
  }

  private void chooseAnnotations() {
    FileChooser c = new FileChooser();
    c.setTitle("ImageNet-X annotations (JSONL)");
    c.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl", "*.json"));
    File f = c.showOpenDialog(getScene().getWindow());
    if (f == null) return;
    wb.jobs().background().execute(() -> {
      try {
        FactorData.Source s = FactorData.Source.imagenetX(f.toPath());
        Platform.runLater(() -> setSource(s));
      } catch (RuntimeException ex) {
        wb.errors().showError("Cannot read " + f, ex);
      }
    });
  }

  /** Uses this factor source (FX thread). */
  public void setSource(FactorData.Source s) {
    src = s;
    manifestButton.setDisable(s.isManifest());
    recompute();
  }

  /** Chooses the analysed set (FX thread). */
  public void setSet(String set) {
    setBox.setValue(set);
  }

  private void recompute() {
    if (updating) return;
    ProjectReport r = wb.reportProperty().get();
    Path out = wb.outputsProperty().get();
    String set = setBox.getValue();
    if (r == null || out == null || set == null) {
      top.getChildren().setAll(new Label(ViewControls.NO_RESULTS));
      bottom.getChildren().clear();
      current = null;
      return;
    }
    FactorData.Source s = src;
    String group = groupBox.getValue();
    String factor = factorBox.getValue();
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    source.setText(s.isManifest() ? "Factors: the " + set + " manifest's 0/1 factor columns"
        : String.format(Locale.ROOT, "Factors: %s (%s-factor ImageNet-X annotations, %,d images%s)", s.annotations().getFileName(),
            s.rows().variant(), s.rows().rows().size(), s.prototypes().isEmpty() ? "" : ", prototypes removed"));
    latest.request(() -> {
      FactorData.Outcome o = FactorData.compute(r, out, set, s, group, Cancellation.none());
      List<String> order = FactorData.byMeanErrorRatio(o);
      if (o.models().isEmpty()) return new Built(o, order, null, null, null, null);
      String f = factor != null && o.factors().contains(factor) ? factor : order.isEmpty() ? o.factors().get(0) : order.get(0);
      Function<FigureStyle, JFreeChart> bm = st -> FactorCharts.errorRatio(null, o, order, st);
      Function<FigureStyle, JFreeChart> sm = st -> FactorCharts.factorVsOverall(null, o, f, st);
      FigureStyle screen = ChartKit.screen(style);
      return new Built(o, order, bm.apply(screen), sm.apply(screen), bm, sm);
    }, this::show);
  }

  private void show(Built b) {
    current = b;
    focused = b.barMaker();
    String notes = b.outcome().notes().isEmpty() ? "" : " Left out: " + String.join("; ", b.outcome().notes()) + ".";
    if (b.bars() == null) {
      Label l = new Label((src.isManifest() ? HOW_TO : "No model could be analysed on " + b.outcome().set() + ".") + notes);
      l.setWrapText(true);
      l.setId("factors-message");
      top.getChildren().setAll(l);
      bottom.getChildren().clear();
      subtitle.setText("");
      return;
    }
    updating = true;
    try {
      String f = factorBox.getValue();
      factorBox.getItems().setAll(b.outcome().factors());
      factorBox.setValue(f != null && b.outcome().factors().contains(f) ? f : b.order().isEmpty() ? b.outcome().factors().get(0) : b.order().get(0));
    } finally {
      updating = false;
    }
    int n = b.outcome().models().get(0).result().overall().nImages();
    subtitle.setText(String.format(Locale.ROOT, "Top: error ratio = (1 − accuracy on images with the factor) / (1 − overall accuracy), %,d"
        + " images; above the dashed 1 the factor costs more than the average error. Bottom: the chosen factor's accuracy against the"
        + " overall accuracy, a least-squares line per group. Click a bar to see the model's images with that factor.%s", n, notes));
    barViewer.setChart(b.bars());
    scatterViewer.setChart(b.scatter());
    top.getChildren().setAll(barViewer);
    bottom.getChildren().setAll(scatterViewer);
  }

  /** The drill-down behind a bar of the error-ratio chart, or null. */
  public DrillRequest requestFor(ChartEntity e) {
    Built b = current;
    Path out = wb.outputsProperty().get();
    if (b == null || out == null) return null;
    FactorCharts.Bar bar = FactorCharts.barAt(e, b.outcome().factors()).orElse(null);
    if (bar == null) return null;
    FactorData.ModelResult m = b.outcome().models().stream().filter(x -> x.model().equals(bar.model())).findFirst().orElse(null);
    if (m == null) return null;
    int[] rows = m.rowsWith(bar.factor());
    String set = b.outcome().set();
    return new DrillRequest(String.format(Locale.ROOT, "%s / %s, factor %s: %d images, accuracy %.1f %%", m.model(), set,
        FactorData.display(bar.factor()), rows.length, 100 * m.result().factorAccuracy().get(bar.factor())), m.model(), set,
        ProjectRun.runDir(out, m.model(), set), rows);
  }

  /** The analysis shown now, or null. */
  public FactorData.Outcome outcome() {
    return current == null ? null : current.outcome();
  }

  public ChartViewer barViewer() {
    return barViewer;
  }

  public ChartViewer scatterViewer() {
    return scatterViewer;
  }

  /** Exports the last clicked chart (else the error ratios) in the preferences' figure style (blocking; any thread). */
  public void export(Path file, FigureFormat format) {
    FigureDialogs.write(wb, focused, file, format);
  }

  private JFreeChart focusedChart() {
    return FigureDialogs.draw(wb, focused);
  }

  @Override
  public void exportFigure() {
    boolean scatter = current != null && focused == current.scatterMaker();
    FigureDialogs.export(this, wb, focusedChart(), scatter ? "factor-vs-overall" : "error-ratio");
  }

  @Override
  public void copyFigure() {
    FigureDialogs.copy(wb, focusedChart());
  }
}
