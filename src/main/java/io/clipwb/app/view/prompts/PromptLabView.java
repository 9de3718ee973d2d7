package io.clipwb.app.view.prompts;

import io.clipwb.app.jobs.Job;
import io.clipwb.app.state.ProjectFile;
import io.clipwb.app.state.ProjectService;
import io.clipwb.app.state.Workbench;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.project.PromptLab;
import io.clipwb.core.runfolder.RunFolder;
import io.clipwb.core.text.PromptSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The prompt lab: edit the template set (pick OpenAI's 80 ImageNet templates, the 7-template
 * ensemble, the single "a photo of a {c}." or a set saved in the project, then add, remove or edit
 * lines) and the class names, press Apply, and every model × set of the report is re-scored from
 * the cached image embeddings ({@link PromptLab}: only text towers, only for prompts not cached) as
 * a job with progress and Cancel. The table puts each model's accuracy, ECE, AUROC and shape bias
 * under the current prompts next to the new ones with the change coloured (green better, red
 * worse; shape bias blue, neither). "Save as" stores the templates as a named prompt set in
 * {@code project.json} ({@code prompt_sets}).
 */
public final class PromptLabView extends BorderPane {
  private static final String CUSTOM = "custom";
  private static final String SAVED = "project: ";

  private final Workbench wb;
  private final ComboBox<String> templateSet = new ComboBox<>();
  private final ListView<String> templates = new ListView<>();
  private final ListView<String> classNames = new ListView<>();
  private final Button apply = new Button("Apply");
  private final Button cancel = new Button("Cancel");
  private final ProgressBar progress = new ProgressBar(0);
  private final Label status = new Label();
  private final TextField saveName = new TextField();
  private final TableView<PromptComparison.Row> table = new TableView<>();
  private List<String> runClassNames = List.of();
  private PromptLab.Outcome outcome;
  private volatile PromptLab.Inputs inputs;
  private Job<PromptLab.Outcome> job;
  private boolean filling;

  public PromptLabView(Workbench wb) {
    this.wb = wb;
    setId("prompts-view");
    templates.setEditable(true);
    templates.setCellFactory(TextFieldListCell.forListView());
    templates.setId("prompt-templates");
    templates.setPrefHeight(260);
    classNames.setEditable(true);
    classNames.setCellFactory(TextFieldListCell.forListView());
    classNames.setId("prompt-classes");
    classNames.setPrefHeight(200);
    templates.getItems().addListener((javafx.collections.ListChangeListener<String>) c -> {
      if (!filling) templateSet.setValue(CUSTOM);
    });
    Button add = new Button("Add");
    add.setOnAction(e -> {
      templates.getItems().add("a photo of a {c}.");
      templates.getSelectionModel().selectLast();
      templates.edit(templates.getItems().size() - 1);
    });
    Button remove = new Button("Remove");
    remove.setOnAction(e -> {
      int i = templates.getSelectionModel().getSelectedIndex();
      if (i >= 0) templates.getItems().remove(i);
    });
    Button resetNames = new Button("Reset names");
    resetNames.setOnAction(e -> classNames.getItems().setAll(runClassNames));
    templateSet.setId("prompt-set");
    templateSet.valueProperty().addListener((o, a, b) -> chooseSet(b));
    apply.setId("prompt-apply");
    apply.setDefaultButton(true);
    apply.setOnAction(e -> apply());
    cancel.setDisable(true);
    cancel.setOnAction(e -> {
      if (job != null) job.cancel();
    });
    progress.setPrefWidth(160);
    status.setId("prompt-status");
    status.setWrapText(true);
    saveName.setPromptText("name of the prompt set");
    Button save = new Button("Save as prompt set");
    save.setOnAction(e -> save());
    Label help = new Label("Templates: one per line, {c} stands for the class name. Double-click a line to edit it.");
    help.setWrapText(true);
    VBox left = new VBox(6, new HBox(6, new Label("Template set"), templateSet), help, templates, new HBox(6, add, remove),
        new Label("Class names (double-click to rename)"), classNames, resetNames, new HBox(6, saveName, save));
    left.setPadding(new Insets(6));
    left.setPrefWidth(380);
    apply.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    progress.setMinWidth(120);
    HBox actions = new HBox(8, apply, cancel, progress, status);
    actions.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(status, Priority.ALWAYS);
    table.setId("prompt-table");
    table.setPlaceholder(new Label("Press Apply to re-score every model with these prompts."));
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    VBox center = new VBox(8, actions, table);
    VBox.setVgrow(table, Priority.ALWAYS);
    center.setPadding(new Insets(6));
    setLeft(left);
    setCenter(center);
    wb.reportProperty().addListener((o, a, b) -> reportChanged());
    wb.projectFileProperty().addListener((o, a, b) -> fillSets());
    fillSets();
    reportChanged();
  }

