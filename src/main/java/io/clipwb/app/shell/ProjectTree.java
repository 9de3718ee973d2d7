package io.clipwb.app.shell;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.state.ProjectFile;

import io.clipwb.app.state.ProjectService;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ModelCard;
import io.clipwb.core.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;

/**
 * The project tree on the left: models (with their six-factor model card), data sets (role,
 * classes, images, a few thumbnails) and runs (complete or missing per model x set, images from the
 * cache vs computed), with a property sheet of the selected entry below. Cards and image counts are
 * read in the background (a bundle load hashes its tower files); the selection is checked again
 * before a late result is shown. Context menus run, re-run, reveal or remove an entry.
 */
public final class ProjectTree extends SplitPane {
  /** What a tree node stands for. */
  public record Entry(String kind, String model, String set, String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private final Workbench wb;
  private final BiConsumer<List<String>, List<String>> runAction;
  private final TreeView<Entry> tree = new TreeView<>();
  private final PropertySheet sheet = new PropertySheet();
  private final FlowPane thumbs = new FlowPane(4, 4);
  private final Label detailTitle = new Label();

  /**
   * @param runAction opens the run dialog pre-selected on (models, sets); empty lists mean all
   */
  public ProjectTree(Workbench wb, BiConsumer<List<String>, List<String>> runAction) {
    this.wb = wb;
    this.runAction = runAction;
    setOrientation(Orientation.VERTICAL);
    tree.setId("project-tree");
    tree.setShowRoot(true);
    tree.setCellFactory(v -> new EntryCell());
    sheet.setModeSwitcherVisible(false);
    sheet.setSearchBoxVisible(false);
    sheet.setMode(PropertySheet.Mode.CATEGORY);
    detailTitle.getStyleClass().add("section-title");
    VBox details = new VBox(4, detailTitle, thumbs, sheet);
    details.setPadding(new Insets(4));
    VBox.setVgrow(sheet, javafx.scene.layout.Priority.ALWAYS);
    getItems().addAll(tree, details);
    setDividerPositions(0.55);
    wb.projectProperty().addListener((o, a, b) -> rebuild());
    wb.runStatusProperty().addListener((o, a, b) -> {
      if (!java.util.Objects.equals(a, b)) rebuild();
    });
    wb.outputsProperty().addListener((o, a, b) -> rebuild());
    tree.getSelectionModel().selectedItemProperty().addListener((ObservableValue<? extends TreeItem<Entry>> o, TreeItem<Entry> a,
        TreeItem<Entry> b) -> showDetails(b == null ? null : entryOf(b)));
    rebuild();
  }

  /** The tree (tests look into it). */
  public TreeView<Entry> tree() {
    return tree;
  }

  private void rebuild() {
    Project p = wb.projectProperty().get();
    Entry selected = tree.getSelectionModel().getSelectedItem() == null ? null : entryOf(tree.getSelectionModel().getSelectedItem());
    if (p == null) {
      tree.setRoot(new TreeItem<>(new Entry("none", null, null, "No project: File ▸ Open… or drop a folder here")));
      return;
    }
    TreeItem<Entry> root = new Row(new Entry("project", null, null, p.name()));
    root.setExpanded(true);
    TreeItem<Entry> models = new Row(new Entry("models", null, null, "Models (" + p.bundles().size() + ")"));
    models.setExpanded(true);
    for (Project.BundleEntry b : p.bundles()) models.getChildren().add(new Row(new Entry("model", b.name(), null, b.name())));
    TreeItem<Entry> sets = new Row(new Entry("sets", null, null, "Data sets (" + p.datasets().size() + ")"));
    sets.setExpanded(true);
    for (Project.DataSetEntry d : p.datasets()) {
      sets.getChildren().add(new Row(new Entry("set", null, d.name(), d.name() + "  ·  " + d.role())));
    }
    List<ProjectService.PairStatus> st = wb.runStatusProperty().get();
    long complete = st.stream().filter(ProjectService.PairStatus::complete).count();
    TreeItem<Entry> runs = new Row(new Entry("runs", null, null, "Runs (" + complete + " of " + st.size() + " complete)"));
    for (Project.BundleEntry b : p.bundles()) {
      List<ProjectService.PairStatus> mine = st.stream().filter(s -> s.model().equals(b.name())).toList();
      long c = mine.stream().filter(ProjectService.PairStatus::complete).count();
      TreeItem<Entry> m = new Row(new Entry("runs-model", b.name(), null, b.name() + "  (" + c + "/" + mine.size() + ")"));
      for (ProjectService.PairStatus s : mine) {
        String t = s.set() + (s.complete() ? "  ✓" : "  · missing")
            + (s.complete() && s.images() >= 0 ? String.format(Locale.ROOT, "  (%d cached, %d computed)", s.fromCache(), s.computed()) : "");
        m.getChildren().add(new Row(new Entry("run", b.name(), s.set(), t)));
      }
      runs.getChildren().add(m);
    }
    root.getChildren().addAll(List.of(models, sets, runs));
    TreeItem<Entry> old = tree.getRoot();
    if (old != null && sameShape(old, root)) {
      // a run's progress changes only texts: update the rows in place (no new cells, no CSS pass over the tree)
      copyValues(root, old);
      TreeItem<Entry> sel = tree.getSelectionModel().getSelectedItem();
      if (sel != null && selected != null && !entryOf(sel).equals(selected)) showDetails(entryOf(sel));
      return;
    }
    tree.setRoot(root);
    if (selected != null) reselect(root, selected);
  }

  private static boolean sameShape(TreeItem<Entry> a, TreeItem<Entry> b) {
    Entry x = a.getValue();
    Entry y = b.getValue();
    if (!x.kind().equals(y.kind()) || !java.util.Objects.equals(x.model(), y.model()) || !java.util.Objects.equals(x.set(), y.set())
        || a.getChildren().size() != b.getChildren().size()) {
      return false;
    }
    for (int i = 0; i < a.getChildren().size(); i++) if (!sameShape(a.getChildren().get(i), b.getChildren().get(i))) return false;
    return true;
  }

  private static void copyValues(TreeItem<Entry> from, TreeItem<Entry> to) {
    Entry now = from.getValue();
    if (!entryOf(to).equals(now)) {
      if (to instanceof Row r) r.shown.set(now);
      else to.setValue(now);
    }
    for (int i = 0; i < from.getChildren().size(); i++) copyValues(from.getChildren().get(i), to.getChildren().get(i));
  }

  private void reselect(TreeItem<Entry> item, Entry e) {
    Entry v = item.getValue();
    if (v.kind().equals(e.kind()) && java.util.Objects.equals(v.model(), e.model()) && java.util.Objects.equals(v.set(), e.set())) {
      tree.getSelectionModel().select(item);
      return;
    }
    for (TreeItem<Entry> c : item.getChildren()) reselect(c, e);
  }

  private void showDetails(Entry e) {
    sheet.getItems().clear();
    thumbs.getChildren().clear();
    detailTitle.setText(e == null ? "" : e.text());
    Project p = wb.projectProperty().get();
    if (e == null || p == null) return;
    switch (e.kind()) {
      case "model" -> p.bundles().stream().filter(b -> b.name().equals(e.model())).findFirst().ifPresent(b -> showModel(e, b));
      case "set" -> p.datasets().stream().filter(d -> d.name().equals(e.set())).findFirst().ifPresent(d -> showSet(e, d));
      case "run" -> showRun(e);
      default -> sheet.getItems().add(new ReadOnlyItem("Project", "Outputs", String.valueOf(wb.outputsProperty().get())));
    }
  }

  private boolean stillSelected(Entry e) {
    TreeItem<Entry> s = tree.getSelectionModel().getSelectedItem();
    return s != null && entryOf(s).equals(e);
  }

  private void showModel(Entry e, Project.BundleEntry b) {
    sheet.getItems().add(new ReadOnlyItem("Project", "Folder", b.path().toString()));
    b.factors().forEach((k, v) -> sheet.getItems().add(new ReadOnlyItem("Project factors", k, v)));
    wb.jobs().background().execute(() -> {
      try {
        Bundle bundle = ProjectService.loadBundle(b.path());
        Platform.runLater(() -> {
          if (!stillSelected(e)) return;
          ModelCard c = bundle.card();
          String cat = "Model card (six factors)";
          sheet.getItems().addAll(List.of(new ReadOnlyItem(cat, "Architecture", c.architectureFamily() + " · " + c.architectureName()),
              new ReadOnlyItem(cat, "Training data", c.trainingData()),
              new ReadOnlyItem(cat, "Training samples", String.format(Locale.ROOT, "%,d", c.trainingSamples())),
              new ReadOnlyItem(cat, "Fine-tuning", c.fineTuning()), new ReadOnlyItem(cat, "Loss", c.loss()),
              new ReadOnlyItem(cat, "Prompts", c.prompts()),
              new ReadOnlyItem("Files", "Image tower", bundle.imageEncoder().getFileName().toString()),
              new ReadOnlyItem("Files", "Text tower", bundle.textEncoder().getFileName().toString()),
              new ReadOnlyItem("Files", "Embedding", bundle.embedDim() + " dims, logit scale " + bundle.logitScale()),
              new ReadOnlyItem("Files", "Fingerprint", bundle.fingerprint())));
        });
      } catch (RuntimeException ex) {
        Platform.runLater(() -> {
          if (stillSelected(e)) sheet.getItems().add(new ReadOnlyItem("Model card", "Error", ex.getMessage()));
        });
      }
    });
  }

  private void showSet(Entry e, Project.DataSetEntry d) {
    sheet.getItems().addAll(List.of(new ReadOnlyItem("Data set", "Role", d.role()),
        new ReadOnlyItem("Data set", "Manifest", d.manifest().toString())));
    if (d.classSubset() != null) sheet.getItems().add(new ReadOnlyItem("Data set", "Class subset", d.classSubset().toString()));
    wb.jobs().background().execute(() -> {
      try {
        Dataset ds = ProjectService.openDataset(d.manifest());
        List<Path> first = new ArrayList<>();
        for (int i = 0; i < ds.items().size() && first.size() < 4; i += Math.max(1, ds.items().size() / 4)) first.add(ds.items().get(i).path());
        Platform.runLater(() -> {
          if (!stillSelected(e)) return;
          sheet.getItems().addAll(List.of(new ReadOnlyItem("Data set", "Images", String.format(Locale.ROOT, "%,d", ds.items().size())),
              new ReadOnlyItem("Data set", "Classes", ds.classes().size() + ": " + abbreviate(String.join(", ", ds.classes().names()))),
              new ReadOnlyItem("Data set", "Layout", ds.layout())));
          for (Path f : first) {
            ImageView iv = new ImageView(new Image(f.toUri().toString(), 72, 72, true, true, true));
            thumbs.getChildren().add(iv);
          }
        });
      } catch (RuntimeException ex) {
        Platform.runLater(() -> {
          if (stillSelected(e)) sheet.getItems().add(new ReadOnlyItem("Data set", "Error", ex.getMessage()));
        });
      }
    });
  }

  private void showRun(Entry e) {
    wb.runStatusProperty().get().stream().filter(s -> s.model().equals(e.model()) && s.set().equals(e.set())).findFirst().ifPresent(s -> {
      sheet.getItems().addAll(List.of(new ReadOnlyItem("Run", "Status", s.complete() ? "complete" : "missing"),
          new ReadOnlyItem("Run", "Folder", runDir(e).toString())));
      if (s.images() >= 0) {
        sheet.getItems().addAll(List.of(new ReadOnlyItem("Run", "Images", String.valueOf(s.images())),
            new ReadOnlyItem("Run", "From cache", String.valueOf(s.fromCache())), new ReadOnlyItem("Run", "Computed", String.valueOf(s.computed()))));
      }
    });
  }

  private Path runDir(Entry e) {
    return io.clipwb.core.project.ProjectRun.runDir(wb.outputsProperty().get(), e.model(), e.set());
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 117) + "…" : s;
  }

