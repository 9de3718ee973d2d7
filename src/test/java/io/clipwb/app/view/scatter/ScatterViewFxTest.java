package io.clipwb.app.view.scatter;

import static io.clipwb.app.view.SampleRun.fx;
import static io.clipwb.app.view.SampleRun.waitForValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.view.CrossViewFxBase;
import io.clipwb.app.view.SampleRun;
import io.clipwb.core.eval.shift.AccuracyTable;
import io.clipwb.core.io.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The cross-model scatter on a finished sample run (three models, ID + dark): the scatter has a
 * point per model, a click on a point selects that model in the workbench, the effective-robustness
 * table equals the run's {@code effective_robustness.csv} (written by {@code clipwb project run}),
 * an imported accuracy table's baseline gives the ER of a logit line fitted here by hand, and both
 * charts export in three formats.
 */
class ScatterViewFxTest extends CrossViewFxBase {
  ScatterView view;

  @Start
  void start(Stage stage) {
    view = showCross(stage, ScatterView::new, 1200, 850);
  }

  @Test
  void scatterClickSelectsModelAndErEqualsTheReport(FxRobot robot) throws Exception {
    ScatterData d = waitForValue(60, () -> fx(() -> view.data() != null && view.viewer() != null ? view.data() : null));
    assertEquals("acc/test", d.xKey());
    assertEquals(ScatterData.MEAN_SHIFT, d.yKey());
    assertEquals(SampleRun.CROSS_MODELS.size(), d.points().size(), "a point per model");
    for (ScatterData.Point p : d.points()) {
      double acc = SampleRun.crossReport().models().stream().filter(m -> m.model().equals(p.model())).findFirst().orElseThrow().id().accuracy();
      assertEquals(acc, p.x(), 0, p.model());
    }
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(300);
    SampleRun.shot(view, "scatter-view.png");

    String clicked = SampleRun.click(robot, view.viewer(), e -> view.modelAt(e).orElse(null));
    assertNotNull(clicked, "a point to click");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(clicked, fx(() -> wb.selectedModelProperty().get()), "the click selected the model");

    // effective robustness: the table equals the run's effective_robustness.csv
    fx(() -> {
      view.showTab(1);
      return null;
    });
    List<ErResults.Row> rows = waitForValue(60, () -> fx(() -> view.erPane().rows().isEmpty() ? null : view.erPane().rows()));
    Csv.Table csv = Csv.read(SampleRun.crossRun().resolve("effective_robustness.csv"), ',');
    int set = csv.requireColumn("shift_setting");
    int model = csv.requireColumn("model");
    int erL = csv.requireColumn("er_logit");
    int erP = csv.requireColumn("er_probit");
    int fitL = csv.requireColumn("fitted_logit");
    assertEquals(csv.rows().size(), rows.size(), "one row per model and set");
    Map<String, ErResults.Row> byKey = new TreeMap<>();
    rows.forEach(r -> byKey.put(r.set() + "/" + r.model(), r));
    for (Csv.Row r : csv.rows()) {
      ErResults.Row x = byKey.get(r.get(set) + "/" + r.get(model));
      assertNotNull(x, r.get(set) + "/" + r.get(model));
      close(Double.parseDouble(r.get(erL)), x.erLogit());
      close(Double.parseDouble(r.get(erP)), x.erProbit());
      close(Double.parseDouble(r.get(fitL)), x.fittedLogit());
    }
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(300);
    SampleRun.shot(view, "scatter-er.png");

    // an imported accuracy table: its models are the baseline; ER of the project's models from a logit line fitted here
    AccuracyTable t = AccuracyTable.parse(List.of("model,test,dark", "a,0.60,0.30", "b,0.70,0.36", "c,0.80,0.50", "d,0.90,0.55"), "test");
    fx(() -> {
      view.erPane().setAccuracyTable(t);
      return null;
    });
    List<ErResults.Row> withTable = waitForValue(60, () -> fx(() -> view.erPane().rows().size() == 4 + 3 ? view.erPane().rows() : null));
    double[] x = {logit(0.6), logit(0.7), logit(0.8), logit(0.9)};
    double[] y = {logit(0.3), logit(0.36), logit(0.5), logit(0.55)};
    double mx = (x[0] + x[1] + x[2] + x[3]) / 4;
    double my = (y[0] + y[1] + y[2] + y[3]) / 4;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < 4; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double slope = sxy / sxx;
    double icpt = my - slope * mx;
    for (ErResults.Row r : withTable) {
      if (r.model().length() == 1) {
        assertTrue(r.baseline(), r.model());
        continue;
      }
      double fitted = 1 / (1 + Math.exp(-(slope * logit(r.idAccuracy()) + icpt)));
      assertEquals(fitted, r.fittedLogit(), 1e-12, r.model());
      assertEquals(r.shiftAccuracy() - fitted, r.erLogit(), 1e-12, r.model());
    }

    for (FigureFormat f : FigureFormat.values()) {
      for (int tab = 0; tab < 2; tab++) {
        int k = tab;
        fx(() -> {
          view.showTab(k);
          return null;
        });
        Path file = Path.of("target", "test-gui", "scatter-" + k + "." + f.extension()).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        view.export(file, f);
        assertTrue(Files.size(file) > 1000, file + " has " + Files.size(file) + " bytes");
      }
    }
  }

  static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  /** The CSV holds 10 significant digits. */
  static void close(double expected, double actual) {
    assertEquals(expected, actual, 1e-12 + 1e-9 * Math.abs(expected));
  }
}
