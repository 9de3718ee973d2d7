package io.clipwb.app.view.shapebias;

import io.clipwb.app.drill.ThumbnailService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;

/**
 * The cue-conflict stimulus browser: every stimulus of the set in a virtualised grid with its
 * shape and texture class and one coloured letter per model for its decision (S shape, T texture,
 * O other, = no conflict), filtered by up to two conditions such as "model A says texture, model B
 * says shape"; selecting a stimulus shows it large with its decisions and, where the data set has
 * them ({@link Companions}), its edge and silhouette versions side by side.
 */
final class StimulusBrowser extends BorderPane {
  private static final String ANY = "any";
  private static final List<String> OUTCOMES = List.of(ANY, "shape", "texture", "other");

  private final ComboBox<String> modelA = new ComboBox<>();
  private final ComboBox<String> outcomeA = new ComboBox<>(FXCollections.observableArrayList(OUTCOMES));
  private final ComboBox<String> modelB = new ComboBox<>();
  private final ComboBox<String> outcomeB = new ComboBox<>(FXCollections.observableArrayList(OUTCOMES));
  private final CheckBox conflictOnly = new CheckBox("conflict only");
  private final TextField classText = new TextField();
  private final Label count = new Label();
  private final ObservableList<Stimulus> shown = FXCollections.observableArrayList();
  private final GridView<Stimulus> grid = new GridView<>(shown);
  private final VBox detail = new VBox(6);
  private final ThumbnailService thumbnails = ThumbnailService.shared();
  private List<Stimulus> all = List.of();
  private List<String> models = List.of();

  StimulusBrowser() {
    setId("stimulus-browser");
    outcomeA.setValue(ANY);
    outcomeB.setValue(ANY);
    conflictOnly.setSelected(true);
    classText.setPromptText("shape or texture class\u2026");
    classText.setPrefColumnCount(10);
    modelA.setTooltip(new Tooltip("First condition: this model's decision"));
    modelB.setTooltip(new Tooltip("Second condition: this model's decision"));
    FlowPane tools = new FlowPane(8, 6, new Label("Model A"), modelA, new Label("says"), outcomeA, new Label("Model B"), modelB,
        new Label("says"), outcomeB, conflictOnly, classText, count);
    tools.setAlignment(Pos.CENTER_LEFT);
    tools.setPadding(new Insets(4, 6, 4, 6));
    Label legend = new Label("Each stimulus: shape / texture class, then each model's decision: S = shape, T = texture, O = other class,"
        + " = no conflict (shape and texture agree). Select one to see it large.");
    legend.setWrapText(true);
    legend.setPadding(new Insets(0, 6, 4, 6));
    setTop(new VBox(tools, legend));
    grid.setCellWidth(128);
    grid.setCellHeight(176);
    grid.setHorizontalCellSpacing(4);
    grid.setVerticalCellSpacing(4);
    grid.setCellFactory(g -> new Cell());
    detail.setPadding(new Insets(8));
    detail.setId("stimulus-detail");
    ScrollPane ds = new ScrollPane(detail);
    ds.setFitToWidth(true);
    SplitPane split = new SplitPane(grid, ds);
    split.setDividerPositions(0.62);
    setCenter(split);
    Runnable re = this::applyFilter;
    modelA.valueProperty().addListener(o -> re.run());
    modelB.valueProperty().addListener(o -> re.run());
    outcomeA.valueProperty().addListener(o -> re.run());
    outcomeB.valueProperty().addListener(o -> re.run());
    conflictOnly.selectedProperty().addListener(o -> re.run());
    classText.textProperty().addListener(o -> re.run());
    showDetail(null);
  }

  /** New stimuli and models (FX thread): keeps the filter where it still applies. */
  void set(List<Stimulus> stimuli, List<String> modelNames) {
    all = List.copyOf(stimuli);
    models = List.copyOf(modelNames);
    String a = modelA.getValue();
    String b = modelB.getValue();
    modelA.getItems().setAll(models);
    modelB.getItems().setAll(models);
    modelA.setValue(a != null && models.contains(a) ? a : models.isEmpty() ? null : models.get(0));
    modelB.setValue(b != null && models.contains(b) ? b : models.size() > 1 ? models.get(1) : modelA.getValue());
    applyFilter();
  }

  /** The filter the controls describe. */
  Stimulus.Filter filter() {
    return new Stimulus.Filter(modelA.getValue(), outcome(outcomeA), modelB.getValue(), outcome(outcomeB), conflictOnly.isSelected(),
        classText.getText());
  }