  private ContextMenu menuFor(Entry e) {
    Project p = wb.projectProperty().get();
    List<MenuItem> items = new ArrayList<>();
    switch (e.kind()) {
      case "model" -> {
        items.add(item("Run this model…", () -> runAction.accept(List.of(e.model()), List.of())));
        items.add(item("Reveal folder", () -> reveal(p.bundles().stream().filter(b -> b.name().equals(e.model())).findFirst().map(Project.BundleEntry::path))));
        items.add(item("Remove from project", () -> remove(e.model())));
      }
      case "set" -> {
        items.add(item("Run this set…", () -> runAction.accept(List.of(), List.of(e.set()))));
        items.add(item("Reveal folder", () -> reveal(p.datasets().stream().filter(d -> d.name().equals(e.set())).findFirst()
            .map(d -> java.nio.file.Files.isDirectory(d.manifest()) ? d.manifest() : d.manifest().getParent()))));
        items.add(item("Remove from project", () -> remove(e.set())));
      }
      case "run", "runs-model" -> {
        items.add(item("Re-run…", () -> runAction.accept(List.of(e.model()), e.set() == null ? List.of() : List.of(e.set()))));
        items.add(item("Reveal folder", () -> reveal(Optional.of(e.set() == null ? runDir(e).getParent() : runDir(e)))));
      }
      default -> items.add(item("Run all…", () -> runAction.accept(List.of(), List.of())));
    }
    return new ContextMenu(items.toArray(MenuItem[]::new));
  }

