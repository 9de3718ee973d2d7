package io.clipwb.app.view.lmm;

import io.clipwb.app.view.ViewControls;
import io.clipwb.app.drill.DrillDownView;
import io.clipwb.app.drill.DrillItem;
import io.clipwb.app.drill.DrillRowSource;
import io.clipwb.app.drill.DrillRows;
import io.clipwb.app.drill.ThumbnailService;
import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.jobs.Latest;
import io.clipwb.app.state.ErrorReporter;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureDialogs;
import io.clipwb.app.view.FigureTab;
import io.clipwb.core.eval.lmm.AnswerImport;
import io.clipwb.core.eval.lmm.LmmComparison;
import io.clipwb.core.eval.lmm.LmmQuestion;
import io.clipwb.core.project.LmmAnswerSources;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.util.Cancellation;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * LLaVA (any LMM) versus CLIP per class, ImageNet-D style: the answers of an LMM to two-choice
 * questions built from CLIP's run (ground truth and CLIP's strongest wrong class) are parsed and
 * compared with CLIP on the same images. The answers come from the project's {@code lmm_answers}
 * list ({@link LmmAnswerSources}) or from "Import answers…", which shows how every line parses
 * before it is accepted ({@link AnswerPreview}). The chart is the sorted per-class accuracy
 * difference (LMM − CLIP) ({@link LmmChart}), optionally only the hard classes (CLIP's accuracy
 * under the threshold), with a summary of where each wins; a click on a bar opens that class's
 * images with CLIP's prediction and, per image, the LMM's raw answer and the parsed option.
 */
public final class LmmView extends BorderPane implements FigureTab {
  /** An answers file the view can show. */
  public record Source(String label, Path file, String format, String model, String clipModel, String set) {
    @Override
    public String toString() {
      return label;
    }
  }

  private final Workbench wb;
  private final ComboBox<String> clipModel = new ComboBox<>();
  private final ComboBox<String> set = new ComboBox<>();
  private final ComboBox<Source> answers = new ComboBox<>();
  private final ComboBox<String> lmm = new ComboBox<>();
  private final Spinner<Double> threshold = new Spinner<>(0.0, 1.0, 0.5, 0.05);
  private final CheckBox hardOnly = new CheckBox("hard classes only");
  private final Label summary = new Label();
  private final BorderPane chartPane = new BorderPane();
  private final Latest<LmmData.Loaded> latest;
  private final List<Source> imported = new ArrayList<>();
  private LmmData.Loaded loaded;
  private List<LmmComparison.ClassRow> shownRows = List.of();
  private JFreeChart chart;
  private DrillDownView lastDrill;
  private boolean updating;

  public LmmView(Workbench wb) {
    this.wb = wb;
    setId("lmm-view");
    this.latest = new Latest<>(wb.jobs().background(), e -> {
      chartPane.setCenter(new Label("Cannot compare the answers: " + ErrorReporter.messageOf(e)));
      wb.errors().notifyError("LMM vs CLIP", e);
    });
    threshold.setEditable(true);
    threshold.setPrefWidth(80);
    clipModel.setTooltip(new Tooltip("The CLIP model whose run the questions were built from"));
    set.setTooltip(new Tooltip("The data set the questions are about"));
    answers.setTooltip(new Tooltip("The answers file: listed in project.json (lmm_answers) or imported"));
    threshold.setTooltip(new Tooltip("A class is hard when CLIP's accuracy on it is below this"));
    Button importButton = new Button("Import answers\u2026");
    importButton.setTooltip(new Tooltip("lmms-eval --log_samples JSONL, VLMEvalKit prediction TSV or plain JSONL (image/question_id, answer)"));
    importButton.setOnAction(e -> importAnswers());
    FlowPane controls = new FlowPane(10, 6, new Label("CLIP"), clipModel, new Label("Set"), set, new Label("Answers"), answers,
        new Label("LMM"), lmm, new Label("Hard below"), threshold, hardOnly, importButton);
    controls.setAlignment(Pos.CENTER_LEFT);
    summary.setWrapText(true);
    summary.setId("lmm-summary");
    VBox top = new VBox(4, controls, summary);
    top.setPadding(new Insets(6));
    setTop(top);
    chartPane.setPadding(new Insets(6));
    setCenter(chartPane);
    clipModel.valueProperty().addListener((o, a, b) -> reload());
    set.valueProperty().addListener((o, a, b) -> reload());
    answers.valueProperty().addListener((o, a, b) -> sourceChosen());
    threshold.valueProperty().addListener((o, a, b) -> reload());
    lmm.valueProperty().addListener((o, a, b) -> draw());
    hardOnly.selectedProperty().addListener((o, a, b) -> draw());
    wb.reportProperty().addListener((o, a, b) -> reportChanged());
    reportChanged();
  }

