package io.clipwb.app.drill;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.GridView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drill-down every view opens: a virtualised thumbnail grid of exactly the images behind an
 * aggregate (a bin, a cell, a point), with sort, filter, a cell-size slider and a detail view of
 * one image with its top-5 predictions.
 *
 * <p>Why a ControlsFX {@link GridView}: it is virtualised (a {@code VirtualFlow} of rows whose
 * cells are recycled), so 50,000 items cost a few dozen cells, not 50,000 nodes; the items are
 * plain records and thumbnails decode in the background ({@link ThumbnailService}). The rows are
 * resolved off the FX thread ({@link DrillRowSource}); until then the view says it is loading.
 *
 * <p>Keyboard: arrows move the selection, Home/End jump, Enter (or a double-click) opens the detail,
 * Esc closes it. The GridView has no selection model, so the view keeps the selected index itself.
 */
public class DrillDownView extends StackPane {
  private static final Logger LOG = LoggerFactory.getLogger(DrillDownView.class);
  private static final String CSS = Objects.requireNonNull(DrillDownView.class.getResource("drill.css")).toExternalForm();

  private final ThumbnailService thumbnails;
  private final BorderPane main = new BorderPane();
  private final GridView<DrillItem> grid = new GridView<>();
  private final ObservableList<DrillItem> shown = FXCollections.observableArrayList();
  private final Label title = new Label();
  private final Label summary = new Label();
  private final Label status = new Label();
  private final ComboBox<DrillQuery.Outcome> outcome = new ComboBox<>(FXCollections.observableArrayList(DrillQuery.Outcome.values()));
  private final ComboBox<DrillQuery.Order> order = new ComboBox<>(FXCollections.observableArrayList(DrillQuery.Order.values()));
  private final TextField classText = new TextField();
  private final DoubleProperty cellSize = new SimpleDoubleProperty(128);
  private final IntegerProperty selected = new SimpleIntegerProperty(-1);
  private final AtomicInteger cellsCreated = new AtomicInteger();
  private final CompletableFuture<List<DrillItem>> loaded = new CompletableFuture<>();
  private List<DrillItem> all = List.of();
  private ImageDetailView detail;

  /** Opens a request with the application-wide row source and thumbnail service. */
  public DrillDownView(DrillRequest request) {
    this(request, DrillRowSource.shared(), ThumbnailService.shared());
  }

  /** Opens a request: its rows are resolved in the background by {@code source}. */
  public DrillDownView(DrillRequest request, DrillRowSource source, ThumbnailService thumbnails) {
    this(request.title(), thumbnails, source.resolve(request));
    status.setText("Loading " + request.rows().length + " images of " + request.model() + " / " + request.set() + "\u2026");
  }

  /** Shows items that are already resolved (tests, benchmarks, views with their own rows). */
  public DrillDownView(String title, List<DrillItem> items, ThumbnailService thumbnails) {
    this(title, thumbnails, CompletableFuture.completedFuture(List.copyOf(items)));
  }

