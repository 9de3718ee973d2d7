package io.clipwb.app.view.retrieval;

import io.clipwb.app.drill.ThumbnailService;
import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureDialogs;
import io.clipwb.app.view.FigureTab;
import io.clipwb.app.view.ViewControls;
import io.clipwb.core.eval.retrieval.CaptionSet;
import io.clipwb.core.eval.retrieval.Retrieval;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRetrieval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * Image–text retrieval of a project: Recall@1/5/10 per model in both directions (bars from
 * {@link RetrievalChart}, the figures {@code clipwb figures} writes; click a model's bars to browse
 * its queries), and a query browser: pick a caption to see its top-k images, or an image to see its
 * top-k captions, each hit numbered by rank and the ground truth marked (green frame and "✓"); when
 * the ground truth is not among the k, its rank is said. Everything comes from the report (the
 * ranks and kept best candidates of {@code Retrieval.Result}); no model is loaded.
 */
public final class RetrievalView extends BorderPane implements FigureTab {
  /** One entry of the query list: a caption (text→image) or an image (image→text) row. */
  public record Query(int row, String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private final Workbench wb;
  private final ComboBox<String> set = new ComboBox<>();
  private final ComboBox<String> model = new ComboBox<>();
  private final RadioButton byCaption = new RadioButton("caption → images");
  private final RadioButton byImage = new RadioButton("image → captions");
  private final Spinner<Integer> k = new Spinner<>(1, ProjectRetrieval.KEEP_TOP, 5);
  private final HBox charts = new HBox(6);
  private final ListView<Query> queries = new ListView<>();
  private final FlowPane hits = new FlowPane(8, 8);
  private final Label queryLabel = new Label();
  private final List<ChartViewer> viewers = new ArrayList<>();
  private JFreeChart focused;
  private boolean updating;

  public RetrievalView(Workbench wb) {
    this.wb = wb;
    setId("retrieval-view");
    ToggleGroup g = new ToggleGroup();
    byCaption.setToggleGroup(g);
    byImage.setToggleGroup(g);
    byCaption.setSelected(true);
    k.setPrefWidth(70);
    k.setTooltip(new Tooltip("How many best candidates to show (the report keeps " + ProjectRetrieval.KEEP_TOP + ")"));
    FlowPane controls = ViewControls.bar(new Label("Caption set"), set, new Label("Model"), model, byCaption, byImage,
        new Label("k"), k);
    controls.setPadding(new Insets(6));
    setTop(controls);
    charts.setPadding(new Insets(6));
    charts.setMinHeight(260);
    queries.setId("retrieval-queries");
    queries.setPrefWidth(380);
    hits.setId("retrieval-hits");
    hits.setPadding(new Insets(6));
    queryLabel.setWrapText(true);
    queryLabel.getStyleClass().add("view-subtitle");
    VBox right = new VBox(6, queryLabel, hits);
    right.setPadding(new Insets(6));
    ScrollPane hitScroll = new ScrollPane(right);
    hitScroll.setFitToWidth(true);
    SplitPane browser = new SplitPane(queries, hitScroll);
    browser.setDividerPositions(0.35);
    SplitPane main = new SplitPane(charts, browser);
    main.setOrientation(Orientation.VERTICAL);
    main.setDividerPositions(0.45);
    setCenter(main);
    set.valueProperty().addListener((o, a, b) -> redraw());
    model.valueProperty().addListener((o, a, b) -> fillQueries());
    g.selectedToggleProperty().addListener((o, a, b) -> fillQueries());
    k.valueProperty().addListener((o, a, b) -> showHits());
    queries.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showHits());
    ViewControls.followReport(wb, q -> updating = q, this::refill, this::redraw);
  }

  /** Refills the pickers from a new report (null: none), their listeners silenced. */
  private void refill(ProjectReport r) {
    List<String> sets = r == null ? List.of() : RetrievalChart.sets(r);
    ViewControls.refill(set, sets);
  }

