package io.clipwb.app;

import io.clipwb.app.state.ProjectService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.app.chart.ChartImageView;
import io.clipwb.app.drill.DrillDownView;
import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.jobs.Job;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.view.FxViewTest;
import io.clipwb.app.view.reliability.ReliabilityView;
import io.clipwb.core.io.Json;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.concurrent.Worker;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.jfree.chart.entity.ChartEntity;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench end to end, headless (Monocle): open the sample project, run two models on the ID
 * set and one shifted set with the progress visible, the reliability diagram appears, a click on a
 * bar drills down into exactly that bin's images, the figure exports in three formats; a cancelled
 * run stops within a batch, leaves the cache intact, and a re-run takes the finished images from the
 * cache; a broken bundle's error dialog names the file and the field. Caches, outputs and settings
 * live under target/ (the pom points clipwb.config.dir and clipwb.data.dir there).
 */
class WorkbenchFxTest extends FxViewTest {
  static final Path SAMPLE = Path.of("sample-data/project.json").toAbsolutePath();
  static final Path WORK = Path.of("target/test-gui").toAbsolutePath();
  static final Path SHOTS = Path.of(System.getProperty("clipwb.shots", WORK.resolve("shots").toString()));

  Path cache;

  @Start
  void start(Stage stage) throws Exception {
    cache = WORK.resolve("cache-" + System.nanoTime());
    Files.createDirectories(WORK);
    Path outputs = ProjectService.outputsFor(PreferencesStore.dataDir(), Project.load(SAMPLE));
    deleteTree(outputs);
    openSample(cache);
    startApp(stage);
  }

  @Test
  void runDrillDownExportCancelAndResume(FxRobot robot) throws Exception {
    waitFor(30, () -> fx(() -> wb.projectProperty().get() != null && !wb.runStatusProperty().get().isEmpty()));
    assertEquals("clipwb sample lab", fx(() -> wb.projectProperty().get().name()));
    assertFalse(fx(() -> wb.runStatusProperty().get().stream().anyMatch(ProjectService.PairStatus::complete)), "fresh outputs");
    snapshot(robot, "main-window.png");

    // run 2 models x (ID set + one shifted set); the jobs panel's bar rises
    ProjectService.RunRequest req = new ProjectService.RunRequest(List.of("sample-vit-default", "sample-rn-default"), List.of("test", "dark"),
        null, 16, 2, false);
    javafx.scene.control.Label bannerText = fx(() -> robot.lookup("#banner-text").queryAs(javafx.scene.control.Label.class));
    assertTrue(fx(() -> bannerText.getParent().isVisible() && bannerText.getText().contains("not been run")), "banner on a project never run");
    Job<ProjectRun.Summary> job = fx(() -> wb.run(req));
    WaitForAsyncUtils.waitForFxEvents();
    // the banner stays while the first run goes (taking it away would move every view mid-run)
    assertTrue(fx(() -> bannerText.getParent().isVisible() && bannerText.getText().startsWith("Running")), () -> fxu(bannerText::getText));
    List<Double> seen = new ArrayList<>();
    long t0 = System.nanoTime();
    boolean shot = false;
    while (!fx(job::isDone) && System.nanoTime() - t0 < 400e9) {
      double v = fx(() -> robot.lookup(".job-progress").queryAs(ProgressBar.class).getProgress());
      if (v > 0 && v < 1 && (seen.isEmpty() || v > seen.get(seen.size() - 1))) seen.add(v);
      if (!shot && v > 0.3) {
        snapshot(robot, "run-in-progress.png");
        shot = true;
      }
      Thread.sleep(100);
    }
    assertEquals(Worker.State.SUCCEEDED, fx(job::getState), () -> fxu(() -> String.valueOf(job.getException())));
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(fx(() -> bannerText.getParent().isVisible()), "the banner goes when the run ends (before its status is re-read)");
    assertTrue(seen.size() >= 2, "progress rose through several values: " + seen);
    String summary = fx(() -> job.summaryProperty().get());
    assertTrue(summary.contains("2 models × 2 sets") && summary.contains("1,280 computed"), summary);

    // the reliability view appears with one diagram per model x set
    ReliabilityView view = waitForValue(120, () -> fx(() -> robot.lookup("#reliability-view").tryQueryAs(ReliabilityView.class)
        .filter(v -> v.viewers().size() == 4).orElse(null)));
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(500);
    snapshot(robot, "reliability-view.png");

    // click a bar: the drill-down shows exactly that bin's images
    ChartImageView viewer = fx(() -> view.viewers().get(0));
    waitForValue(30, () -> fx(viewer::getRenderingInfo)); // drawn off the FX thread
    Object[] hit = fx(() -> {
      for (Object o : viewer.getRenderingInfo().getEntityCollection().getEntities()) {
        ChartEntity e = (ChartEntity) o;
        DrillRequest r = view.requestFor(viewer, e);
        if (r != null && r.rows().length > 0) {
          java.awt.geom.Rectangle2D b = e.getArea().getBounds2D();
          Point2D p = viewer.chartToScreen(b.getCenterX(), b.getMaxY() - Math.min(3, b.getHeight() / 2));
          return new Object[] {r, p};
        }
      }
      return null;
    });
    assertNotNull(hit, "a bar with items");
    DrillRequest expected = (DrillRequest) hit[0];
    robot.clickOn((Point2D) hit[1]);
    DrillDownView drill = waitForValue(10, () -> fx(() -> robot.lookup(".drill-view").tryQueryAs(DrillDownView.class).orElse(null)));
    List<io.clipwb.app.drill.DrillItem> items = drill.loaded().get(30, TimeUnit.SECONDS);
    assertEquals(expected.rows().length, items.size(), "the grid holds exactly the bin's images");
    assertEquals(expected.rows().length, fx(() -> drill.allItems().size()));
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(700);
    snapshot(robot, "drill-down.png");

    // export the diagram in three formats through the view's export path
    for (FigureFormat f : FigureFormat.values()) {
      Path out = WORK.resolve("reliability." + f.extension());
      Files.deleteIfExists(out);
      view.export(out, f);
      assertTrue(Files.size(out) > 1000, out + " has " + Files.size(out) + " bytes");
    }

    // cancel a running job: it stops within a batch and keeps the cache intact
    ProjectService.RunRequest big = new ProjectService.RunRequest(List.of("sample-vit-small"),
        List.of("test", "outline"), null, 8, 2, false);
    Job<ProjectRun.Summary> second = fx(() -> wb.run(big));
    waitFor(300, () -> second.computedImages() >= 16);
    long c0 = System.nanoTime();
    fx(() -> second.cancel());
    waitFor(10, second::workerDone);
    double stopMs = (System.nanoTime() - c0) / 1e6;
    assertEquals(Worker.State.CANCELLED, fx(second::getState));
    assertTrue(stopMs < 5000, "stopped " + stopMs + " ms after Cancel");
    try (Stream<Path> s = Files.walk(cache)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no half-written cache file");
    }
    long computedBefore = second.computedImages();
    System.out.printf("cancel: worker stopped %.0f ms after Cancel, %d images computed before%n", stopMs, computedBefore);

    Job<ProjectRun.Summary> third = fx(() -> wb.run(big));
    waitFor(400, () -> fx(third::isDone));
    assertEquals(Worker.State.SUCCEEDED, fx(third::getState), () -> fxu(() -> String.valueOf(third.getException())));
    JsonNode rec = Json.read(fx(() -> wb.outputsProperty().get()).resolve("project-run.json"));
    int fromCache = 0;
    for (JsonNode r : rec.get("runs")) fromCache += r.path("fromCache").asInt(r.path("from_cache").asInt());
    assertTrue(fromCache >= computedBefore && fromCache > 0, "re-run took " + fromCache + " images from the cache (" + computedBefore
        + " computed before the cancel)");
  }

