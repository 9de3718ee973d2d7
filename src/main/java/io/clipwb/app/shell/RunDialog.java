package io.clipwb.app.shell;

import io.clipwb.core.project.CacheSurvey;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;

import io.clipwb.app.state.Preferences;

import io.clipwb.app.state.ProjectService;
import io.clipwb.core.project.Project;
import io.clipwb.core.text.PromptSets;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.controlsfx.control.CheckListView;

/**
 * The run dialog: which models on which sets (all checked by default, or the entry the user
 * right-clicked), the prompt set, device, batch size and decode threads. Returns the request; the
 * workbench queues it as a job. The in-distribution set is always run (every report needs it).
 */
public final class RunDialog extends Dialog<ProjectService.RunRequest> {
  final CheckListView<String> models = new CheckListView<>();
  final CheckListView<String> sets = new CheckListView<>();

  final Label cachedLabel = new Label("Cached: counting…");
  private List<CacheSurvey.Count> survey;

  public RunDialog(Window owner, Project p, Preferences prefs, List<String> onlyModels, List<String> onlySets) {
    this(owner, p, prefs, onlyModels, onlySets, null);
  }

  /**
   * @param cacheSurvey the cache's counts per model × set, computed in the background (null: not shown);
   *     the dialog shows how many of the checked pairs' images are cached when it completes
   */
  public RunDialog(Window owner, Project p, Preferences prefs, List<String> onlyModels, List<String> onlySets,
      CompletableFuture<List<CacheSurvey.Count>> cacheSurvey) {
    if (owner != null) initOwner(owner);
    setTitle("Run " + p.name());
    setHeaderText("Evaluate models on data sets (embeddings come from the cache when present)");
    models.getItems().setAll(p.bundles().stream().map(Project.BundleEntry::name).toList());
    sets.getItems().setAll(p.datasets().stream().filter(Project.DataSetEntry::isClassification).map(Project.DataSetEntry::name).toList());
    models.setId("run-models");
    sets.setId("run-sets");
    for (String m : models.getItems()) if (onlyModels.isEmpty() || onlyModels.contains(m)) models.getCheckModel().check(m);
    for (String s : sets.getItems()) {
      if (onlySets.isEmpty() || onlySets.contains(s) || s.equals(p.idSet().name())) sets.getCheckModel().check(s);
    }
    models.setPrefSize(260, 220);
    sets.setPrefSize(260, 220);
    List<String> prompts = new ArrayList<>();
    prompts.add("(project default" + (p.prompts() != null ? ": " + p.prompts() : "") + ")");
    prompts.addAll(PromptSets.builtInNames());
    ComboBox<String> promptBox = new ComboBox<>(FXCollections.observableArrayList(prompts));
    promptBox.getSelectionModel().select(0);
    promptBox.setTooltip(new Tooltip("Prompt templates for every model"));
    ComboBox<String> device = new ComboBox<>(FXCollections.observableArrayList("cpu", "gpu"));
    device.setValue(prefs.device());
    device.setTooltip(new Tooltip("Where the towers run"));
    device.setId("run-device");
    ProjectService.gpus().thenAccept(n -> Platform.runLater(() -> {
      if (n > 0) {
        device.setTooltip(new Tooltip("DJL sees " + n + " CUDA device(s)"));
      } else {
        device.setValue("cpu");
        device.setDisable(true);
        device.setTooltip(new Tooltip("CPU only: DJL sees no CUDA device (the bundled libtorch is the CPU build)"));
      }
    }));
    Spinner<Integer> batch = new Spinner<>(1, 1024, prefs.batch());
    batch.setEditable(true);
    batch.setTooltip(new Tooltip("Images per forward pass"));
    Spinner<Integer> threads = new Spinner<>(1, 64, prefs.effectiveThreads());
    threads.setEditable(true);
    threads.setTooltip(new Tooltip("Threads that decode and preprocess images"));
    GridPane g = new GridPane();
    g.setHgap(8);
    g.setVgap(6);
    g.setPadding(new Insets(8));
    g.add(new Label("Models"), 0, 0);
    g.add(new Label("Data sets (" + p.idSet().name() + " always runs)"), 1, 0);
    g.add(models, 0, 1);
    g.add(sets, 1, 1);
    GridPane opts = new GridPane();
    opts.setHgap(8);
    opts.setVgap(6);
    opts.addRow(0, new Label("Prompts"), promptBox);
    opts.addRow(1, new Label("Device"), device);
    opts.addRow(2, new Label("Batch"), batch);
    opts.addRow(3, new Label("Threads"), threads);
    g.add(opts, 0, 2, 2, 1);
    if (cacheSurvey != null) {
      cachedLabel.setId("run-cached");
      cachedLabel.setTooltip(new Tooltip("Images of the checked models and sets whose embeddings are already in the cache"));
      g.add(cachedLabel, 0, 3, 2, 1);
      cacheSurvey.whenComplete((counts, err) -> Platform.runLater(() -> {
        if (err != null) {
          cachedLabel.setText("Cached: unknown (" + err.getMessage() + ")");
        } else {
          survey = counts;
          updateCached();
        }
      }));
      models.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> updateCached());
      sets.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> updateCached());
    }
    getDialogPane().setContent(g);
    ButtonType run = new ButtonType("Run", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().addAll(run, ButtonType.CANCEL);
    getDialogPane().lookupButton(run).disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(models.getCheckModel().getCheckedItems()));
    setResultConverter(bt -> bt != run ? null : new ProjectService.RunRequest(
        List.copyOf(models.getCheckModel().getCheckedItems()), List.copyOf(sets.getCheckModel().getCheckedItems()),
        promptBox.getSelectionModel().getSelectedIndex() <= 0 ? null : promptBox.getValue(), batch.getValue(), threads.getValue(),
        "gpu".equals(device.getValue())));
  }

  /** "Cached: a of b images (c to compute)" over the checked models × sets (FX thread). */
  private void updateCached() {
    if (survey == null) return;
    long cached = 0;
    long total = 0;
    for (CacheSurvey.Count c : survey) {
      if (models.getCheckModel().isChecked(c.model()) && sets.getCheckModel().isChecked(c.set())) {
        cached += c.cached();
        total += c.total();
      }
    }
    cachedLabel.setText(String.format(Locale.ROOT, "Cached: %,d of %,d images (%,d to compute)", cached, total, total - cached));
  }
}
