package io.clipwb.app.view.shapebias;

import static io.clipwb.app.view.SampleRun.fx;
import static io.clipwb.app.view.SampleRun.waitForValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.catalog.Views;
import io.clipwb.app.drill.DrillDownView;
import io.clipwb.app.drill.DrillItem;
import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.view.FxViewTest;
import io.clipwb.app.view.SampleRun;
import io.clipwb.core.eval.runio.RowResolver;
import io.clipwb.core.eval.shapebias.CueConflictNames;
import io.clipwb.core.project.ProjectRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The cue-conflict view on a finished run of the sample project (two models, one trained on shape
 * only): the plot has a marker series per model, a click on a marker drills down into exactly that
 * model's trials of the shape class (counted here from the run's rows through the core's row
 * resolver), the "model A says texture, model B says shape" filter keeps exactly the stimuli the
 * two runs' predictions say, imported human data becomes its own series with the shape bias the
 * synthetic observers were built to have, and the plot exports in three formats.
 */
class ShapeBiasViewFxTest extends FxViewTest {
  Path outputs;

  @Start
  void start(Stage stage) throws Exception {
    outputs = SampleRun.runForWorkbench();
    startApp(stage);
  }

  @Test
  void plotDrillFilterHumansExport(FxRobot robot) throws Exception {
    waitForValue(60, () -> fx(() -> wb.reportProperty().get()));
    fx(() -> app.window().openView(Views.byId("shape-bias").orElseThrow()));
    ShapeBiasView view = waitForValue(60, () -> fx(() -> robot.lookup("#shape-bias-view").tryQueryAs(ShapeBiasView.class)
        .filter(v -> v.viewer() != null && v.data() != null && v.data().series().size() == 2).orElse(null)));
    ChartViewer viewer = fx(view::viewer);
    assertEquals(SampleRun.MODELS, fx(() -> view.data().series().stream().map(ShapeBiasData.Series::name).toList()));
    assertEquals(16, fx(() -> view.data().categories().size()));
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(500);
    SampleRun.snapshot(robot, "shape-bias-view.png");

    // click a marker of the first model: exactly that model's trials of the shape class
    Object[] hit = waitForValue(20, () -> fx(() -> {
      if (viewer.getRenderingInfo() == null) return null;
      for (Object o : viewer.getRenderingInfo().getEntityCollection().getEntities()) {
        ChartEntity e = (ChartEntity) o;
        DrillRequest r = view.requestFor(e);
        if (r != null && r.model().equals(SampleRun.MODELS.get(0))) {
          var b = e.getArea().getBounds2D();
          return new Object[] {ShapeBiasChart.pointAt(e).orElseThrow().category(), viewer.getCanvas().localToScreen(b.getCenterX(), b.getCenterY())};
        }
      }
      return null;
    }));
    String category = (String) hit[0];
    robot.clickOn((Point2D) hit[1]);
    DrillDownView drill = waitForValue(20, () -> fx(() -> robot.lookup(".drill-view").tryQueryAs(DrillDownView.class).orElse(null)));
    List<DrillItem> items = drill.loaded().get(60, TimeUnit.SECONDS);
    RowResolver run = RowResolver.load(ProjectRun.runDir(outputs, SampleRun.MODELS.get(0), "cue-conflict"));
    int expected = 0;
    for (int i = 0; i < run.size(); i++) if (category.equals(run.row(i).labelName())) expected++;
    assertTrue(expected > 0);
    assertEquals(expected, items.size(), "the drill-down holds the " + category + " trials of the run");
    for (DrillItem it : items) assertEquals(category, it.trueClass());

    // "model A says texture, model B says shape", counted from the two runs' predictions
    RowResolver runB = RowResolver.load(ProjectRun.runDir(outputs, SampleRun.MODELS.get(1), "cue-conflict"));
    int both = 0;
    for (int i = 0; i < run.size(); i++) {
      RowResolver.Row a = run.row(i);
      if (a.labelName() == null) continue;
      String texture = CueConflictNames.textureCategory(a.image().getFileName().toString());
      if (texture.equals(a.labelName())) continue;
      if (a.predictedName().equals(texture) && runB.row(i).predictedName().equals(a.labelName())) both++;
    }
    int expectedBoth = both;
    fx(() -> {
      app.window().openView(Views.byId("shape-bias").orElseThrow());
      view.selectTab(1);
      view.setStimulusFilter(new Stimulus.Filter(SampleRun.MODELS.get(0), "texture", SampleRun.MODELS.get(1), "shape", true, ""));
      return null;
    });
    assertEquals(expectedBoth, fx(() -> view.shownStimuli().size()), "stimuli where A says texture and B says shape");
    fx(() -> {
      view.setStimulusFilter(new Stimulus.Filter(SampleRun.MODELS.get(0), null, null, null, false, ""));
      view.showStimulus(view.shownStimuli().get(0));
      return null;
    });
    assertEquals(240, fx(() -> view.shownStimuli().size()));
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(1500);
    SampleRun.snapshot(robot, "shape-bias-stimuli.png");
    fx(() -> {
      view.selectTab(0);
      return null;
    });

    // humans: two of three synthetic observers answer the shape, one the texture
    Path csv = SampleRun.syntheticHumans(SampleRun.WORK.resolve("humans/mvh-synthetic.csv"));
    fx(() -> {
      view.importHumans(List.of(csv));
      return null;
    });
    ShapeBiasData.Series humans = waitForValue(30, () -> fx(() -> view.data() == null ? null
        : view.data().series().stream().filter(ShapeBiasData.Series::human).findFirst().orElse(null)));
    assertEquals(2.0 / 3.0, humans.result().shapeBias(), 1e-12);
    assertEquals(3, ShapeBiasData.subjects(humans.result()));
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(500);
    SampleRun.snapshot(robot, "shape-bias-humans.png");

    for (FigureFormat f : FigureFormat.values()) {
      Path out = SampleRun.WORK.resolve("shape-bias." + f.extension());
      Files.deleteIfExists(out);
      view.export(out, f);
      assertTrue(Files.size(out) > 1000, out + " has " + Files.size(out) + " bytes");
    }
    assertNotNull(fx(view::viewer));
  }
}
