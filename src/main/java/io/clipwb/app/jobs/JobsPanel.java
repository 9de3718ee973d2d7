package io.clipwb.app.jobs;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The jobs panel at the bottom of the window: one row per job (title, progress bar, message, rate
 * and ETA, Cancel), newest first; a finished job keeps its summary line. A list of our own instead
 * of ControlsFX's {@code TaskProgressView}, which drops finished tasks and has no rate column.
 */
public final class JobsPanel extends VBox {
  private final VBox rows = new VBox(2);

  public JobsPanel(JobService service) {
    getStyleClass().add("jobs-panel");
    setPadding(new Insets(4));
    Label header = new Label("Jobs");
    header.getStyleClass().add("section-title");
    Button clear = new Button("Clear finished");
    clear.setTooltip(new Tooltip("Remove finished jobs from this list"));
    clear.setOnAction(e -> service.jobs().removeIf(Job::isDone));
    HBox top = new HBox(8, header, clear);
    top.setAlignment(Pos.CENTER_LEFT);
    ScrollPane sp = new ScrollPane(rows);
    sp.setFitToWidth(true);
    sp.setPrefViewportHeight(90);
    VBox.setVgrow(sp, Priority.ALWAYS);
    getChildren().addAll(top, sp);
    service.jobs().addListener((ListChangeListener<Job<?>>) c -> rebuild(service));
    rebuild(service);
  }

  private void rebuild(JobService service) {
    rows.getChildren().clear();
    var list = service.jobs();
    for (int i = list.size() - 1; i >= 0; i--) rows.getChildren().add(row(list.get(i)));
    if (list.isEmpty()) rows.getChildren().add(new Label("No jobs yet. Run the project with Run ▸ Run… (Ctrl+R)."));
  }

  private static HBox row(Job<?> job) {
    Label title = new Label();
    title.textProperty().bind(job.titleProperty());
    title.setMinWidth(180);
    title.setStyle("-fx-font-weight: bold");
    ProgressBar bar = new ProgressBar();
    bar.progressProperty().bind(job.progressProperty());
    bar.setPrefWidth(220);
    bar.getStyleClass().add("job-progress");
    Label msg = new Label();
    msg.textProperty().bind(job.messageProperty());
    msg.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(msg, Priority.ALWAYS);
    Label rate = new Label();
    rate.textProperty().bind(job.rateProperty());
    rate.setMinWidth(160);
    Button cancel = new Button("Cancel");
    cancel.getStyleClass().add("job-cancel");
    cancel.setTooltip(new Tooltip("Stop after the current batch; everything computed so far stays in the cache"));
    cancel.disableProperty().bind(job.runningProperty().not().and(job.stateProperty().isNotEqualTo(javafx.concurrent.Worker.State.READY)
        .and(job.stateProperty().isNotEqualTo(javafx.concurrent.Worker.State.SCHEDULED))));
    cancel.setOnAction(e -> job.cancel());
    HBox row = new HBox(8, title, bar, rate, msg, cancel);
    row.setAlignment(Pos.CENTER_LEFT);
    row.getStyleClass().add("job-row");
    row.setUserData(job);
    return row;
  }
}
