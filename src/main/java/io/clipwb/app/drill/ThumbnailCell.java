package io.clipwb.app.drill;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.GridCell;

/**
 * One reusable cell of the drill-down grid: thumbnail, true class, prediction and confidence,
 * framed green (correct) or red (wrong). Cells are recycled as the grid scrolls, so every
 * thumbnail request carries the cell's generation; an answer for an item the cell no longer
 * shows is dropped.
 */
final class ThumbnailCell extends GridCell<DrillItem> {
  /** What the cell reports back to its view. */
  interface Host {
    /** A click on the item at {@code index}; {@code clickCount} 2 is a double-click. */
    void clicked(int index, int clickCount);
  }

  static final double TEXT_HEIGHT = 36;
  static final double FRAME = 8;

  private final ThumbnailService thumbnails;
  private final ReadOnlyIntegerProperty selection;
  private final AtomicLong generation = new AtomicLong();
  private final ImageView view = new ImageView();
  private final Label placeholder = new Label();
  private final Label truth = new Label();
  private final Label prediction = new Label();
  private final Tooltip tooltip = new Tooltip();
  private final InvalidationListener selectionListener = o -> refreshSelection();
  private final VBox content;

  ThumbnailCell(ThumbnailService thumbnails, ReadOnlyDoubleProperty size, ReadOnlyIntegerProperty selection, Host host) {
    this.thumbnails = thumbnails;
    this.selection = selection;
    getStyleClass().add("drill-cell");
    view.setPreserveRatio(true);
    view.setSmooth(true);
    view.fitWidthProperty().bind(size.subtract(FRAME + 4));
    view.fitHeightProperty().bind(size.subtract(FRAME + 4));
    placeholder.getStyleClass().add("drill-placeholder");
    placeholder.setWrapText(true);
    placeholder.maxWidthProperty().bind(size.subtract(FRAME + 4));
    StackPane image = new StackPane(placeholder, view);
    image.getStyleClass().add("drill-thumb");
    image.minHeightProperty().bind(size.subtract(FRAME));
    image.prefHeightProperty().bind(size.subtract(FRAME));
    truth.getStyleClass().add("drill-true");
    prediction.getStyleClass().add("drill-pred");
    for (Label l : new Label[] {truth, prediction}) {
      l.setTextOverrun(OverrunStyle.ELLIPSIS);
      l.setMaxWidth(Double.MAX_VALUE);
      l.setAlignment(Pos.CENTER);
    }
    VBox box = new VBox(2, image, truth, prediction);
    box.setAlignment(Pos.TOP_CENTER);
    setGraphic(null);
    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    tooltip.setShowDelay(Duration.millis(400));
    selection.addListener(new WeakInvalidationListener(selectionListener));
    setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && !isEmpty()) host.clicked(getIndex(), e.getClickCount());
    });
    this.content = box;
  }

  @Override
  protected void updateItem(DrillItem item, boolean empty) {
    super.updateItem(item, empty);
    long g = generation.incrementAndGet();
    getStyleClass().removeAll("correct", "wrong");
    if (empty || item == null) {
      setGraphic(null);
      setTooltip(null);
      view.setImage(null);
      refreshSelection();
      return;
    }
    getStyleClass().add(item.correct() ? "correct" : "wrong");
    truth.setText(item.trueClass());
    prediction.setText(String.format(Locale.ROOT, "%s %.2f", item.predicted(), item.confidence()));
    tooltip.setText(tipText(item, null));
    setTooltip(tooltip);
    setGraphic(content);
    view.setImage(null);
    placeholder.setText("");
    refreshSelection();
    thumbnails.request(item.image(), () -> generation.get() == g, t -> {
      if (generation.get() != g) return;
      if (t.ok()) {
        view.setImage(t.image());
      } else {
        view.setImage(null);
        placeholder.setText("cannot show image");
        tooltip.setText(tipText(item, t.error()));
      }
    });
  }

  /** Whether the cell shows a decoded thumbnail (tests). */
  boolean hasImage() {
    return view.getImage() != null;
  }

  /** The text under the broken-image placeholder, "" when none (tests). */
  String placeholderText() {
    return placeholder.getText();
  }

  private static String tipText(DrillItem item, String error) {
    String s = "row " + item.row() + "\n" + item.image() + "\ntrue: " + item.trueClass()
        + "\npredicted: " + item.predicted() + String.format(Locale.ROOT, " (%.3f)", item.confidence());
    return error == null ? s : s + "\n" + error;
  }

  private void refreshSelection() {
    boolean sel = !isEmpty() && getIndex() >= 0 && getIndex() == selection.get();
    if (sel != isSelected()) updateSelected(sel);
  }

  @Override
  public void updateIndex(int i) {
    super.updateIndex(i);
    refreshSelection();
  }
}