  /** The template sets offered: built-in, the project's saved ones, custom. */
  private void fillSets() {
    List<String> items = new ArrayList<>(PromptSets.builtInNames());
    ProjectFile pf = wb.projectFileProperty().get();
    if (pf != null) pf.promptSets().keySet().forEach(n -> items.add(SAVED + n));
    items.add(CUSTOM);
    String keep = templateSet.getValue();
    templateSet.getItems().setAll(items);
    Project p = wb.projectProperty().get();
    String start = keep != null && items.contains(keep) ? keep
        : p != null && p.prompts() != null && items.contains(p.prompts()) ? p.prompts() : "single";
    templateSet.setValue(start);
  }

  private void chooseSet(String name) {
    if (name == null || name.equals(CUSTOM)) return;
    List<String> t;
    if (name.startsWith(SAVED)) {
      ProjectFile pf = wb.projectFileProperty().get();
      t = pf == null ? List.of() : pf.promptSets().getOrDefault(name.substring(SAVED.length()), List.of());
    } else {
      t = PromptSets.templates(name);
    }
    filling = true;
    try {
      templates.getItems().setAll(t);
    } finally {
      filling = false;
    }
  }

  /** Reads the class names of the in-distribution run (background) when a report arrives. */
  private void reportChanged() {
    ProjectReport r = wb.reportProperty().get();
    Project p = wb.projectProperty().get();
    Path out = wb.outputsProperty().get();
    table.getItems().clear();
    table.getColumns().clear();
    outcome = null;
    if (r == null || p == null || out == null || r.models().isEmpty()) {
      status.setText("No results yet: run the project first (the lab re-scores its cached image embeddings).");
      apply.setDisable(true);
      return;
    }
    apply.setDisable(false);
    status.setText("");
    Path idRun = ProjectRun.runDir(out, r.models().get(0).model(), p.idSet().name());
    wb.jobs().background().execute(() -> {
      try {
        List<String> names = Files.isRegularFile(idRun.resolve("manifest.json")) ? RunFolder.readManifest(idRun).classes() : List.of();
        Platform.runLater(() -> {
          runClassNames = names;
          classNames.getItems().setAll(names);
        });
      } catch (RuntimeException e) {
        wb.errors().notifyError("Reading the class names of " + idRun, e);
      }
    });
  }

  /** Starts the re-scoring job with the templates and names shown (FX thread); null when there is nothing to score. */
  public Job<PromptLab.Outcome> apply() {
    ProjectReport r = wb.reportProperty().get();
    Project p = wb.projectProperty().get();
    Path out = wb.outputsProperty().get();
    if (r == null || p == null || out == null) return null;
    List<String> ts = templates.getItems().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (ts.isEmpty()) {
      status.setText("Give at least one template.");
      return null;
    }
    List<String> names = List.copyOf(classNames.getItems());
    List<String> newNames = names.equals(runClassNames) || names.isEmpty() ? null : names;
    Path cache = wb.preferencesProperty().get().cacheRoot();
    boolean cpu = !"gpu".equalsIgnoreCase(wb.preferencesProperty().get().device());
    Job<PromptLab.Outcome> j = wb.jobs().submit("Prompt lab: " + ts.size() + " template(s)",
        (pr, c) -> {
          PromptLab.Inputs in = inputs;
          if (in == null || in.report() != r) {
            // the run folders' embeddings, read once per report: later applies only re-score
            pr.update(0, r.models().size(), "reading the cached image embeddings");
            in = PromptLab.load(p, r, out, c);
            inputs = in;
          }
          return ProjectService.rescorePrompts(p, in, out, ts, newNames, cache, cpu, pr, c);
        },
        o -> String.format(Locale.ROOT, "%d models re-scored in %.2f s (%d prompts encoded)", o.models().size(), o.seconds(),
            o.promptsComputed()));
    job = j;
    apply.setDisable(true);
    cancel.setDisable(false);
    progress.progressProperty().bind(j.progressProperty());
    status.setText("re-scoring " + r.models().size() + " models…");
    j.stateProperty().addListener((o, a, s) -> {
      if (!Job.finished(s)) return;
      progress.progressProperty().unbind();
      progress.setProgress(s == javafx.concurrent.Worker.State.SUCCEEDED ? 1 : 0);
      apply.setDisable(false);
      cancel.setDisable(true);
      switch (s) {
        case SUCCEEDED -> show(j.getValue(), r, p);
        case CANCELLED -> status.setText("Cancelled; the current prompts stay.");
        case FAILED -> status.setText("Failed: " + j.getException().getMessage());
        default -> { }
      }
    });
    return j;
  }

