package io.clipwb.app.drill;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.css.PseudoClass;
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
  private static final PseudoClass CORRECT = PseudoClass.getPseudoClass("correct");
  private static final PseudoClass WRONG = PseudoClass.getPseudoClass("wrong");
  /** What the cell reports back to its view. */
  interface Host {
    /** A click on the item at {@code index}; {@code clickCount} 2 is a double-click. */
    void clicked(int index, int clickCount);
  }

  static final double TEXT_HEIGHT = 36;
  /** The height of the optional caption line ({@link DrillItem#CAPTION}). */
  static final double CAPTION_HEIGHT = 16;
  static final double FRAME = 8;

  private final ThumbnailService thumbnails;
  private final ReadOnlyIntegerProperty selection;
  private final AtomicLong generation = new AtomicLong();
  private final ImageView view = new ImageView();
  private final Label placeholder = new Label();
  private final Label truth = new Label();
  private final Label prediction = new Label();
  private final Label caption = new Label();
  private final Tooltip tooltip = new Tooltip();
  private final InvalidationListener selectionListener = o -> refreshSelection();
  private final VBox content;
  private DrillItem shown;
  private String error;

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
    caption.getStyleClass().add("drill-caption");
    caption.setManaged(false);
    caption.setVisible(false);
    for (Label l : new Label[] {truth, prediction, caption}) {
      l.setTextOverrun(OverrunStyle.ELLIPSIS);
      l.setMaxWidth(Double.MAX_VALUE);
      l.setAlignment(Pos.CENTER);
    }
    VBox box = new VBox(2, image, truth, prediction, caption);
    box.setAlignment(Pos.TOP_CENTER);
    box.setVisible(false);
    setGraphic(box);
    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    tooltip.setShowDelay(Duration.millis(400));
    tooltip.setOnShowing(e -> tooltip.setText(shown == null ? "" : tipText(shown, error)));
    setTooltip(tooltip);
    selection.addListener(new WeakInvalidationListener(selectionListener));
    setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && !isEmpty()) host.clicked(getIndex(), e.getClickCount());
    });
    this.content = box;
  }

  /*
   * Kept cheap on purpose: it runs for every cell of every row the flow shows or measures. The
   * graphic and the tooltip are installed once and correctness is a pseudo-class, because changing
   * style classes or the graphic re-applies CSS to the whole cell (measured: most of the FX thread's
   * time while scrolling); text is set only when the item changes; the tooltip text is built when
   * it shows.
   */
  @Override
  protected void updateItem(DrillItem item, boolean empty) {
    super.updateItem(item, empty);
    if (empty || item == null) {
      if (shown != null) {
        generation.incrementAndGet();
        shown = null;
        error = null;
        view.setImage(null);
        content.setVisible(false);
      }
      refreshSelection();
      return;
    }
    refreshSelection();
    if (item == shown) return;
    long g = generation.incrementAndGet();
    shown = item;
    error = null;
    content.setVisible(true);
    pseudoClassStateChanged(CORRECT, item.correct());
    pseudoClassStateChanged(WRONG, !item.correct());
    truth.setText(item.trueClass());
    prediction.setText(item.predicted() + " " + twoDecimals(item.confidence()));
    String cap = item.metadata().get(DrillItem.CAPTION);
    caption.setText(cap == null ? "" : cap);
    caption.setManaged(cap != null);
    caption.setVisible(cap != null);
    placeholder.setText("");
    ThumbnailService.Thumbnail known = thumbnails.cached(item.image());
    view.setImage(known != null && known.ok() ? known.image() : null);
    if (known != null && known.ok()) return;
    thumbnails.request(item.image(), () -> generation.get() == g, t -> {
      if (generation.get() != g) return;
      if (t.ok()) {
        view.setImage(t.image());
      } else {
        view.setImage(null);
        error = t.error();
        placeholder.setText("cannot show image");
      }
    });
  }

  /** {@code 0.87} without a Formatter (this runs per cell update). */
  static String twoDecimals(double v) {
    long h = Math.round(v * 100);
    long frac = Math.abs(h % 100);
    return (h < 0 ? "-" : "") + Math.abs(h / 100) + "." + (frac < 10 ? "0" : "") + frac;
  }

  /** Whether the cell shows a decoded thumbnail (tests). */
  boolean hasImage() {
    return view.getImage() != null;
  }

  /** The text under the broken-image placeholder, "" when none (tests). */
  String placeholderText() {
    return placeholder.getText();
  }

  /** The tooltip text for the item shown now (tests). */
  String tooltipText() {
    return shown == null ? "" : tipText(shown, error);
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