  /** Sets the controls to a filter (tests; models must be among the browser's). */
  void setFilter(Stimulus.Filter f) {
    modelA.setValue(f.modelA());
    outcomeA.setValue(f.outcomeA() == null ? ANY : f.outcomeA());
    modelB.setValue(f.modelB());
    outcomeB.setValue(f.outcomeB() == null ? ANY : f.outcomeB());
    conflictOnly.setSelected(f.conflictOnly());
    classText.setText(f.classText());
  }

  private static String outcome(ComboBox<String> box) {
    return box.getValue() == null || box.getValue().equals(ANY) ? null : box.getValue();
  }

  private void applyFilter() {
    List<Stimulus> f = filter().apply(all);
    shown.setAll(f);
    count.setText(f.size() + " of " + all.size() + " stimuli");
  }

  /** The stimuli shown now. */
  List<Stimulus> shown() {
    return List.copyOf(shown);
  }

  /** Shows one stimulus large with its decisions and companions (null: a hint). */
  void showDetail(Stimulus s) {
    detail.getChildren().clear();
    if (s == null) {
      detail.getChildren().add(new Label("Select a stimulus."));
      return;
    }
    Label head = new Label(s.imagename() + "  (row " + s.row() + ")");
    head.setStyle("-fx-font-weight: bold");
    Label classes = new Label("shape: " + s.shape() + "    texture: " + s.texture());
    HBox images = new HBox(8);
    images.getChildren().add(figure("Cue conflict", s.image()));
    Map<String, Path> comp = Companions.of(s.image());
    comp.forEach((label, p) -> images.getChildren().add(figure(label, p)));
    detail.getChildren().addAll(head, classes, images);
    if (comp.isEmpty()) detail.getChildren().add(new Label("No edge or silhouette stimuli next to this data set."));
    for (String m : models) {
      String o = s.outcomes().get(m);
      if (o == null) continue;
      Label l = new Label(m + ": " + s.responses().get(m) + "  (" + o + ")");
      l.setStyle("-fx-text-fill: " + css(o));
      detail.getChildren().add(l);
    }
  }

  private static VBox figure(String label, Path p) {
    ImageView v = new ImageView();
    v.setFitWidth(224);
    v.setFitHeight(224);
    v.setPreserveRatio(true);
    if (p != null) v.setImage(new Image(p.toUri().toString(), 224, 224, true, true, true));
    VBox b = new VBox(2, v, new Label(label));
    b.setAlignment(Pos.TOP_CENTER);
    return b;
  }

  static String letter(String outcome) {
    return switch (outcome) {
      case "shape" -> "S";
      case "texture" -> "T";
      case "no-conflict" -> "=";
      default -> "O";
    };
  }

  static String css(String outcome) {
    return switch (outcome) {
      case "shape" -> "#0072B2";
      case "texture" -> "#E69F00";
      case "no-conflict" -> "#999999";
      default -> "#555555";
    };
  }

  private final class Cell extends GridCell<Stimulus> {
    private final ImageView image = new ImageView();
    private final Label classes = new Label();
    private final HBox letters = new HBox(2);
    private final AtomicLong generation = new AtomicLong();

    Cell() {
      image.setFitWidth(120);
      image.setFitHeight(120);
      image.setPreserveRatio(true);
      classes.setStyle("-fx-font-size: 10px");
      letters.setAlignment(Pos.CENTER);
      VBox box = new VBox(2, image, classes, letters);
      box.setAlignment(Pos.TOP_CENTER);
      setGraphic(null);
      setOnMouseClicked(e -> {
        if (getItem() != null) showDetail(getItem());
      });
      this.box = box;
    }

    private final VBox box;

    @Override
    protected void updateItem(Stimulus s, boolean empty) {
      super.updateItem(s, empty);
      long gen = generation.incrementAndGet();
      if (empty || s == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      image.setImage(null);
      classes.setText(s.shape() + " / " + s.texture());
      List<Label> ls = new ArrayList<>();
      StringBuilder tip = new StringBuilder(s.imagename()).append("\nshape ").append(s.shape()).append(", texture ").append(s.texture());
      for (String m : models) {
        String o = s.outcomes().get(m);
        if (o == null) continue;
        Label l = new Label(letter(o));
        l.setStyle("-fx-font-weight: bold; -fx-font-size: 10px; -fx-text-fill: white; -fx-padding: 0 2 0 2; -fx-background-color: "
            + css(o));
        ls.add(l);
        tip.append('\n').append(m).append(": ").append(s.responses().get(m)).append(" (").append(o).append(')');
      }
      letters.getChildren().setAll(ls);
      setTooltip(new Tooltip(tip.toString()));
      setGraphic(box);
      if (s.image() != null) {
        thumbnails.request(s.image(), () -> generation.get() == gen, t -> {
          if (generation.get() == gen && t.ok()) image.setImage(t.image());
        });
      }
    }
  }
}