  private void show(PromptLab.Outcome o, ProjectReport r, Project p) {
    if (r != wb.reportProperty().get()) return;
    outcome = o;
    var currentTable = r.metrics();
    List<PromptComparison.Column> cols = PromptComparison.columns(p, currentTable);
    table.getColumns().clear();
    TableColumn<PromptComparison.Row, String> model = new TableColumn<>("model");
    model.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().model()));
    model.setPrefWidth(170);
    table.getColumns().add(model);
    for (PromptComparison.Column c : cols) {
      TableColumn<PromptComparison.Row, String> group = new TableColumn<>(c.label());
      group.getColumns().add(valueColumn("current", c, 0));
      group.getColumns().add(valueColumn("new", c, 1));
      group.getColumns().add(valueColumn("Δ", c, 2));
      table.getColumns().add(group);
    }
    table.getItems().setAll(PromptComparison.rows(cols, currentTable, o.metrics()));
    status.setText(String.format(Locale.ROOT, "Applied %d template(s)%s to %d models in %.2f s (job %.2f s): %d prompt(s) encoded,"
        + " %d text tower(s) opened.", o.templates().size(), o.classNames() == null ? "" : " with new class names", o.models().size(),
        o.seconds(), job == null ? Double.NaN : job.seconds(), o.promptsComputed(), o.towersOpened()));
  }

  private static TableColumn<PromptComparison.Row, String> valueColumn(String title, PromptComparison.Column c, int which) {
    TableColumn<PromptComparison.Row, String> col = new TableColumn<>(title);
    col.setCellValueFactory(x -> {
      PromptComparison.Row r = x.getValue();
      double v = which == 0 ? r.current(c) : which == 1 ? r.next(c) : r.delta(c);
      return new SimpleStringProperty(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, which == 2 ? "%+.4f" : "%.4f", v));
    });
    if (which == 2) {
      col.setCellFactory(x -> new TableCell<>() {
        @Override
        protected void updateItem(String item, boolean empty) {
          super.updateItem(item, empty);
          setText(empty ? null : item);
          getStyleClass().removeAll("delta-better", "delta-worse", "delta-neutral");
          if (empty || item == null || item.equals("–")) {
            setStyle("");
            return;
          }
          double d = Double.parseDouble(item);
          int sign = (int) Math.signum(d) * c.higherIsBetter();
          if (Math.abs(d) < 5e-5) {
            setStyle("");
          } else if (c.higherIsBetter() == 0) {
            getStyleClass().add("delta-neutral");
            setStyle("-fx-text-fill: #1f5fbf; -fx-font-weight: bold;");
          } else {
            getStyleClass().add(sign > 0 ? "delta-better" : "delta-worse");
            setStyle(sign > 0 ? "-fx-text-fill: #1a7f37; -fx-font-weight: bold;" : "-fx-text-fill: #c0392b; -fx-font-weight: bold;");
          }
        }
      });
    }
    col.setStyle("-fx-alignment: CENTER-RIGHT;");
    col.setPrefWidth(which == 2 ? 74 : 64);
    return col;
  }

  /** Saves the templates shown as a named prompt set in the project file (and the file when it has one). */
  private void save() {
    ProjectFile pf = wb.projectFileProperty().get();
    String name = saveName.getText() == null ? "" : saveName.getText().strip();
    if (pf == null || name.isEmpty()) {
      status.setText("Give the prompt set a name.");
      return;
    }
    List<String> ts = templates.getItems().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    try {
      pf.putPromptSet(name, ts);
      if (pf.file() != null) pf.save(pf.file());
      fillSets();
      templateSet.setValue(SAVED + name);
      status.setText("Saved prompt set \"" + name + "\" (" + ts.size() + " templates)" + (pf.file() != null ? " in " + pf.file() : ""));
    } catch (RuntimeException e) {
      wb.errors().showError("Cannot save the prompt set", e);
    }
  }

  // ------------------------------------------------------------------ for tests

  /** Chooses a template set by name (a built-in name, "project: NAME" or "custom"). */
  public void chooseTemplateSet(String name) {
    templateSet.setValue(name);
  }

  /** The templates shown. */
  public List<String> templates() {
    return List.copyOf(templates.getItems());
  }

  /** The last applied outcome, or null. */
  public PromptLab.Outcome outcome() {
    return outcome;
  }

  /** The table rows shown. */
  public List<PromptComparison.Row> rows() {
    return List.copyOf(table.getItems());
  }

  /** The table's columns (labels). */
  public List<String> columnLabels() {
    return table.getColumns().stream().map(TableColumn::getText).toList();
  }

  /** The class names shown. */
  public List<String> classNames() {
    return List.copyOf(classNames.getItems());
  }
}
