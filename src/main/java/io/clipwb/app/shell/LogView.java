package io.clipwb.app.shell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * The log view (View ▸ Log, Ctrl+L): the SLF4J events of this session from {@link LogBuffer}, with
 * a minimum-level filter and a text filter. Polls the buffer twice a second on the FX thread (a copy
 * of at most a few thousand short records) instead of letting logging threads touch the UI.
 */
public final class LogView extends BorderPane {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private final ListView<LogBuffer.Entry> list = new ListView<>();
  private final ChoiceBox<String> level = new ChoiceBox<>(FXCollections.observableArrayList("TRACE", "DEBUG", "INFO", "WARN", "ERROR"));
  private final TextField filter = new TextField();
  private final Timeline timer;
  private long seen = -1;

  public LogView() {
    level.setValue("INFO");
    level.setTooltip(new Tooltip("Show events of this level and above"));
    filter.setPromptText("filter text");
    filter.setTooltip(new Tooltip("Show only events whose logger or message contains this text"));
    HBox bar = new HBox(8, new Label("Level"), level, filter);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4));
    setTop(bar);
    setCenter(list);
    list.setId("log-list");
    list.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(LogBuffer.Entry e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
          setText(null);
          setStyle("");
          return;
        }
        setText(TIME.format(e.time()) + "  " + e.level() + "  [" + e.thread() + "] " + e.logger() + " - " + e.message());
        setStyle(e.levelValue() >= 40000 ? "-fx-text-fill: #c0392b" : e.levelValue() >= 30000 ? "-fx-text-fill: #b9770e" : "");
      }
    });
    level.valueProperty().addListener((o, a, b) -> refresh(true));
    filter.textProperty().addListener((o, a, b) -> refresh(true));
    timer = new Timeline(new KeyFrame(Duration.millis(500), e -> refresh(false)));
    timer.setCycleCount(Animation.INDEFINITE);
    timer.play();
    refresh(true);
  }

  /** Re-reads the buffer when it changed (or always when {@code force}). */
  void refresh(boolean force) {
    long n = LogBuffer.appended();
    if (!force && n == seen) return;
    seen = n;
    int min = switch (level.getValue()) {
      case "TRACE" -> 0;
      case "DEBUG" -> 10000;
      case "WARN" -> 30000;
      case "ERROR" -> 40000;
      default -> 20000;
    };
    String f = filter.getText() == null ? "" : filter.getText().toLowerCase(java.util.Locale.ROOT);
    List<LogBuffer.Entry> xs = LogBuffer.events().stream().filter(e -> e.levelValue() >= min)
        .filter(e -> f.isEmpty() || (e.logger() + " " + e.message()).toLowerCase(java.util.Locale.ROOT).contains(f)).toList();
    boolean atEnd = list.getItems().isEmpty() || list.getSelectionModel().isEmpty();
    list.getItems().setAll(xs);
    if (atEnd && !xs.isEmpty()) list.scrollTo(xs.size() - 1);
  }

  /** Stops polling (when the tab closes). */
  public void dispose() {
    timer.stop();
  }
}
