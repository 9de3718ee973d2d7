package io.clipwb.app.shell;

import io.clipwb.app.view.FigureTab;
import io.clipwb.app.catalog.Views;
import io.clipwb.app.view.WorkbenchView;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.state.Preferences;
import io.clipwb.app.state.ProjectFile;

import io.clipwb.app.state.ProjectService;
import io.clipwb.app.state.DatasetImport;
import io.clipwb.app.drill.DrillDownView;
import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.jobs.JobsPanel;
import io.clipwb.app.view.reliability.ReliabilityView;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.project.Project;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The main window: menus with accelerators, the project tree on the left, views as tabs in the
 * middle (with a "Run all" banner for a project never run), the jobs panel and the status bar at
 * the bottom. Owns no state of its own beyond the widgets: everything lives in the {@link Workbench}.
 */
public final class MainWindow {
  private final Stage stage;
  private final Workbench wb;
  private final TabPane tabs = new TabPane();
  private final HBox banner = new HBox(10);
  private final Label bannerText = new Label(NOT_RUN);
  private final Button runAll = new Button("Run all");
  private final Menu recent = new Menu("Open Recent");
  private final BorderPane root = new BorderPane();

  public MainWindow(Stage stage, Workbench wb) {
    this.stage = stage;
    this.wb = wb;
    wb.setDrillHandler(this::openDrill);
    tabs.setId("view-tabs");
    runAll.setId("run-all");
    bannerText.setId("banner-text");
    runAll.setOnAction(e -> runNow(ProjectService.RunRequest.class.cast(null)));
    banner.getChildren().addAll(bannerText, runAll);
    banner.setAlignment(Pos.CENTER_LEFT);
    banner.getStyleClass().add("banner");
    banner.setManaged(false);
    banner.setVisible(false);
    wb.runStatusProperty().addListener((o, a, b) -> updateBanner());
    wb.jobs().jobs().addListener((javafx.collections.ListChangeListener<io.clipwb.app.jobs.Job<?>>) c -> {
      while (c.next()) for (io.clipwb.app.jobs.Job<?> j : c.getAddedSubList()) j.stateProperty().addListener((o, a, b) -> updateBanner());
      updateBanner();
    });
    ProjectTree tree = new ProjectTree(wb, this::showRunDialog);
    VBox center = new VBox(banner, tabs);
    VBox.setVgrow(tabs, javafx.scene.layout.Priority.ALWAYS);
    SplitPane main = new SplitPane(tree, center);
    main.setDividerPositions(0.26);
    SplitPane.setResizableWithParent(tree, false);
    SplitPane vertical = new SplitPane(main, new JobsPanel(wb.jobs()));
    vertical.setOrientation(Orientation.VERTICAL);
    vertical.setDividerPositions(0.8);
    root.setTop(menus());
    root.setCenter(vertical);
    root.setBottom(new StatusLine(wb));
    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(root, Math.min(1360, screen.getWidth() - 40), Math.min(860, screen.getHeight() - 40));
    scene.getStylesheets().add(css("workbench.css"));
    applyTheme(scene, wb.preferencesProperty().get().theme());
    wb.preferencesProperty().addListener((o, a, b) -> {
      applyTheme(scene, b.theme());
      fillRecent();
    });
    installDragAndDrop(scene);
    stage.setScene(scene);
    stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
      Project p = wb.projectProperty().get();
      return "CLIP Robustness Workbench" + (p == null ? "" : " — " + p.name());
    }, wb.projectProperty()));
    wb.projectProperty().addListener((o, a, b) -> {
      // a project never run: build the diagram's tab now, in a pulse of its own, so that a run's first
      // report only fills it in instead of also creating its controls, skins and CSS mid-run (issue 13)
      if (b != null && wb.reportProperty().get() == null) javafx.application.Platform.runLater(() -> {
        if (wb.projectProperty().get() == b && tabs.getTabs().stream().noneMatch(t -> t.getContent() instanceof FigureTab)) openReliability();
      });
    });
    wb.reportProperty().addListener((o, a, b) -> {
      // the first report opens the reliability diagram, unless a view is already open (do not steal the selection)
      if (b != null && a == null && tabs.getTabs().stream().noneMatch(t -> t.getContent() instanceof FigureTab)) openReliability();
    });
  }

  private static String css(String name) {
    return MainWindow.class.getResource(name).toExternalForm();
  }

  private static void applyTheme(Scene s, String theme) {
    String dark = css("dark.css");
    s.getStylesheets().remove(dark);
    if ("dark".equals(theme)) s.getStylesheets().add(dark);
  }

  public Stage stage() {
    return stage;
  }

  public TabPane tabs() {
    return tabs;
  }

  /**
   * The banner shows on a project never run; during its first run it stays, saying the run is on,
   * and goes when the run ends: taking it away when the run starts would move every view up mid-run
   * (one more large repaint while the run already keeps the cores busy).
   */
  private void updateBanner() {
    var st = wb.runStatusProperty().get();
    boolean neverRun = wb.projectProperty().get() != null && !st.isEmpty() && st.stream().noneMatch(ProjectService.PairStatus::complete);
    boolean busy = wb.jobs().busy();
    // when the run ends the banner goes even if the status showing its finished pairs has not been
    // re-read yet; the re-read status brings it back if the run finished nothing (cancelled at once)
    boolean show = !(bannerRunning && !busy) && (neverRun || busy && banner.isVisible());
    bannerRunning = show && busy;
    bannerText.setText(busy ? RUNNING : NOT_RUN);
    runAll.setVisible(!busy);
    banner.setVisible(show);
    banner.setManaged(show);
  }

  /** Whether the banner shows the first run going on. */
  private boolean bannerRunning;

  static final String NOT_RUN = "This project has not been run yet: the views fill in as each model × set pair finishes.";
  static final String RUNNING = "Running: the views fill in as each model × set pair finishes.";

  private MenuBar menus() {
    Menu file = new Menu("File");
    fillRecent();
    file.getItems().addAll(item("New Project…", "Shortcut+N", this::newProject), item("Open…", "Shortcut+O", this::openProject), recent,
        new SeparatorMenuItem(), item("Save", "Shortcut+S", this::save), item("Save As…", "Shortcut+Shift+S", this::saveAs),
        new SeparatorMenuItem(), item("Quit", "Shortcut+Q", stage::close));
    Menu edit = new Menu("Edit");
    edit.getItems().add(item("Preferences…", "Shortcut+Comma", this::preferences));
    Menu project = new Menu("Project");
    project.getItems().addAll(item("Add Model…", null, this::addModel), item("Add Data Set…", null, this::addDataset),
        new SeparatorMenuItem(), item("Refresh", "F5", () -> wb.refresh(null)));
    Menu run = new Menu("Run");
    run.getItems().addAll(item("Run…", "Shortcut+R", () -> showRunDialog(List.of(), List.of())),
        item("Run All", "Shortcut+Shift+R", () -> runNow(null)));
    Menu view = new Menu("View");
    int key = 1;
    for (WorkbenchView v : Views.ALL) {
      view.getItems().add(item(v.title(), key <= 9 ? "Shortcut+" + key : null, () -> openView(v)));
      key++;
    }
    view.getItems().addAll(item("Log", "Shortcut+L", this::openLog),
        new SeparatorMenuItem(), item("Export Figure…", "Shortcut+E", () -> figureTab(FigureTab::exportFigure)),
        item("Copy Figure", "Shortcut+Shift+C", () -> figureTab(FigureTab::copyFigure)), new SeparatorMenuItem(),
        item("Close Tab", "Shortcut+W", () -> {
          Tab t = tabs.getSelectionModel().getSelectedItem();
          if (t != null) tabs.getTabs().remove(t);
        }));
    MenuBar bar = new MenuBar(file, edit, project, run, view);
    bar.setUseSystemMenuBar(true);
    return bar;
  }

  private static MenuItem item(String text, String accel, Runnable action) {
    MenuItem m = new MenuItem(text);
    if (accel != null) m.setAccelerator(KeyCombination.keyCombination(accel));
    m.setOnAction(e -> action.run());
    return m;
  }

  private void fillRecent() {
    recent.getItems().clear();
    for (String p : wb.preferencesProperty().get().recentProjects()) recent.getItems().add(item(p, null, () -> wb.open(Path.of(p))));
    recent.setDisable(recent.getItems().isEmpty());
  }

  private void figureTab(java.util.function.Consumer<FigureTab> a) {
    Tab t = tabs.getSelectionModel().getSelectedItem();
    if (t != null && t.getContent() instanceof FigureTab f) a.accept(f);
  }

  /** Opens (or selects) a tab whose content the supplier builds. */
  public Tab openTab(String title, Class<?> kind, Supplier<Node> content) {
    for (Tab t : tabs.getTabs()) {
      if (kind != null && kind.isInstance(t.getContent())) {
        tabs.getSelectionModel().select(t);
        return t;
      }
    }
    Tab t = new Tab(title, content.get());
    t.setOnClosed(e -> {
      if (t.getContent() instanceof LogView l) l.dispose();
    });
    tabs.getTabs().add(t);
    tabs.getSelectionModel().select(t);
    return t;
  }

  public void openReliability() {
    openView(Views.byId("reliability").orElseThrow());
  }

  /** Opens (or selects) the tab of a view. */
  public Tab openView(WorkbenchView v) {
    return openTab(v.title(), v.nodeType(), () -> v.create(wb));
  }

  void openLog() {
    openTab("Log", LogView.class, LogView::new);
  }

  private void openDrill(DrillRequest r) {
    Tab t = openTab("Images: " + r.model() + " / " + r.set(), null, () -> new DrillDownView(r));
    t.setTooltip(new javafx.scene.control.Tooltip(r.title()));
  }

  void showRunDialog(List<String> models, List<String> sets) {
    Project p = wb.projectProperty().get();
    if (p == null) return;
    try {
      java.nio.file.Path cache = wb.preferencesProperty().get().cacheRoot();
      var survey = java.util.concurrent.CompletableFuture.supplyAsync(() -> ProjectService.cacheSurvey(p, cache), wb.jobs().background());
      new RunDialog(stage, p, wb.preferencesProperty().get(), models, sets, survey).showAndWait().ifPresent(wb::run);
    } catch (RuntimeException e) {
      wb.errors().showError("Cannot run " + p.name(), e);
    }
  }

  private void runNow(ProjectService.RunRequest req) {
    Project p = wb.projectProperty().get();
    if (p == null) return;
    Preferences pr = wb.preferencesProperty().get();
    try {
      wb.run(req != null ? req : new ProjectService.RunRequest(List.of(), List.of(), null, pr.batch(), pr.effectiveThreads(), "gpu".equals(pr.device())));
    } catch (RuntimeException e) {
      wb.errors().showError("Cannot run " + p.name(), e);
    }
  }

  private void newProject() {
    TextInputDialog d = new TextInputDialog("my project");
    d.initOwner(stage);
    d.setHeaderText("Name of the new project");
    d.showAndWait().filter(s -> !s.isBlank()).ifPresent(n -> {
      ProjectFile pf = ProjectFile.create(n.trim());
      wb.setProject(pf);
    });
  }

  private void openProject() {
    FileChooser c = new FileChooser();
    c.setTitle("Open project");
    c.getExtensionFilters().add(new FileChooser.ExtensionFilter("project (project.json, *.clipwb)", "*.json", "*.clipwb"));
    File f = c.showOpenDialog(stage);
    if (f != null) wb.open(f.toPath());
  }

  private void save() {
    ProjectFile pf = wb.projectFileProperty().get();
    if (pf == null) return;
    if (pf.file() == null || !Files.exists(pf.file())) {
      saveAs();
      return;
    }
    saveTo(pf, pf.file());
  }

  private void saveAs() {
    ProjectFile pf = wb.projectFileProperty().get();
    if (pf == null) return;
    FileChooser c = new FileChooser();
    c.setInitialFileName("project.json");
    File f = c.showSaveDialog(stage);
    if (f != null) saveTo(pf, f.toPath());
  }

  private void saveTo(ProjectFile pf, Path f) {
    try {
      pf.save(f);
      wb.projectEdited();
      wb.savePreferences(wb.preferencesProperty().get().withProjectOpened(f));
    } catch (RuntimeException e) {
      wb.errors().showError("Cannot save " + f, e);
    }
  }

  private void preferences() {
    new PreferencesDialog(stage, wb.preferencesProperty().get()).showAndWait().ifPresent(wb::savePreferences);
  }

  private void addModel() {
    DirectoryChooser c = new DirectoryChooser();
    c.setTitle("Model folder (bundle.json, or a Hugging Face CLIP / SigLIP or open_clip checkpoint)");
    File d = c.showDialog(stage);
    if (d != null) addModel(d.toPath());
  }

  /** Validates the bundle in the background, then adds it; a broken bundle opens the error dialog. */
  public void addModel(Path dir) {
    if (wb.projectFileProperty().get() == null) wb.setProject(ProjectFile.create("untitled"));
    wb.jobs().background().execute(() -> {
      try {
        Bundle b = ProjectService.loadBundle(dir);
        Platform.runLater(() -> {
          try {
            wb.projectFileProperty().get().addBundle(b.name() != null && !b.name().isBlank() ? b.name() : dir.getFileName().toString(), dir);
            wb.projectEdited();
          } catch (RuntimeException e) {
            wb.errors().showError("Cannot add the model", e);
          }
        });
      } catch (RuntimeException e) {
        wb.errors().showError("Not a valid model bundle: " + dir, e);
      }
    });
  }

  private void addDataset() {
    ChoiceDialog<String> kind = new ChoiceDialog<>("a folder", "a folder", "a manifest file (CSV/JSONL)");
    kind.initOwner(stage);
    kind.setHeaderText("Add a data set from…");
    kind.showAndWait().ifPresent(k -> {
      File f;
      if (k.startsWith("a folder")) {
        f = new DirectoryChooser().showDialog(stage);
      } else {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("manifest", "*.csv", "*.jsonl"));
        f = c.showOpenDialog(stage);
      }
      if (f != null) addDataset(f.toPath());
    });
  }

  /**
   * Opens the data set in the background (layout detected, related to the in-distribution classes),
   * then asks for its name, role and scored classes; a class subset is written next to the project
   * file (or under the data folder for a project never saved).
   */
  public void addDataset(Path path) {
    if (wb.projectFileProperty().get() == null) wb.setProject(ProjectFile.create("untitled"));
    Project project = wb.projectProperty().get();
    wb.jobs().background().execute(() -> {
      try {
        DatasetImport imp = DatasetImport.inspect(path, project);
        Platform.runLater(() -> {
          String name = Files.isDirectory(path) ? path.getFileName().toString() : path.getParent().getFileName().toString();
          java.util.Set<String> taken = new java.util.HashSet<>();
          wb.projectProperty().get().datasets().forEach(d -> taken.add(d.name()));
          wb.projectProperty().get().bundles().forEach(b -> taken.add(b.name()));
          new AddDatasetDialog(stage, name, imp, taken).showAndWait().ifPresent(c -> addChosen(path, imp, c));
        });
      } catch (RuntimeException e) {
        wb.errors().showError("Not a readable data set: " + path, e);
      }
    });
  }

  private void addChosen(Path path, DatasetImport imp, AddDatasetDialog.Choice c) {
    ProjectFile pf = wb.projectFileProperty().get();
    Path dir = pf.file() != null ? pf.file().toAbsolutePath().getParent()
        : io.clipwb.app.state.PreferencesStore.dataDir().resolve("class-subsets").resolve(io.clipwb.core.eval.ResultFiles.safe(pf.name()));
    wb.jobs().background().execute(() -> {
      try {
        Path subset = c.subset() == null ? null : DatasetImport.writeSubset(dir, c.name(), imp.classSpace(), c.subset());
        Platform.runLater(() -> {
          try {
            pf.addDataset(c.name(), c.role(), path, subset);
            wb.projectEdited();
          } catch (RuntimeException e) {
            wb.errors().showError("Cannot add the data set", e);
          }
        });
      } catch (RuntimeException e) {
        wb.errors().showError("Cannot write the class subset of " + c.name(), e);
      }
    });
  }

  private void installDragAndDrop(Scene scene) {
    scene.setOnDragOver(e -> {
      if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
      e.consume();
    });
    scene.setOnDragDropped(e -> {
      boolean ok = false;
      if (e.getDragboard().hasFiles()) {
        for (File f : e.getDragboard().getFiles()) {
          Path p = f.toPath();
          if (BundleLoader.isModelFolder(p)) addModel(p);
          else if (p.getFileName().toString().equals("project.json")) wb.open(p);
          else addDataset(p);
          ok = true;
        }
      }
      e.setDropCompleted(ok);
      e.consume();
    });
  }
}
