package io.clipwb.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.app.WorkbenchApp;
import io.clipwb.app.catalog.Views;
import io.clipwb.app.drill.DrillDownView;
import io.clipwb.app.drill.DrillItem;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.state.Preferences;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.ProjectService;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.corruption.CorruptionView;
import io.clipwb.app.view.lmm.LmmView;
import io.clipwb.cli.Main;
import io.clipwb.core.io.Json;
import io.clipwb.core.project.Project;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.geometry.Point2D;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * The corruption and LMM views on the sample project, headless: one model run on the ID set and the
 * 3D-corrupted set ({@code rgbd-c}); each view's chart is non-empty, a click drills down into
 * exactly the expected images (counted independently: files in the corrupted set's folder, rows of
 * the ID manifest), the figures export in three formats; the grid of one image shows every
 * corruption × severity with thumbnails; the LMM drill-down carries the answers file's raw text.
 */
@ExtendWith(ApplicationExtension.class)
class CorruptionLmmViewsTest {
  static final Path SAMPLE = Path.of("sample-data/project.json").toAbsolutePath();
  static final Path WORK = Path.of("target/test-3d-lmm").toAbsolutePath();
  static final String MODEL = "sample-vit-default";
  static Path outputs;

  WorkbenchApp app;
  Workbench wb;

  @BeforeAll
  static void runProject() throws Exception {
    outputs = ProjectService.outputsFor(PreferencesStore.dataDir(), Project.load(SAMPLE));
    // the cache outlives the test (under target/): a re-run takes every embedding from it
    int code = cli("project", "run", SAMPLE.toString(), "--out", outputs.toString(), "--cache", WORK.resolve("cache").toString(),
        "--bundles", MODEL, "--datasets", "test,rgbd-c", "--batch", "32");
    assertEquals(0, code);
  }

  static int cli(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    if (code != 0) throw new AssertionError(String.join(" ", args) + ": " + err);
    return code;
  }

  @Start
  void start(Stage stage) throws Exception {
    Preferences p = Preferences.defaults().withSettings(WORK.resolve("cache").toString(), null, "cpu", 2, 32, "light",
        io.clipwb.app.export.FigureStyle.defaults()).withProjectOpened(SAMPLE);
    PreferencesStore.standard().save(p);
    app = new WorkbenchApp();
    app.start(stage);
    wb = app.workbench();
  }

  @AfterEach
  void stop() throws Exception {
    fx(() -> {
      wb.jobs().close();
      return null;
    });
  }

  @Test
  void corruptionHeatmapCurvesGridDrillAndExport(FxRobot robot) throws Exception {
    waitFor(60, () -> fx(() -> wb.reportProperty().get() != null));
    fx(() -> app.window().openView(Views.byId("corruption").orElseThrow()));
    CorruptionView view = waitForValue(60, () -> fx(() -> robot.lookup("#corruption-view").tryQueryAs(CorruptionView.class)
        .filter(v -> v.viewers().size() == 2).orElse(null)));
    ChartViewer heat = fx(() -> view.viewers().get(0));
    // 4 corruptions x 3 severities, as the folders of the set say (not the core)
    Map<String, Integer> filesPerCell = new HashMap<>();
    Path root = Path.of("sample-data/data/rgbd-c");
    try (Stream<Path> s = Files.walk(root, 4)) {
      for (Path f : s.filter(x -> x.toString().endsWith(".jpg")).toList()) {
        Path rel = root.relativize(f);
        filesPerCell.merge(rel.getName(0) + "/" + rel.getName(1), 1, Integer::sum);
      }
    }
    int cells = filesPerCell.size();
    assertEquals(12, cells);
    assertEquals(cells, fx(() -> heat.getChart().getXYPlot().getDataset().getItemCount(0)), "one block per cell");
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(500);

    // click a heatmap cell: the drill-down holds exactly that cell's images
    Object[] hit = fx(() -> {
      for (Object o : heat.getRenderingInfo().getEntityCollection().getEntities()) {
        if (o instanceof XYItemEntity e) {
          var r = view.requestFor(heat, e);
          if (r == null) continue;
          java.awt.geom.Rectangle2D b = e.getArea().getBounds2D();
          return new Object[] {r, heat.getCanvas().localToScreen(b.getCenterX(), b.getCenterY())};
        }
      }
      return null;
    });
    assertNotNull(hit, "a heatmap cell");
    var expected = (io.clipwb.app.drill.DrillRequest) hit[0];
    robot.clickOn((Point2D) hit[1]);
    DrillDownView drill = waitForValue(20, () -> fx(() -> robot.lookup(".drill-view").tryQueryAs(DrillDownView.class).orElse(null)));
    List<DrillItem> items = drill.loaded().get(60, TimeUnit.SECONDS);
    String cellKey = items.get(0).metadata().get("corruption") + "/" + items.get(0).metadata().get("severity");
    assertEquals(filesPerCell.get(cellKey), items.size(), "the cell's images: " + expected.title());
    assertTrue(items.stream().allMatch(i -> (i.metadata().get("corruption") + "/" + i.metadata().get("severity")).equals(cellKey)));

    // the grid of one image: every corruption x severity, each tile with its thumbnail
    waitFor(30, () -> fx(() -> view.grid().tiles().size() == cells && view.grid().tiles().stream()
        .allMatch(t -> t.getChildren().get(0) instanceof ImageView iv && iv.getImage() != null)));
    WorkbenchFxTestShots.save(robot, "corruption-view.png");

    for (FigureFormat f : FigureFormat.values()) {
      Path out = WORK.resolve("corruption." + f.extension());
      Files.deleteIfExists(out);
      view.export(out, f);
      assertTrue(Files.size(out) > 1000, out + " has " + Files.size(out) + " bytes");
    }
  }