  private void reportChanged() {
    ProjectReport r = wb.reportProperty().get();
    Project p = wb.projectProperty().get();
    updating = true;
    try {
      List<String> ms = r == null ? List.of() : r.models().stream().map(ProjectReport.ModelReport::model).toList();
      boolean changed = false;
      if (!ms.equals(clipModel.getItems())) {
        changed = true;
        String old = clipModel.getValue();
        clipModel.getItems().setAll(ms);
        clipModel.setValue(old != null && ms.contains(old) ? old : ms.isEmpty() ? null : ms.get(0));
      }
      List<String> ss = new ArrayList<>();
      if (r != null && !r.models().isEmpty()) {
        ss.add(r.models().get(0).id().set());
        r.models().get(0).shifts().forEach(s -> ss.add(s.set()));
      }
      if (!ss.equals(set.getItems())) {
        changed = true;
        String old = set.getValue();
        set.getItems().setAll(ss);
        set.setValue(old != null && ss.contains(old) ? old : ss.isEmpty() ? null : ss.get(0));
      }
      List<Source> srcs = new ArrayList<>();
      if (p != null) {
        try {
          for (LmmAnswerSources.Source s : LmmAnswerSources.read(p)) {
            srcs.add(new Source(s.file().getFileName() + (s.synthetic() ? " (synthetic)" : ""), s.file(), s.format(), s.model(), s.clipModel(),
                s.set()));
          }
        } catch (RuntimeException e) {
          wb.errors().notifyError("lmm_answers in " + p.file(), e);
        }
      }
      srcs.addAll(imported);
      if (!srcs.equals(answers.getItems())) {
        Source old = answers.getValue();
        answers.getItems().setAll(srcs);
        answers.setValue(old != null && srcs.contains(old) ? old : srcs.isEmpty() ? null : srcs.get(0));
        changed = true;
      }
      if (changed && answers.getValue() != null) applySource(answers.getValue());
    } finally {
      updating = false;
    }
    reload();
  }

  private void sourceChosen() {
    if (updating || answers.getValue() == null) return;
    updating = true;
    try {
      applySource(answers.getValue());
    } finally {
      updating = false;
    }
    reload();
  }

  /** Selects the CLIP model and set an answers file was made for, when the project has them. */
  private void applySource(Source s) {
    if (s.clipModel() != null && clipModel.getItems().contains(s.clipModel())) clipModel.setValue(s.clipModel());
    if (s.set() != null && set.getItems().contains(s.set())) set.setValue(s.set());
  }

  private void reload() {
    if (updating) return;
    Source s = answers.getValue();
    String m = clipModel.getValue();
    String st = set.getValue();
    Path out = wb.outputsProperty().get();
    if (wb.reportProperty().get() == null || m == null || st == null || out == null) {
      chartPane.setCenter(new Label(ViewControls.NO_RESULTS));
      return;
    }
    if (s == null) {
      chartPane.setCenter(new Label("No LMM answers: import an answers file (lmms-eval JSONL, VLMEvalKit TSV, plain JSONL)."));
      return;
    }
    double t = threshold.getValue();
    Path run = ProjectRun.runDir(out, m, st);
    latest.request(() -> LmmData.load(run, s.file(), s.format(), s.model(), t, Cancellation.none()), l -> {
      loaded = l;
      updating = true;
      try {
        List<String> models = l.lmmModels();
        if (!models.equals(lmm.getItems())) {
          lmm.getItems().setAll(models);
          lmm.setValue(models.isEmpty() ? null : models.get(0));
        }
      } finally {
        updating = false;
      }
      draw();
    });
  }

  private void draw() {
    if (updating || loaded == null) return;
    LmmComparison.ModelResult mr = loaded.result().models().get(lmm.getValue());
    if (mr == null) {
      chartPane.setCenter(new Label("No answer of this file matches a question of " + clipModel.getValue() + " / " + set.getValue() + "."));
      summary.setText("");
      return;
    }
    shownRows = hardOnly.isSelected() ? mr.perClass().stream().filter(LmmComparison.ClassRow::hard).toList() : mr.perClass();
    String note = answers.getValue() != null && answers.getValue().label().contains("synthetic")
        ? " SYNTHETIC answers (a stand-in made from another CLIP model), not an LMM's." : "";
    summary.setText(LmmData.summary(mr) + "." + note + " Click a bar to see that class's images.");
    if (shownRows.isEmpty()) {
      chartPane.setCenter(new Label(String.format(Locale.ROOT, "No hard class: CLIP's accuracy is at least %.0f%% on every class (raise \"Hard below\" to see the classes it fails most).",
          100 * threshold.getValue())));
      chart = null;
      return;
    }
    chart = LmmChart.create(mr.model() + " vs " + clipModel.getValue() + " / " + set.getValue(), mr.model(), shownRows, threshold.getValue(),
        wb.preferencesProperty().get().figureStyle());
    ChartViewer v = new ChartViewer(chart, false);
    v.setPrefSize(720, 480);
    v.addChartMouseListener(new ChartMouseListenerFX() {
      @Override
      public void chartMouseClicked(ChartMouseEventFX e) {
        LmmChart.classAt(e.getEntity(), shownRows).ifPresent(i -> drill(shownRows.get(i)));
      }

      @Override
      public void chartMouseMoved(ChartMouseEventFX e) {}
    });
    chartPane.setCenter(v);
  }

  /** The chart viewer shown now, or null (tests). */
  public ChartViewer viewer() {
    return chartPane.getCenter() instanceof ChartViewer v ? v : null;
  }

