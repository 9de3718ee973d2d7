package io.clipwb.app.view.corruption;

import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.drill.DrillRowSource;
import io.clipwb.app.drill.DrillRows;
import io.clipwb.app.drill.ThumbnailService;
import io.clipwb.core.eval.corruption.CorruptionGrid;
import io.clipwb.core.eval.corruption.CorruptionRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * One image's corruption × severity grid: a row per corruption, a column per severity, each tile
 * the corrupted version's thumbnail with every chosen model's prediction and confidence under it,
 * green when right and red when wrong; the tile's border is green when all models are right, red
 * when all are wrong, amber when they disagree. Built from the run folders: each model's
 * {@link CorruptionRun} through the core's {@link CorruptionGrid#forImage} (read off the FX thread
 * by {@link #load}, cached per run folder). Clicking a tile drills down into that image with the
 * first model's top-5.
 */
public final class CorruptionImageGrid extends GridPane {
  /** A model's grid of the image, with the image files of its rows. */
  public record ModelGrid(String model, Path runDir, CorruptionGrid.Grid grid, Map<Integer, Path> files) {}

  private static final Map<Path, CorruptionRun> RUNS = new ConcurrentHashMap<>();
  private final Consumer<DrillRequest> drill;
  private final List<VBox> tiles = new ArrayList<>();
  private String set = "";

  public CorruptionImageGrid(Consumer<DrillRequest> drill) {
    this.drill = drill;
    setHgap(6);
    setVgap(6);
    setPadding(new Insets(6));
    getStyleClass().add("corruption-grid");
  }

  /** A run folder's per-item predictions (cached; blocking, call off the FX thread). */
  static CorruptionRun run(Path runDir) {
    return RUNS.computeIfAbsent(runDir.toAbsolutePath().normalize(), CorruptionRun::read);
  }

  /** The image keys ({@code class/stem}) of a corrupted run, sorted (blocking). */
  public static List<String> imageKeys(Path runDir) {
    return CorruptionGrid.imageKeys(run(runDir).items());
  }

  /** Every model's grid of one image (blocking: run folders are read, then cached). */
  public static List<ModelGrid> load(Map<String, Path> runDirs, String imageKey) {
    List<ModelGrid> out = new ArrayList<>();
    for (Map.Entry<String, Path> e : runDirs.entrySet()) {
      CorruptionRun r = run(e.getValue());
      CorruptionGrid.Grid g = CorruptionGrid.forImage(r.items(), imageKey, r.predictions(), r.confidence(), r.correct());
      DrillRows rows = DrillRowSource.shared().rows(e.getValue()).join();
      Map<Integer, Path> files = new LinkedHashMap<>();
      for (CorruptionGrid.GridCell c : g.cells()) files.put(c.item(), rows.row(c.item()).image());
      out.add(new ModelGrid(e.getKey(), e.getValue(), g, files));
    }
    return out;
  }

  /** Shows the grids (FX thread); all grids are of the same image. */
  public void show(String setName, List<ModelGrid> grids) {
    this.set = setName;
    getChildren().clear();
    tiles.clear();
    if (grids.isEmpty()) {
      add(new Label("No model has a run of this set."), 0, 0);
      return;
    }
    ModelGrid first = grids.get(0);
    List<String> corruptions = new ArrayList<>(new TreeSet<>(first.grid().cells().stream().map(CorruptionGrid.GridCell::corruption).toList()));
    List<Integer> severities = new ArrayList<>(new TreeSet<>(first.grid().cells().stream().map(CorruptionGrid.GridCell::severity).toList()));
    for (int j = 0; j < severities.size(); j++) {
      Label h = new Label("severity " + severities.get(j));
      h.getStyleClass().add("grid-header");
      add(h, j + 1, 0);
    }
    for (int i = 0; i < corruptions.size(); i++) {
      Label h = new Label(corruptions.get(i));
      h.setMinWidth(90);
      h.getStyleClass().add("grid-header");
      add(h, 0, i + 1);
    }
    for (int k = 0; k < first.grid().cells().size(); k++) {
      CorruptionGrid.GridCell c = first.grid().cells().get(k);
      int col = severities.indexOf(c.severity()) + 1;
      int row = corruptions.indexOf(c.corruption()) + 1;
      add(tile(grids, k), col, row);
    }
  }

  private VBox tile(List<ModelGrid> grids, int k) {
    CorruptionGrid.GridCell c0 = grids.get(0).grid().cells().get(k);
    Path file = grids.get(0).files().get(c0.item());
    ImageView iv = new ImageView();
    iv.setFitWidth(112);
    iv.setFitHeight(112);
    iv.setPreserveRatio(true);
    VBox box = new VBox(2, iv);
    box.setAlignment(Pos.TOP_CENTER);
    box.setPadding(new Insets(3));
    int right = 0;
    StringBuilder tip = new StringBuilder(c0.corruption() + ", severity " + c0.severity() + "\n" + file);
    for (ModelGrid g : grids) {
      CorruptionGrid.GridCell c = g.grid().cells().stream()
          .filter(x -> x.corruption().equals(c0.corruption()) && x.severity() == c0.severity()).findFirst().orElse(null);
      if (c == null) continue;
      if (c.correct()) right++;
      String text = String.format(Locale.ROOT, "%s %.2f", c.prediction(), c.confidence());
      Label l = new Label(grids.size() > 1 ? shortName(g.model()) + ": " + text : text);
      l.setStyle("-fx-font-size: 10px; -fx-text-fill: " + (c.correct() ? "#1a7f37" : "#c62828") + ";");
      l.getStyleClass().add(c.correct() ? "pred-correct" : "pred-wrong");
      box.getChildren().add(l);
      tip.append('\n').append(g.model()).append(": ").append(text).append(c.correct() ? " (correct)" : " (wrong)");
    }
    String border = right == grids.size() ? "#1a7f37" : right == 0 ? "#c62828" : "#e69f00";
    box.setStyle("-fx-border-color: " + border + "; -fx-border-width: 3; -fx-background-color: white;");
    box.getStyleClass().add("grid-tile");
    Tooltip.install(box, new Tooltip(tip.toString()));
    ModelGrid g0 = grids.get(0);
    box.setOnMouseClicked(e -> drill.accept(new DrillRequest(String.format(Locale.ROOT, "%s / %s, %s severity %d: %s", g0.model(), set,
        c0.corruption(), c0.severity(), g0.grid().imageKey()), g0.model(), set, g0.runDir(), new int[] {c0.item()})));
    if (file != null) {
      ThumbnailService.shared().request(file, () -> true, t -> {
        if (t.ok()) {
          iv.setImage(t.image());
        } else {
          Label err = new Label("cannot show: " + t.error());
          err.setWrapText(true);
          err.setMaxWidth(112);
          box.getChildren().set(0, err);
        }
      });
    }
    tiles.add(box);
    return box;
  }

  /** "vit-default" for "sample-vit-default": the grid's lines stay short. */
  static String shortName(String model) {
    return model.startsWith("sample-") ? model.substring(7) : model;
  }

  /** The tiles shown now (tests click into them). */
  public List<VBox> tiles() {
    return List.copyOf(tiles);
  }
}