  @Test
  void lmmChartDrillAndExport(FxRobot robot) throws Exception {
    waitFor(60, () -> fx(() -> wb.reportProperty().get() != null));
    fx(() -> app.window().openView(Views.byId("lmm").orElseThrow()));
    LmmView view = waitForValue(60, () -> fx(() -> robot.lookup("#lmm-view").tryQueryAs(LmmView.class)
        .filter(v -> v.viewer() != null).orElse(null)));
    assertEquals(16, fx(() -> view.shownRows().size()), "one bar per class");
    // the hard-class filter: CLIP below 90% on some classes
    fx(() -> {
      view.setHardOnly(true, 0.9);
      return null;
    });
    waitFor(30, () -> fx(() -> view.viewer() != null && view.shownRows().size() < 16 && view.shownRows().stream().allMatch(r -> r.hard())));
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(500);
    ChartViewer v = fx(view::viewer);
    Object[] hit = fx(() -> {
      for (Object o : v.getRenderingInfo().getEntityCollection().getEntities()) {
        if (o instanceof CategoryItemEntity e) {
          java.awt.geom.Rectangle2D b = e.getArea().getBounds2D();
          return new Object[] {e.getColumnKey().toString(), v.getCanvas().localToScreen(b.getCenterX(), b.getCenterY())};
        }
      }
      return null;
    });
    assertNotNull(hit, "a bar");
    String cls = ((String) hit[0]).replace(" *", "");
    robot.clickOn((Point2D) hit[1]);
    DrillDownView drill = waitForValue(30, () -> fx(() -> view.lastDrill()));
    List<DrillItem> items = drill.loaded().get(60, TimeUnit.SECONDS);
    // independent count: the ID manifest's rows of that class
    long inManifest = Files.readAllLines(Path.of("sample-data/data/test/manifest.csv"), StandardCharsets.UTF_8).stream().skip(1)
        .filter(l -> l.split(",")[1].equals(cls)).count();
    assertEquals(inManifest, items.size(), cls);
    // each image carries the answers file's raw text for its question
    Map<String, String> raw = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("sample-data/data/lmm/stand-in-answers.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode n = Json.mapper().readTree(line);
      raw.put(n.get("image").asText(), n.get("answer").asText());
    }
    for (DrillItem i : items) {
      assertEquals(cls, i.trueClass());
      assertEquals(raw.get(i.image().getFileName().toString()), i.metadata().get("lmm_answer"), i.image().toString());
      assertTrue(i.metadata().containsKey("lmm_parsed"));
      assertTrue(i.metadata().get(DrillItem.CAPTION).startsWith("LMM: "), i.metadata().toString());
    }
    WorkbenchFxTestShots.save(robot, "lmm-view.png");
    for (FigureFormat f : FigureFormat.values()) {
      Path out = WORK.resolve("lmm." + f.extension());
      Files.deleteIfExists(out);
      view.export(out, f);
      assertTrue(Files.size(out) > 1000, out + " has " + Files.size(out) + " bytes");
    }
  }