  @Test
  void brokenBundleShowsFileAndField(FxRobot robot) throws Exception {
    waitFor(30, () -> fx(() -> wb.projectProperty().get() != null));
    Path bundle = WORK.resolve("broken-bundle-" + System.nanoTime());
    Files.createDirectories(bundle);
    try (Stream<Path> files = Files.list(Path.of("sample-data/bundles/vit-small"))) {
      for (Path f : files.toList()) Files.copy(f, bundle.resolve(f.getFileName()));
    }
    ObjectNode json = (ObjectNode) Json.read(Path.of("sample-data/bundles/vit-small/bundle.json"));
    json.remove("embed_dim");
    Json.write(bundle.resolve("bundle.json"), json);
    fx(() -> {
      app.window().addModel(bundle);
      return null;
    });
    Label msg = waitForValue(20, () -> fx(() -> robot.lookup("#error-message").queryAllAs(Label.class).stream()
        .filter(l -> l.getText().contains("bundle.json")).findFirst().orElse(null)));
    String text = fx(msg::getText);
    assertTrue(text.contains("bundle.json") && text.contains("embed_dim"), text);
    snapshot(robot, "error-dialog.png");
    fx(() -> {
      new io.clipwb.app.shell.PreferencesDialog(app.window().stage(), wb.preferencesProperty().get()).show();
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    snapshot(robot, "preferences.png");
  }

  static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
  }

  static <T> T fxu(Callable<T> c) {
    try {
      return fx(c);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void waitFor(int seconds, Callable<Boolean> c) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, c);
  }

  static <T> T waitForValue(int seconds, Callable<T> c) throws Exception {
    Object[] box = new Object[1];
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> (box[0] = c.call()) != null);
    @SuppressWarnings("unchecked")
    T t = (T) box[0];
    return t;
  }

  /** Saves every open window to a PNG (for looking at the GUI; not asserted). */
  static void snapshot(FxRobot robot, String name) throws Exception {
    fx(() -> {
      var windows = robot.listWindows();
      for (int i = 0; i < windows.size(); i++) {
        if (windows.get(i).getScene() == null || !windows.get(i).isShowing()) continue;
        Snapshots.save(windows.get(i).getScene(), SHOTS.resolve(i == 0 ? name : name.replace(".png", "-" + i + ".png")));
      }
      return null;
    });
  }

  static void deleteTree(Path p) throws Exception {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }

}
