package io.clipwb.app.shell;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.state.Preferences;

import io.clipwb.app.state.ProjectService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The status bar: device and threads, the outputs folder, the cache folder and its size (walked in
 * the background), and heap use (every 2 s). The engine's facts come from DJL, which loads native
 * code: that also happens in the background, after the window is up.
 */
public final class StatusLine extends HBox {
  private final Label device = new Label("device: …");
  private final Label outputs = new Label();
  private final Label cache = new Label();
  private final Label heap = new Label();
  private final AtomicLong cacheGeneration = new AtomicLong();

  public StatusLine(Workbench wb) {
    getStyleClass().add("status-line");
    setPadding(new Insets(2, 6, 2, 6));
    setSpacing(8);
    setAlignment(Pos.CENTER_LEFT);
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    outputs.setId("status-outputs");
    heap.setId("status-heap");
    getChildren().addAll(device, new Separator(javafx.geometry.Orientation.VERTICAL), outputs, grow, cache,
        new Separator(javafx.geometry.Orientation.VERTICAL), heap);
    wb.outputsProperty().addListener((o, a, b) -> outputs.setText(b == null ? "" : "Outputs: " + b));
    outputs.setText(wb.outputsProperty().get() == null ? "" : "Outputs: " + wb.outputsProperty().get());
    outputs.setTooltip(new Tooltip("Where this project's run folders and report files go"));
    wb.preferencesProperty().addListener((o, a, b) -> {
      showDevice(wb);
      measureCache(wb);
    });
    showDevice(wb);
    measureCache(wb);
    wb.jobs().jobs().addListener((javafx.collections.ListChangeListener<Object>) c -> measureCache(wb));
    wb.runStatusProperty().addListener((o, a, b) -> measureCache(wb)); // re-read after every (partial) run
    Timeline t = new Timeline(new KeyFrame(Duration.seconds(2), e -> showHeap()));
    t.setCycleCount(Animation.INDEFINITE);
    t.play();
    showHeap();
    wb.jobs().background().execute(() -> {
      String engine;
      try {
        engine = io.clipwb.djl.DjlClipModel.environment().getOrDefault("engine", "?");
      } catch (RuntimeException | LinkageError e) {
        engine = "engine unavailable";
      }
      String en = engine;
      Platform.runLater(() -> device.setTooltip(new Tooltip(en)));
    });
  }

  private void showDevice(Workbench wb) {
    Preferences p = wb.preferencesProperty().get();
    device.setText(p.device() + ", " + p.effectiveThreads() + " threads, batch " + p.batch());
  }

  private void showHeap() {
    Runtime r = Runtime.getRuntime();
    long used = r.totalMemory() - r.freeMemory();
    heap.setText(String.format(Locale.ROOT, "heap %d / %d MB", used >> 20, r.maxMemory() >> 20));
  }

  private void measureCache(Workbench wb) {
    Path root = wb.preferencesProperty().get().cacheRoot();
    long g = cacheGeneration.incrementAndGet();
    cache.setText("Cache: " + root);
    wb.jobs().background().execute(() -> {
      long bytes = 0;
      if (Files.isDirectory(root)) {
        try (Stream<Path> s = Files.walk(root)) {
          bytes = s.filter(Files::isRegularFile).mapToLong(f -> {
            try {
              return Files.size(f);
            } catch (IOException e) {
              return 0;
            }
          }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
          bytes = -1;
        }
      }
      long b = bytes;
      Platform.runLater(() -> {
        if (g == cacheGeneration.get()) {
          cache.setText("Cache: " + root + (b >= 0 ? String.format(Locale.ROOT, " (%.1f MB)", b / 1e6) : ""));
        }
      });
    });
  }
}