  private void redraw() {
    if (updating) return;
    ProjectReport r = wb.reportProperty().get();
    String s = set.getValue();
    charts.getChildren().clear();
    viewers.clear();
    focused = null;
    if (r == null || s == null) {
      charts.getChildren().add(new Label(r == null ? ViewControls.NO_RESULTS
          : "No caption set was scored: add a set with role \"captions\" and a \"captions\" file, then run the project."));
      model.getItems().clear();
      fillQueries();
      return;
    }
    List<ProjectReport.ModelReport> ms = RetrievalChart.modelsWith(r, s);
    FigureStyle style = wb.preferencesProperty().get().figureStyle();
    for (RetrievalChart.Direction d : RetrievalChart.Direction.values()) {
      JFreeChart chart = RetrievalChart.create(s, d, ms, style);
      ChartViewer v = new ChartViewer(chart, false);
      v.setPrefSize(520, 300);
      v.setMinSize(260, 200);
      v.getStyleClass().add("retrieval-chart");
      v.addChartMouseListener(new ChartMouseListenerFX() {
        @Override
        public void chartMouseClicked(ChartMouseEventFX e) {
          focused = chart;
          String m = RetrievalChart.modelAt(e.getEntity());
          if (m != null) {
            model.setValue(m);
            if (d == RetrievalChart.Direction.IMAGE_TO_TEXT) byImage.setSelected(true);
            else byCaption.setSelected(true);
          }
        }

        @Override
        public void chartMouseMoved(ChartMouseEventFX e) {}
      });
      HBox.setHgrow(v, javafx.scene.layout.Priority.ALWAYS);
      charts.getChildren().add(v);
      viewers.add(v);
      if (focused == null) focused = chart;
    }
    ViewControls.refill(model, ms.stream().map(ProjectReport.ModelReport::model).toList());
    fillQueries();
  }

  private ProjectRetrieval.Eval current() {
    ProjectReport r = wb.reportProperty().get();
    if (r == null || set.getValue() == null || model.getValue() == null) return null;
    return r.models().stream().filter(m -> m.model().equals(model.getValue())).findFirst()
        .map(m -> m.retrieval().get(set.getValue())).orElse(null);
  }

  private void fillQueries() {
    ProjectRetrieval.Eval e = current();
    List<Query> qs = new ArrayList<>();
    if (e != null) {
      CaptionSet cs = e.captions();
      if (byCaption.isSelected()) {
        for (int t = 0; t < cs.captions().size(); t++) qs.add(new Query(t, cs.captions().get(t)));
      } else {
        for (int i = 0; i < cs.images().size(); i++) qs.add(new Query(i, cs.images().get(i)));
      }
    }
    int sel = queries.getSelectionModel().getSelectedIndex();
    queries.getItems().setAll(qs);
    if (!qs.isEmpty()) queries.getSelectionModel().select(Math.max(0, Math.min(sel, qs.size() - 1)));
    showHits();
  }

