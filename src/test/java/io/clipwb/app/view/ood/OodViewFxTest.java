package io.clipwb.app.view.ood;

import static io.clipwb.app.view.SampleRun.fx;
import static io.clipwb.app.view.SampleRun.waitForValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.catalog.Views;
import io.clipwb.app.drill.DrillDownView;
import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.view.FxViewTest;
import io.clipwb.app.view.SampleRun;
import io.clipwb.core.eval.ood.OodResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * The OOD view on a finished run of the sample project: one histogram per score function and the
 * ROC, a click on a histogram bar drills down into as many ID and OOD images as the core's
 * histogram counts in that bin, the threshold slider starts at the core's FPR@95 point and shows
 * the core's FPR there, and the focused chart exports in three formats.
 */
class OodViewFxTest extends FxViewTest {

  @Start
  void start(Stage stage) throws Exception {
    SampleRun.runForWorkbench();
    startApp(stage);
  }

  @Test
  void histogramsRocDrillThresholdExport(FxRobot robot) throws Exception {
    waitForValue(60, () -> fx(() -> wb.reportProperty().get()));
    fx(() -> app.window().openView(Views.byId("ood").orElseThrow()));
    OodView view = waitForValue(60, () -> fx(() -> robot.lookup("#ood-view").tryQueryAs(OodView.class)
        .filter(v -> v.histogramViewers().size() == 4 && v.rocViewer() != null).orElse(null)));
    OodResult result = fx(view::result);
    assertEquals("ood", result.oodSet());
    assertEquals(4, result.scores().size());
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(500);
    SampleRun.snapshot(robot, "ood-view.png");

    // the threshold slider starts at the core's FPR@95 threshold of the chosen score
    int si = 0;
    for (int i = 0; i < result.scores().size(); i++) if (result.scores().get(i).score().name().equals("MCM")) si = i;
    OodResult.PerScore mcm = result.scores().get(si);
    String rates = fx(view::ratesText);
    String fpr = String.format(Locale.ROOT, "FPR %.1f%%", 100 * mcm.metrics().fprOpenOod());
    assertTrue(rates.contains(fpr), rates + " should show the core's " + fpr);

    // click a bar with ID and OOD images: as many of each as the core's histogram counts
    int scoreIndex = si;
    ChartViewer viewer = fx(() -> view.histogramViewers().get(scoreIndex));
    Object[] hit = waitForValue(20, () -> fx(() -> {
      if (viewer.getRenderingInfo() == null) return null;
      for (Object o : viewer.getRenderingInfo().getEntityCollection().getEntities()) {
        ChartEntity e = (ChartEntity) o;
        OodChart.BarRef ref = OodChart.barAt(e).orElse(null);
        if (ref == null || mcm.histogram().idCounts()[ref.bin()] == 0 || mcm.histogram().oodCounts()[ref.bin()] == 0) continue;
        var b = e.getArea().getBounds2D();
        if (b.getHeight() < 3) continue;
        return new Object[] {ref, viewer.getCanvas().localToScreen(b.getCenterX(), b.getMaxY() - 1.5)};
      }
      return null;
    }));
    OodChart.BarRef ref = (OodChart.BarRef) hit[0];
    int idCount = mcm.histogram().idCounts()[ref.bin()];
    int oodCount = mcm.histogram().oodCounts()[ref.bin()];
    List<DrillRequest> expected = fx(() -> {
      for (Object o : viewer.getRenderingInfo().getEntityCollection().getEntities()) {
        if (OodChart.barAt((ChartEntity) o).filter(ref::equals).isPresent()) return view.requestsFor(viewer, (ChartEntity) o);
      }
      return List.<DrillRequest>of();
    });
    assertEquals(2, expected.size());
    robot.clickOn((Point2D) hit[1]);
    List<DrillDownView> drills = waitForValue(20, () -> fx(() -> {
      List<DrillDownView> all = new ArrayList<>(robot.lookup(".drill-view").queryAllAs(DrillDownView.class));
      return all.size() >= 2 ? all : null;
    }));
    List<Integer> sizes = new ArrayList<>();
    for (DrillDownView d : drills) sizes.add(d.loaded().get(60, TimeUnit.SECONDS).size());
    sizes.sort(null);
    List<Integer> want = new ArrayList<>(List.of(idCount, oodCount));
    want.sort(null);
    assertEquals(want, sizes, "ID and OOD images of the bin, as the core's histogram counts them");
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(700);
    SampleRun.snapshot(robot, "ood-drill.png");

    // moving the slider changes the rates
    fx(() -> {
      view.slider().setValue(view.slider().getMax());
      return null;
    });
    assertTrue(fx(view::ratesText).contains("TPR 100.0%") && fx(view::ratesText).contains("FPR 100.0%"), fx(view::ratesText));

    for (FigureFormat f : FigureFormat.values()) {
      Path out = SampleRun.WORK.resolve("ood." + f.extension());
      Files.deleteIfExists(out);
      view.export(out, f);
      assertTrue(Files.size(out) > 1000, out + " has " + Files.size(out) + " bytes");
    }
  }
}
