package io.clipwb.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.jobs.JobService;
import io.clipwb.app.state.ErrorReporter;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.ProjectService;
import io.clipwb.app.state.Workbench;
import io.clipwb.core.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A run's progress changes the project tree's texts in place: same tree items, same values, same
 * cells. (A {@code TreeItem} value change makes the tree rebuild all its cells, which repaints the
 * whole window at every finished pair.)
 */
@ExtendWith(ApplicationExtension.class)
class ProjectTreeTest {
  private Workbench wb;
  private ProjectTree tree;

  @Start
  void start(Stage stage) throws Exception {
    Path config = Files.createDirectories(Path.of("target", "fx-tests", "project-tree-" + System.nanoTime()));
    wb = new Workbench(new JobService(), new ErrorReporter(stage), new PreferencesStore(config));
    tree = new ProjectTree(wb, (m, s) -> {});
    stage.setScene(new Scene(tree, 420, 900));
    stage.show();
  }

  static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
  }

  private static List<ProjectService.PairStatus> status(Project p, int completeFirst) {
    List<ProjectService.PairStatus> st = new ArrayList<>();
    for (Project.BundleEntry b : p.bundles()) {
      for (Project.DataSetEntry d : p.datasets()) {
        boolean done = st.size() < completeFirst;
        st.add(new ProjectService.PairStatus(b.name(), d.name(), d.role(), done, done ? 320 : -1, 0, done ? 320 : 0));
      }
    }
    return st;
  }

  /** The visible cell showing {@code item}, or null. */
  @SuppressWarnings("unchecked")
  private TreeCell<ProjectTree.Entry> cellOf(TreeItem<ProjectTree.Entry> item) {
    for (var n : tree.tree().lookupAll(".tree-cell")) {
      TreeCell<ProjectTree.Entry> c = (TreeCell<ProjectTree.Entry>) n;
      if (c.getTreeItem() == item && !c.isEmpty()) return c;
    }
    return null;
  }

  @Test
  void aFinishedPairUpdatesItsRowInPlace() throws Exception {
    Project p = Project.load(Path.of("sample-data/project.json"));
    fx(() -> {
      wb.projectProperty().set(p);
      wb.runStatusProperty().set(status(p, 0));
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    TreeItem<ProjectTree.Entry> root = fx(() -> tree.tree().getRoot());
    TreeItem<ProjectTree.Entry> runs = fx(() -> root.getChildren().get(2));
    fx(() -> {
      root.getChildren().get(0).setExpanded(false);
      root.getChildren().get(1).setExpanded(false);
      runs.setExpanded(true);
      runs.getChildren().get(0).setExpanded(true);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    TreeItem<ProjectTree.Entry> firstRun = fx(() -> runs.getChildren().get(0).getChildren().get(0));
    ProjectTree.Entry value = fx(firstRun::getValue);
    TreeCell<ProjectTree.Entry> cell = fx(() -> cellOf(firstRun));
    assertNotNull(cell, "the first run's row is visible");
    assertTrue(fx(cell::getText).contains("missing"), fx(cell::getText));
    assertTrue(fx(() -> cell.getStyleClass().contains("run-missing")));

    fx(() -> {
      wb.runStatusProperty().set(status(p, 1));
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();

    assertSame(root, fx(() -> tree.tree().getRoot()), "same tree");
    assertSame(firstRun, fx(() -> runs.getChildren().get(0).getChildren().get(0)), "same item");
    assertSame(value, fx(firstRun::getValue), "the item's value is not replaced (that rebuilds every cell)");
    assertSame(cell, fx(() -> cellOf(firstRun)), "the same cell shows the row");
    assertTrue(fx(cell::getText).contains("✓") && fx(cell::getText).contains("320 computed"), fx(cell::getText));
    assertTrue(fx(() -> cell.getStyleClass().contains("run-complete")));
    assertEquals("Runs (1 of " + p.bundles().size() * p.datasets().size() + " complete)", fx(() -> ProjectTree.entryOf(runs).text()));
  }
}