  /** Shows the selected query's top-k candidates, the ground truth marked. */
  private void showHits() {
    hits.getChildren().clear();
    ProjectRetrieval.Eval e = current();
    Query q = queries.getSelectionModel().getSelectedItem();
    if (e == null || q == null) {
      queryLabel.setText(e == null ? "" : "Pick a query.");
      return;
    }
    int kk = k.getValue();
    CaptionSet cs = e.captions();
    if (byCaption.isSelected()) {
      Retrieval.Direction d = e.result().textToImage();
      int own = cs.textToImage()[q.row()];
      int[] top = d.top()[q.row()];
      int rank = d.ranks()[q.row()];
      queryLabel.setText(String.format(Locale.ROOT, "Caption %d: \"%s\" — its image %s is at rank %d%s", q.row(), q.text(),
          cs.images().get(own), rank, rank > kk ? " (not among the top " + kk + ")" : ""));
      for (int j = 0; j < Math.min(kk, top.length); j++) {
        hits.getChildren().add(imageHit(j + 1, e, top[j], top[j] == own));
      }
    } else {
      Retrieval.Direction d = e.result().imageToText();
      int[] own = cs.imageToTexts()[q.row()];
      int[] top = d.top()[q.row()];
      int rank = d.ranks()[q.row()];
      VBox list = new VBox(4);
      for (int j = 0; j < Math.min(kk, top.length); j++) {
        boolean truth = contains(own, top[j]);
        Label l = new Label((j + 1) + ". " + (truth ? "✓ " : "") + cs.captions().get(top[j]));
        l.setWrapText(true);
        l.getStyleClass().addAll("retrieval-hit", truth ? "retrieval-truth" : "retrieval-other");
        l.setStyle(truth ? "-fx-text-fill: #1a7f37; -fx-font-weight: bold;" : "");
        l.setUserData(top[j]);
        list.getChildren().add(l);
      }
      queryLabel.setText(String.format(Locale.ROOT, "Image %d: %s — %d caption(s); the best-placed is at rank %d%s", q.row(),
          cs.images().get(q.row()), own.length, rank, rank > kk ? " (not among the top " + kk + ")" : ""));
      VBox queryImage = new VBox(4, thumbnail(e.imagePath(q.row())), new Label("query"));
      queryImage.setAlignment(Pos.TOP_CENTER);
      HBox row = new HBox(12, queryImage, list);
      hits.getChildren().add(row);
    }
  }

  private Node imageHit(int rank, ProjectRetrieval.Eval e, int image, boolean truth) {
    Label caption = new Label(rank + ". " + (truth ? "✓ ground truth" : e.captions().images().get(image)));
    caption.setMaxWidth(140);
    caption.setStyle(truth ? "-fx-text-fill: #1a7f37; -fx-font-weight: bold;" : "");
    VBox box = new VBox(3, thumbnail(e.imagePath(image)), caption);
    box.setAlignment(Pos.TOP_CENTER);
    box.setPadding(new Insets(3));
    box.getStyleClass().addAll("retrieval-hit", truth ? "retrieval-truth" : "retrieval-other");
    box.setStyle(truth ? "-fx-border-color: #1a7f37; -fx-border-width: 3;" : "-fx-border-color: #cccccc; -fx-border-width: 1;");
    box.setUserData(image);
    Tooltip.install(box, new Tooltip(e.imagePath(image).toString()));
    return box;
  }

  private static Node thumbnail(Path file) {
    ImageView iv = new ImageView();
    iv.setFitWidth(128);
    iv.setFitHeight(128);
    iv.setPreserveRatio(true);
    ThumbnailService.shared().request(file, () -> true, t -> {
      if (t.ok()) iv.setImage(t.image());
    });
    return iv;
  }

  private static boolean contains(int[] v, int x) {
    for (int y : v) if (y == x) return true;
    return false;
  }

  /** The candidate rows shown now (image or caption indices, best first) and which are ground truth (tests). */
  public List<int[]> shownHits() {
    List<int[]> out = new ArrayList<>();
    hits.lookupAll(".retrieval-hit").forEach(n -> out.add(new int[] {(Integer) n.getUserData(),
        n.getStyleClass().contains("retrieval-truth") ? 1 : 0}));
    return out;
  }

  /** The query list (tests click into it). */
  public ListView<Query> queries() {
    return queries;
  }

  /** Selects the model and direction (tests). */
  public void show(String modelName, boolean captionToImages) {
    model.setValue(modelName);
    (captionToImages ? byCaption : byImage).setSelected(true);
  }

  public void setK(int value) {
    k.getValueFactory().setValue(value);
  }

  /** The chart viewers shown now. */
  public List<ChartViewer> viewers() {
    return List.copyOf(viewers);
  }

  /** Exports the focused chart (blocking). */
  public void export(Path file, FigureFormat format) {
    if (focused == null) throw new IllegalStateException("no chart to export");
    FigureExport.write(focused, file, format, wb.preferencesProperty().get().figureStyle());
  }

  @Override
  public void exportFigure() {
    if (focused == null) return;
    FigureDialogs.export(this, wb, "retrieval", this::export);
  }

  @Override
  public void copyFigure() {
    FigureDialogs.copy(wb, focused);
  }
}