  @Test
  void parsePreviewShowsHowEachLineParses() throws Exception {
    Path run = io.clipwb.core.project.ProjectRun.runDir(outputs, MODEL, "test");
    var qs = io.clipwb.core.eval.lmm.Questions.build(io.clipwb.core.eval.runio.CachedRun.load(run),
        new io.clipwb.core.eval.lmm.Questions.Params(0), io.clipwb.core.util.Cancellation.none());
    // the first ID row is a circle (the manifest says so)
    assertEquals("circle", qs.get(0).className());
    String wrong = qs.get(1).distractor();
    Path f = WORK.resolve("preview-answers.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"question_id\": \"q0\", \"answer\": \"It is a Circle, clearly.\"}",
        "{\"question_id\": \"q1\", \"answer\": \"" + wrong + "\"}",
        "{\"question_id\": \"q2\", \"answer\": \"No idea at all.\"}",
        "{\"question_id\": \"q3\", \"answer\": \"" + qs.get(3).choices().get(0) + " or " + qs.get(3).choices().get(1) + "\"}",
        "{\"question_id\": \"q99999\", \"answer\": \"circle\"}",
        "this line is not JSON") + "\n");
    var loaded = io.clipwb.app.view.lmm.LmmData.load(run, f, "auto", "tester", 0.5, io.clipwb.core.util.Cancellation.none());
    var rows = io.clipwb.app.view.lmm.LmmData.preview(loaded);
    assertEquals(6, rows.size(), rows.toString());
    assertEquals(List.of("circle", wrong, "unparseable (names neither)", "unparseable (names both)", "no question", "unreadable"),
        rows.stream().map(io.clipwb.app.view.lmm.LmmData.PreviewRow::parsed).toList());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), rows.stream().map(io.clipwb.app.view.lmm.LmmData.PreviewRow::line).toList());
    assertTrue(io.clipwb.app.view.lmm.AnswerPreview.countsLine(rows).startsWith("2 answers name one option, 2 are unparseable"),
        io.clipwb.app.view.lmm.AnswerPreview.countsLine(rows));
    var table = fx(() -> io.clipwb.app.view.lmm.AnswerPreview.table(rows));
    assertEquals(6, fx(() -> table.getItems().size()));
  }

  @Test
  void figuresWritesBothViewsInThreeFormats() throws Exception {
    Path figs = WORK.resolve("figs");
    if (Files.exists(figs)) {
      try (Stream<Path> s = Files.walk(figs)) {
        for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
      }
    }
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("figures", "--project", SAMPLE.toString(), "--run-out", outputs.toString(), "--out", figs.toString(),
        "--views", "corruption,lmm", "--bundles", MODEL, "--datasets", "rgbd-c", "--dpi", "100", "--option", "hard_threshold=0.9");
    assertEquals(0, code, err.toString());
    List<String> expected = new java.util.ArrayList<>();
    for (String b : List.of(MODEL + "_accuracy", MODEL + "_ece", "curves_mean", "curves_contrast", "curves_fog_3d", "curves_gaussian_noise",
        "curves_near_focus")) {
      for (FigureFormat fmt : FigureFormat.values()) expected.add("corruption/rgbd-c/" + b + "." + fmt.extension());
    }
    for (String b : List.of("stand-in-lmm__synthetic__vs_sample-vit-default_test", "stand-in-lmm__synthetic__vs_sample-vit-default_test_hard")) {
      for (FigureFormat fmt : FigureFormat.values()) expected.add("lmm/" + b + "." + fmt.extension());
    }
    List<Path> listed = out.toString().lines().map(Path::of).toList();
    assertEquals(expected.size(), listed.size(), out.toString());
    for (String e : expected) {
      Path p = figs.resolve(e);
      assertTrue(listed.contains(p), e + " not listed");
      assertTrue(Files.size(p) > 1000, e + " is (nearly) empty");
    }
    List<String> heat = io.clipwb.app.export.ExportChecks.svgTexts(io.clipwb.app.export.ExportChecks.svg(
        figs.resolve("corruption/rgbd-c/" + MODEL + "_accuracy.svg")));
    assertTrue(heat.contains("Severity") && heat.contains("fog_3d") && heat.contains("Accuracy (%)"), heat.toString());
    List<String> curves = io.clipwb.app.export.ExportChecks.svgTexts(io.clipwb.app.export.ExportChecks.svg(figs.resolve("corruption/rgbd-c/curves_mean.svg")));
    assertTrue(curves.stream().anyMatch(t -> t.startsWith(MODEL + ": mCE (unnorm.) ")), curves.toString());
    List<String> lmm = io.clipwb.app.export.ExportChecks.svgTexts(io.clipwb.app.export.ExportChecks.svg(
        figs.resolve("lmm/stand-in-lmm__synthetic__vs_sample-vit-default_test.svg")));
    assertTrue(lmm.contains("Accuracy difference (LMM \u2212 CLIP)") && lmm.contains("circle"), lmm.toString());
  }

  static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
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

  /** Saves every open window to a PNG under target/ (for looking at the views; not asserted). */
  static final class WorkbenchFxTestShots {
    static void save(FxRobot robot, String name) throws Exception {
      fx(() -> {
        var windows = robot.listWindows();
        for (int i = 0; i < windows.size(); i++) {
          if (windows.get(i).getScene() == null || !windows.get(i).isShowing()) continue;
          io.clipwb.app.Snapshots.save(windows.get(i).getScene(), WORK.resolve("shots").resolve(i == 0 ? name : name.replace(".png", "-" + i + ".png")));
        }
        return null;
      });
    }
  }
}
