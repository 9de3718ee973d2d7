package io.clipwb.app.view;

import io.clipwb.app.jobs.Latest;
import io.clipwb.app.state.ErrorReporter;
import io.clipwb.app.state.Workbench;
import io.clipwb.core.project.ProjectReport;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;

/**
 * The control-bar pieces every view repeats: the bar of pickers over the chart with its subtitle
 * lines, and refilling a picker when a new report arrives without losing what the user chose. One
 * place, so the views' heads look and behave alike. FX thread only.
 */
public final class ViewControls {
  /** Underscored names as words ("architecture_family" ⇄ "architecture family"). */
  public static final StringConverter<String> UNDERSCORED_AS_WORDS = new StringConverter<>() {
    @Override
    public String toString(String f) {
      return f == null ? "" : f.replace('_', ' ');
    }

    @Override
    public String fromString(String s) {
      return s == null ? null : s.replace(' ', '_');
    }
  };

  private ViewControls() {}

  /** What a view says before the project has results (also while its first run is on). */
  public static final String NO_RESULTS =
      "No results yet: run the project (Run \u25b8 Run\u2026, Ctrl+R). The view fills in as the run finishes each model \u00d7 set pair.";

  /** Width of a multi-choice picker in a control bar, px. */
  static final double PICKER_WIDTH = 230;

  /**
   * A wrapping bar of controls, left-aligned and vertically centred. Multi-choice pickers get a fixed
   * width: otherwise each model a run adds to one widens it and shifts every control after it (which
   * the user may be about to click), and so many moved nodes make JavaFX repaint the whole window.
   */
  public static FlowPane bar(Node... controls) {
    for (Node n : controls) {
      if (n instanceof CheckComboBox<?> c && c.getPrefWidth() == javafx.scene.layout.Region.USE_COMPUTED_SIZE) {
        c.setPrefWidth(PICKER_WIDTH);
        c.setMaxWidth(PICKER_WIDTH);
      }
    }
    FlowPane bar = new FlowPane(10, 6, controls);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  /** The head of a view: its control bar over subtitle lines (wrapping, in the subtitle style). */
  public static VBox head(Node bar, Label... subtitles) {
    VBox head = new VBox(4, bar);
    for (Label l : subtitles) {
      l.setWrapText(true);
      l.getStyleClass().add("view-subtitle");
      head.getChildren().add(l);
    }
    head.setPadding(new Insets(6));
    return head;
  }

  /**
   * The view's latest-result runner on the background pool: a failure shows "{@code cannot}:
   * message" where the chart would be (through {@code show}, FX thread) and goes to the error sink
   * under {@code what}.
   */
  public static <T> Latest<T> latest(Workbench wb, String cannot, String what, Consumer<Node> show) {
    return new Latest<>(wb.jobs().background(), e -> {
      show.accept(new Label(cannot + ": " + ErrorReporter.messageOf(e)));
      wb.errors().notifyError(what, e);
    });
  }

  /** {@code grid} of charts (6 px gaps and padding) in a scroll pane that fills the view when the charts fit. */
  public static ScrollPane scrolling(GridPane grid) {
    grid.setHgap(6);
    grid.setVgap(6);
    grid.setPadding(new Insets(6));
    ScrollPane sp = new ScrollPane(grid);
    sp.setFitToWidth(true);
    sp.setFitToHeight(true);
    return sp;
  }

  /**
   * Follows the workbench's report, now and on every change: {@code refill} the pickers from it
   * (the report, null when there is none) with {@code quiet} on, so their listeners do not redraw
   * for each picker, then {@code redraw} once.
   */
  public static void followReport(Workbench wb, Consumer<Boolean> quiet, Consumer<ProjectReport> refill, Runnable redraw) {
    Runnable changed = () -> {
      quiet.accept(true);
      try {
        refill.accept(wb.reportProperty().get());
      } finally {
        quiet.accept(false);
      }
      redraw.run();
    };
    wb.reportProperty().addListener((o, a, b) -> changed.run());
    changed.run();
  }

  /**
   * Gives {@code box} the {@code items} (left alone when unchanged), keeping its value when still
   * offered, else the first item (null when there is none).
   */
  public static <T> void refill(ComboBox<T> box, List<T> items) {
    T old = box.getValue();
    if (!items.equals(box.getItems())) box.getItems().setAll(items);
    box.setValue(old != null && items.contains(old) ? old : items.isEmpty() ? null : items.get(0));
  }

  /**
   * Gives a multi-picker the {@code items} (left alone when unchanged), keeping the user's checks;
   * items new to it are checked (so models and sets show up as a run finishes them).
   */
  public static <T> void refill(CheckComboBox<T> box, List<T> items) {
    if (items.equals(box.getItems())) return;
    List<T> before = List.copyOf(box.getItems());
    List<T> checked = box.getCheckModel().getCheckedItems().stream().filter(Objects::nonNull).toList();
    box.getItems().setAll(items);
    for (T x : items) if (checked.contains(x) || !before.contains(x)) box.getCheckModel().check(x);
    settle(box);
  }

  /**
   * Styles and lays out a multi-picker whose items just changed, now rather than in the next pulse.
   * ControlsFX's picker keeps a hidden list in the scene whose new cells ask for CSS during the
   * pulse's layout pass, after its CSS pass: JavaFX then runs one more pulse with nothing to draw,
   * and draws the whole window for it (about 100 ms with the software renderer).
   */
  public static void settle(CheckComboBox<?> box) {
    box.applyCss();
    box.layout();
    box.applyCss();
  }
}
