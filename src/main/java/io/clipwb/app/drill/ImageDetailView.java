package io.clipwb.app.drill;

import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One image of a drill-down, large: the picture fitted to the window (EXIF orientation applied),
 * its path and metadata, and the top-5 predictions with their probabilities as bars, so a user can
 * see why the model got it right or wrong. The full image decodes in the background; the cached
 * thumbnail stands in until it arrives. Esc closes it, Left/Right step to the neighbouring item.
 */
public class ImageDetailView extends BorderPane {
  static final int MAX_SIDE = 2048;
  private static final double BAR_WIDTH = 150;

  private final DrillItem item;
  private final ImageView view = new ImageView();
  private final Label imageStatus = new Label();
  private volatile boolean open = true;

  /**
   * @param item the image
   * @param thumbnails decodes the full image (background) and supplies the stand-in thumbnail
   * @param onClose called by the close button and Esc
   * @param onStep called with -1 / +1 for the previous / next item
   */
  public ImageDetailView(DrillItem item, ThumbnailService thumbnails, Runnable onClose, IntConsumer onStep) {
    this.item = item;
    getStyleClass().add("drill-detail");
    setFocusTraversable(true);

    Label head = new Label(String.format(Locale.ROOT, "row %d \u00b7 true: %s \u00b7 predicted: %s (%.3f) \u00b7 %s",
        item.row(), item.trueClass(), item.predicted(), item.confidence(), item.correct() ? "correct" : "wrong"));
    head.getStyleClass().addAll("drill-detail-head", item.correct() ? "correct" : "wrong");
    head.setMinWidth(0);
    Button prev = new Button("\u25c0 Previous");
    prev.setOnAction(e -> onStep.accept(-1));
    Button next = new Button("Next \u25b6");
    next.setOnAction(e -> onStep.accept(1));
    Button close = new Button("Close (Esc)");
    close.setId("drill-detail-close");
    close.setOnAction(e -> onClose.run());
    for (Button b : new Button[] {prev, next, close}) {
      b.setFocusTraversable(false);
      b.setMinWidth(Region.USE_PREF_SIZE);
    }
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox top = new HBox(8, head, grow, prev, next, close);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(8, 10, 8, 10));
    setTop(top);

    view.setPreserveRatio(true);
    view.setSmooth(true);
    imageStatus.getStyleClass().add("drill-status");
    imageStatus.setWrapText(true);
    FitPane picture = new FitPane(view);
    StackPane center = new StackPane(picture, imageStatus);
    center.getStyleClass().add("drill-detail-image");
    center.setMinSize(0, 0);
    setCenter(center);
    setRight(side());

    ThumbnailService.Thumbnail t = thumbnails.cached(item.image());
    if (t != null && t.ok()) view.setImage(t.image());
    if (t != null && !t.ok()) {
      imageStatus.setText(t.error());
    } else {
      thumbnails.full(item.image(), MAX_SIDE).whenComplete((img, err) -> Platform.runLater(() -> {
        if (!open) return;
        if (err != null) {
          Throwable c = err.getCause() != null ? err.getCause() : err;
          imageStatus.setText(c.getMessage());
        } else {
          view.setImage(img);
        }
      }));
    }
    addEventHandler(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE) onClose.run();
      else if (e.getCode() == KeyCode.LEFT) onStep.accept(-1);
      else if (e.getCode() == KeyCode.RIGHT) onStep.accept(1);
      else return;
      e.consume();
    });
    sceneProperty().addListener((o, a, b) -> open = b != null);
  }

  private VBox side() {
    GridPane top = new GridPane();
    top.setHgap(6);
    top.setVgap(4);
    ColumnConstraints name = new ColumnConstraints();
    name.setMaxWidth(130);
    top.getColumnConstraints().addAll(name, new ColumnConstraints(BAR_WIDTH), new ColumnConstraints());
    int r = 0;
    for (DrillItem.ClassProb p : item.top5()) {
      Label cls = new Label(p.name());
      cls.getStyleClass().add("drill-top-class");
      Region bar = new Region();
      bar.getStyleClass().add(p.name().equals(item.trueClass()) ? "drill-bar-true" : "drill-bar");
      bar.setMinWidth(Math.max(1, p.probability() * BAR_WIDTH));
      bar.setMaxWidth(Math.max(1, p.probability() * BAR_WIDTH));
      bar.setMinHeight(14);
      StackPane track = new StackPane(bar);
      track.getStyleClass().add("drill-bar-track");
      StackPane.setAlignment(bar, Pos.CENTER_LEFT);
      Label prob = new Label(String.format(Locale.ROOT, "%.3f", p.probability()));
      prob.getStyleClass().add("drill-top-prob");
      top.addRow(r++, cls, track, prob);
    }
    GridPane meta = new GridPane();
    meta.setHgap(8);
    meta.setVgap(2);
    int m = 0;
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(item.metadata()).entrySet()) {
      Label k = new Label(e.getKey());
      k.getStyleClass().add("drill-meta-key");
      k.setMinWidth(Region.USE_PREF_SIZE);
      Label v = new Label(e.getValue());
      v.setWrapText(true);
      v.setMaxWidth(160);
      meta.addRow(m++, k, v);
    }
    ScrollPane metaScroll = new ScrollPane(meta);
    metaScroll.setFitToWidth(true);
    metaScroll.getStyleClass().add("drill-meta");
    VBox.setVgrow(metaScroll, Priority.ALWAYS);
    TextField path = new TextField(item.image().toString());
    path.setEditable(false);
    path.setFocusTraversable(false);
    path.setTooltip(new javafx.scene.control.Tooltip(item.image().toString()));
    Platform.runLater(path::end); // the file name, not the folders, when it does not fit
    VBox side = new VBox(6, section("Top-5 predictions"), top, section("Image"), path, section("Metadata"), metaScroll);
    side.setPadding(new Insets(8, 10, 10, 10));
    side.setPrefWidth(360);
    side.setMinWidth(300);
    side.getStyleClass().add("drill-detail-side");
    return side;
  }

  private static Label section(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("drill-section");
    return l;
  }

  /** The item shown. */
  public DrillItem item() {
    return item;
  }

  /** The image on screen (the thumbnail until the full image has decoded; null if none). */
  public Image image() {
    return view.getImage();
  }

  /** An image fitted into whatever space the layout gives, centred; it never asks for more. */
  private static final class FitPane extends Region {
    private final ImageView view;

    FitPane(ImageView view) {
      this.view = view;
      getChildren().add(view);
      setMinSize(0, 0);
    }

    @Override
    protected double computePrefWidth(double h) {
      return 200;
    }

    @Override
    protected double computePrefHeight(double w) {
      return 200;
    }

    @Override
    protected void layoutChildren() {
      double w = Math.max(1, getWidth() - 16);
      double h = Math.max(1, getHeight() - 16);
      Image im = view.getImage();
      if (im != null) {
        double s = Math.min(w / im.getWidth(), h / im.getHeight());
        view.setSmooth(s < 2); // enlarged small images show their pixels, not a blur
        view.setFitWidth(im.getWidth() * s);
        view.setFitHeight(im.getHeight() * s);
      }
      double vw = view.prefWidth(-1);
      double vh = view.prefHeight(-1);
      view.relocate((getWidth() - vw) / 2, (getHeight() - vh) / 2);
    }
  }
}