  private DrillDownView(String titleText, ThumbnailService thumbnails, CompletableFuture<List<DrillItem>> items) {
    this.thumbnails = thumbnails;
    getStylesheets().add(CSS);
    getStyleClass().add("drill-view");
    title.setText(titleText);
    title.getStyleClass().add("drill-title");
    summary.getStyleClass().add("drill-summary");
    status.getStyleClass().add("drill-status");
    status.setWrapText(true);
    buildGrid();
    main.setTop(buildHeader());
    main.setCenter(status);
    getChildren().add(main);
    addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE && detail != null) {
        closeDetail();
        e.consume();
      }
    });
    items.whenComplete((list, error) -> Platform.runLater(() -> {
      if (error != null) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        LOG.warn("drill-down '{}' failed", titleText, cause);
        status.setText("Cannot show the images: " + cause.getMessage());
        status.getStyleClass().add("drill-error");
        loaded.completeExceptionally(cause);
      } else {
        show(list);
        loaded.complete(list);
      }
    }));
  }

  /** Opens the drill-down of a request in its own window (owned by {@code owner}, may be null). */
  public static Stage openWindow(Window owner, DrillRequest request) {
    DrillDownView view = new DrillDownView(request);
    Stage stage = new Stage();
    if (owner != null) stage.initOwner(owner);
    stage.setTitle(request.title());
    stage.setScene(new Scene(view, 1000, 720));
    stage.show();
    return stage;
  }

  private void buildGrid() {
    grid.setId("drill-grid");
    grid.setItems(shown);
    grid.cellWidthProperty().bind(cellSize);
    grid.cellHeightProperty().bind(cellSize.add(ThumbnailCell.TEXT_HEIGHT));
    grid.setHorizontalCellSpacing(4);
    grid.setVerticalCellSpacing(4);
    grid.setFocusTraversable(true);
    ThumbnailCell.Host host = (index, clicks) -> {
      selected.set(index);
      grid.requestFocus();
      if (clicks == 2) openDetail(index);
    };
    grid.setCellFactory(g -> {
      cellsCreated.incrementAndGet();
      return new ThumbnailCell(thumbnails, cellSize, selected, host);
    });
    grid.addEventFilter(KeyEvent.KEY_PRESSED, this::onGridKey);
    grid.skinProperty().addListener(o -> fixRowHeight());
    cellSize.addListener(o -> fixRowHeight());
  }

  /*
   * Every grid row has the same height, so the flow is told so: without a fixed size, JavaFX's
   * VirtualFlow re-estimates its content height by filling a measuring row with items (and so
   * updating its cells) on every layout, which was a large share of the FX thread's time.
   */
  private void fixRowHeight() {
    VirtualFlow<?> f = flow();
    if (f != null) f.setFixedCellSize(grid.getCellHeight() + 2 * grid.getVerticalCellSpacing());
  }

  private Node buildHeader() {
    outcome.setId("drill-outcome");
    outcome.setValue(DrillQuery.Outcome.ALL);
    order.setId("drill-order");
    order.setValue(DrillQuery.Order.ROW);
    classText.setId("drill-class-filter");
    classText.setPromptText("class contains\u2026");
    classText.setPrefColumnCount(12);
    outcome.valueProperty().addListener(o -> applyQuery());
    order.valueProperty().addListener(o -> applyQuery());
    classText.textProperty().addListener(o -> applyQuery());
    Slider size = new Slider(64, 256, cellSize.get());
    size.setId("drill-size");
    size.setPrefWidth(120);
    size.valueProperty().bindBidirectional(cellSize);
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox tools = new HBox(8, label("Show"), outcome, label("Class"), classText, label("Sort"), order, grow, label("Size"), size);
    tools.setAlignment(Pos.CENTER_LEFT);
    Label legend = new Label("each image: true class (bold), prediction and its probability; green frame = correct, red = wrong");
    legend.getStyleClass().add("drill-legend");
    legend.setMinWidth(0);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    summary.setMinWidth(Region.USE_PREF_SIZE);
    HBox line = new HBox(12, summary, gap, legend);
    line.setAlignment(Pos.BASELINE_LEFT);
    VBox top = new VBox(4, title, line, tools);
    top.setPadding(new Insets(8, 10, 8, 10));
    top.getStyleClass().add("drill-header");
    return top;
  }

  private static Label label(String text) {
    Label l = new Label(text);
    l.setMinWidth(Region.USE_PREF_SIZE);
    return l;
  }

  private void show(List<DrillItem> items) {
    all = items;
    if (items.stream().anyMatch(i -> i.metadata().containsKey(DrillItem.CAPTION))) {
      grid.cellHeightProperty().bind(cellSize.add(ThumbnailCell.TEXT_HEIGHT + ThumbnailCell.CAPTION_HEIGHT));
      fixRowHeight();
    }
    main.setCenter(grid);
    applyQuery();
    grid.requestFocus();
  }

  private void applyQuery() {
    List<DrillItem> list = query().apply(all);
    selected.set(-1);
    shown.setAll(list);
    long correct = all.stream().filter(DrillItem::correct).count();
    String s = String.format(Locale.ROOT, "%,d images: %,d correct, %,d wrong", all.size(), correct, all.size() - correct);
    if (list.size() != all.size()) s += String.format(Locale.ROOT, " \u00b7 showing %,d", list.size());
    summary.setText(s);
    VirtualFlow<?> flow = flow();
    if (flow != null && !list.isEmpty()) flow.scrollTo(0);
  }

  /** The current sort and filter. */
  public DrillQuery query() {
    return new DrillQuery(outcome.getValue(), classText.getText(), order.getValue());
  }

  /** Sets the sort and filter (as if chosen in the controls). */
  public void setQuery(DrillQuery q) {
    outcome.setValue(q.outcome());
    classText.setText(q.classText());
    order.setValue(q.order());
  }

  private void onGridKey(KeyEvent e) {
    int n = shown.size();
    if (n == 0) return;
    int cur = selected.get();
    int perRow = Math.max(1, perRow());
    int next = switch (e.getCode()) {
      case LEFT -> cur - 1;
      case RIGHT -> cur + 1;
      case UP -> cur < 0 ? 0 : cur - perRow;
      case DOWN -> cur < 0 ? 0 : cur + perRow;
      case HOME -> 0;
      case END -> n - 1;
      case ENTER -> {
        if (cur >= 0) openDetail(cur);
        e.consume();
        yield Integer.MIN_VALUE;
      }
      default -> Integer.MIN_VALUE;
    };
    if (next == Integer.MIN_VALUE) return;
    e.consume();
    select(Math.max(0, Math.min(n - 1, next)));
  }

  /** Selects the shown item at {@code index} and scrolls it into view. */
  public void select(int index) {
    if (index < 0 || index >= shown.size()) return;
    selected.set(index);
    VirtualFlow<?> flow = flow();
    if (flow != null) flow.scrollTo(index / Math.max(1, perRow()));
  }

  private int perRow() {
    return grid.getSkin() instanceof impl.org.controlsfx.skin.GridViewSkin<?> s ? s.computeMaxCellsInRow() : 1;
  }

  /** The grid's virtual flow (rows of cells), or null before the grid has a skin. */
  public VirtualFlow<?> flow() {
    return (VirtualFlow<?>) grid.lookup(".virtual-flow");
  }

  /** Opens the detail view of the shown item at {@code index} over the grid. */
  public void openDetail(int index) {
    if (index < 0 || index >= shown.size()) return;
    selected.set(index);
    closeDetail();
    detail = new ImageDetailView(shown.get(index), thumbnails, this::closeDetail, step -> {
      int to = selected.get() + step;
      if (to >= 0 && to < shown.size()) {
        select(to);
        openDetail(to);
      }
    });
    getChildren().add(detail);
    detail.requestFocus();
  }

  /** Closes the detail view (if open) and gives the grid the focus back. */
  public void closeDetail() {
    if (detail == null) return;
    getChildren().remove(detail);
    detail = null;
    grid.requestFocus();
  }

  /** The open detail view, or null. */
  public ImageDetailView detail() {
    return detail;
  }

  /** The grid (for views that embed the drill-down and for tests). */
  public GridView<DrillItem> grid() {
    return grid;
  }

  /** The items shown, after sort and filter (FX thread). */
  public List<DrillItem> shownItems() {
    return shown;
  }

  /** All resolved items, as requested (FX thread). */
  public List<DrillItem> allItems() {
    return all;
  }

  /**
   * Completes (after the FX thread has put the items into the grid) when the rows are resolved,
   * exceptionally when the run folder cannot be read.
   */
  public CompletableFuture<List<DrillItem>> loaded() {
    return loaded;
  }

  /** The selected index in {@link #shownItems()} (-1 = none). */
  public ReadOnlyIntegerProperty selectedIndexProperty() {
    return selected;
  }

  /** The thumbnail size in pixels (the slider). */
  public DoubleProperty cellSizeProperty() {
    return cellSize;
  }

  /** How many grid cells the cell factory has built (virtualisation check). */
  public int cellsCreated() {
    return cellsCreated.get();
  }
}