  private static MenuItem item(String text, Runnable r) {
    MenuItem m = new MenuItem(text);
    m.setOnAction(ev -> r.run());
    return m;
  }

  private void remove(String name) {
    ProjectFile pf = wb.projectFileProperty().get();
    if (pf == null) return;
    pf.remove(name);
    wb.projectEdited();
  }

  /** Opens the folder in the desktop's file manager when there is one, else copies its path. */
  void reveal(Optional<Path> dir) {
    if (dir.isEmpty()) return;
    Path d = dir.get();
    boolean desktop = !java.awt.GraphicsEnvironment.isHeadless() && java.awt.Desktop.isDesktopSupported()
        && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.OPEN);
    if (desktop) {
      wb.jobs().background().execute(() -> {
        try {
          java.awt.Desktop.getDesktop().open(d.toFile());
        } catch (Exception ex) {
          wb.errors().notifyError("Cannot open " + d, ex);
        }
      });
    } else {
      ClipboardContent c = new ClipboardContent();
      c.putString(d.toString());
      Clipboard.getSystemClipboard().setContent(c);
    }
  }

  /**
   * A tree row whose text can change in place. Its value (kind, model, set and the first text) never
   * changes: a {@code TreeItem} value change makes {@code TreeView} rebuild every cell, which dirties
   * more nodes than JavaFX tracks one by one and repaints the whole window (about 100 ms with the
   * software renderer), at every pair a run finishes. The cell shows {@link #shown} instead.
   */
  static final class Row extends TreeItem<Entry> {
    final javafx.beans.property.ObjectProperty<Entry> shown;

    Row(Entry e) {
      super(e);
      shown = new javafx.beans.property.SimpleObjectProperty<>(e);
    }
  }

  /** What a row shows now (its current text). */
  static Entry entryOf(TreeItem<Entry> item) {
    return item instanceof Row r ? r.shown.get() : item.getValue();
  }

  private final class EntryCell extends TreeCell<Entry> {
    private Row bound;
    private final javafx.beans.value.ChangeListener<Entry> onChange = (o, a, b) -> show(b);

    EntryCell() {
      // the menu is built when asked for: a ContextMenu per cell per update costs a popup scene each
      setOnContextMenuRequested(ev -> {
        Entry e = getTreeItem() == null ? null : entryOf(getTreeItem());
        if (isEmpty() || e == null || wb.projectProperty().get() == null) return;
        menuFor(e).show(this, ev.getScreenX(), ev.getScreenY());
        ev.consume();
      });
    }

    @Override
    protected void updateItem(Entry e, boolean empty) {
      super.updateItem(e, empty);
      if (bound != null) bound.shown.removeListener(onChange);
      bound = !empty && getTreeItem() instanceof Row r ? r : null;
      if (bound != null) bound.shown.addListener(onChange);
      show(empty ? null : bound != null ? bound.shown.get() : e);
    }

    private void show(Entry e) {
      setText(e == null ? null : e.text());
      getStyleClass().removeAll("run-missing", "run-complete");
      if (e != null && e.kind().equals("run")) getStyleClass().add(e.text().contains("✓") ? "run-complete" : "run-missing");
    }
  }
}