  /** The classes drawn, in bar order (tests). */
  public List<LmmComparison.ClassRow> shownRows() {
    return shownRows;
  }

  /** The comparison shown now (tests). */
  public LmmData.Loaded loaded() {
    return loaded;
  }

  /** The last drill-down opened (tests). */
  public DrillDownView lastDrill() {
    return lastDrill;
  }

  /** Restricts the chart to the hard classes (tests and the check box). */
  public void setHardOnly(boolean b, double t) {
    threshold.getValueFactory().setValue(t);
    hardOnly.setSelected(b);
  }

  /** The images of a class with CLIP's prediction (from the run folder) and the LMM's raw answer and parsed option (metadata). */
  public CompletableFuture<List<DrillItem>> items(LmmComparison.ClassRow c) {
    LmmData.Loaded l = loaded;
    LmmComparison.ModelResult mr = l.result().models().get(lmm.getValue());
    return DrillRowSource.shared().rows(l.runDir()).thenApplyAsync(rows -> items(rows, l, mr, c), wb.jobs().background());
  }

  static List<DrillItem> items(DrillRows rows, LmmData.Loaded l, LmmComparison.ModelResult mr, LmmComparison.ClassRow c) {
    List<DrillItem> out = new ArrayList<>();
    for (int k : c.rows()) {
      LmmComparison.AnswerOutcome a = mr.answers().get(k);
      DrillItem d = rows.row(a.index());
      LmmQuestion q = l.question(a.questionId());
      Map<String, String> meta = new LinkedHashMap<>(d.metadata());
      meta.put("lmm", mr.model());
      meta.put("lmm_answer", a.answer());
      meta.put("lmm_parsed", LmmData.parsedLabel(q, a.outcome()));
      meta.put("lmm_outcome", a.outcome());
      if (q != null) meta.put("lmm_choices", String.join(" / ", q.choices()));
      meta.put(DrillItem.CAPTION, "LMM: " + (a.outcome().equals("TRUE") || a.outcome().equals("FALSE") ? LmmData.parsedLabel(q, a.outcome())
          : "unparseable"));
      out.add(new DrillItem(d.row(), d.image(), d.trueClass(), d.predicted(), d.confidence(), d.correct(), meta, d.top5()));
    }
    return out;
  }

  private void drill(LmmComparison.ClassRow c) {
    String title = String.format(Locale.ROOT, "%s: %d images; CLIP %s, %s (under each image: CLIP's prediction, then the LMM's parsed answer; its raw text in the details)", c.className(),
        c.rows().size(), clipModel.getValue(), lmm.getValue());
    items(c).whenComplete((list, err) -> Platform.runLater(() -> {
      if (err != null) {
        wb.errors().notifyError("LMM drill-down", err);
        return;
      }
      DrillDownView view = new DrillDownView(title, list, ThumbnailService.shared());
      lastDrill = view;
      Stage stage = new Stage();
      if (getScene() != null && getScene().getWindow() != null) stage.initOwner(getScene().getWindow());
      stage.setTitle(title);
      stage.setScene(new Scene(view, 1000, 720));
      stage.show();
    }));
  }

  private void importAnswers() {
    FileChooser c = new FileChooser();
    c.setTitle("Import LMM answers");
    c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Answers", "*.jsonl", "*.json", "*.tsv"),
        new FileChooser.ExtensionFilter("All files", "*.*"));
    File f = c.showOpenDialog(getScene().getWindow());
    if (f == null || clipModel.getValue() == null || set.getValue() == null) return;
    Path run = ProjectRun.runDir(wb.outputsProperty().get(), clipModel.getValue(), set.getValue());
    Path file = f.toPath();
    String format = AnswerImport.detect(file);
    double t = threshold.getValue();
    wb.jobs().background().execute(() -> {
      try {
        LmmData.Loaded l = LmmData.load(run, file, format, null, t, Cancellation.none());
        List<LmmData.PreviewRow> rows = LmmData.preview(l);
        Platform.runLater(() -> {
          if (AnswerPreview.ask(getScene().getWindow(), file.toString(), format, rows)) addImported(file, format);
        });
      } catch (RuntimeException e) {
        wb.errors().notifyError("Import " + file, e);
      }
    });
  }

  /** Adds an answers file (already previewed and accepted) for the current CLIP model and set, and shows it. */
  public void addImported(Path file, String format) {
    Source s = new Source(file.getFileName().toString(), file, format, null, clipModel.getValue(), set.getValue());
    imported.add(s);
    answers.getItems().add(s);
    answers.setValue(s);
  }

  /** Exports the chart (blocking). */
  public void export(Path file, FigureFormat format) {
    if (chart == null) throw new IllegalStateException("no LMM chart to export");
    FigureExport.write(chart, file, format, wb.preferencesProperty().get().figureStyle());
  }

  @Override
  public void exportFigure() {
    if (chart == null) return;
    FigureDialogs.export(this, wb, "lmm-vs-clip", this::export);
  }

  @Override
  public void copyFigure() {
    FigureDialogs.copy(wb, chart);
  }
}
