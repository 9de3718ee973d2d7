package io.clipwb.app.view.factors;

import static io.clipwb.app.view.SampleRun.fx;
import static io.clipwb.app.view.SampleRun.waitForValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.view.CrossViewFxBase;
import io.clipwb.app.view.SampleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The visual-factor view on a finished sample run. From the manifest's factor columns: a click on an
 * error-ratio bar drills into exactly the images with that factor (counted from manifest.csv). From an
 * ImageNet-X annotation file written here for the sample's test images: the join covers every image
 * and a bar's drill-down holds exactly the images annotated with that factor. The shared ImageNet-X
 * file, whose file names match no sample image, yields the how-to message. Export in three formats.
 */
class FactorsViewFxTest extends CrossViewFxBase {
  FactorsView view;

  @Start
  void start(Stage stage) {
    view = showCross(stage, FactorsView::new, 1200, 900);
  }

  @Test
  void barsDrillIntoTheImagesWithTheFactor(FxRobot robot) throws Exception {
    List<Map<String, String>> test = SampleRun.manifest("test");
    FactorData.Outcome o = waitForValue(60, () -> fx(() -> view.outcome()));
    assertEquals(SampleRun.CROSS_MODELS.size(), o.models().size(), String.valueOf(o.notes()));
    List<String> columns = test.get(0).keySet().stream().filter(c -> c.startsWith("factor_")).toList();
    assertEquals(new java.util.TreeSet<>(columns.stream().filter(c -> test.stream().anyMatch(m -> "1".equals(m.get(c)))).toList()),
        new java.util.TreeSet<>(o.factors()));
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(400);
    SampleRun.shot(view, "factors-view.png");

    FactorCharts.Bar bar = SampleRun.click(robot, view.barViewer(), e -> FactorCharts.barAt(e, o.factors()).orElse(null));
    assertNotNull(bar, "a bar");
    WaitForAsyncUtils.waitForFxEvents();
    DrillRequest r = waitForValue(20, () -> drills.isEmpty() ? null : drills.get(0));
    assertEquals(bar.model(), r.model());
    assertEquals("test", r.set());
    long expected = test.stream().filter(m -> "1".equals(m.get(bar.factor()))).count();
    assertEquals(expected, r.rows().length, "the images with " + bar.factor());
    for (int row : r.rows()) assertEquals("1", test.get(row).get(bar.factor()), "row " + row);

    for (FigureFormat f : FigureFormat.values()) {
      Path file = Path.of("target", "test-gui", "factors." + f.extension()).toAbsolutePath();
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      view.export(file, f);
      assertTrue(Files.size(file) > 1000, file + " has " + Files.size(file) + " bytes");
    }

    // an ImageNet-X file for the sample's test images: pose on every 3rd image, background on every 5th
    Path dir = Path.of("target", "test-gui", "imagenet-x").toAbsolutePath();
    Files.createDirectories(dir);
    Path jsonl = dir.resolve("sample_annotations.jsonl");
    List<String> lines = new ArrayList<>();
    int pose = 0;
    for (int i = 0; i < test.size(); i++) {
      String name = Path.of(test.get(i).get("path")).getFileName().toString();
      StringBuilder sb = new StringBuilder("{\"file_name\":\"" + name + "\",\"class\":0");
      for (String fac : io.clipwb.core.eval.factors.ImageNetX.FACTORS) {
        boolean on = fac.equals("pose") ? i % 3 == 0 : fac.equals("background") && i % 5 == 0;
        sb.append(",\"").append(fac).append("\":").append(on ? 1 : 0);
      }
      lines.add(sb.append('}').toString());
      if (i % 3 == 0) pose++;
    }
    Files.write(jsonl, lines);
    drills.clear();
    fx(() -> {
      view.setSource(FactorData.Source.imagenetX(jsonl));
      return null;
    });
    FactorData.Outcome x = waitForValue(60, () -> fx(() -> view.outcome() != null && view.outcome().factors().contains("pose")
        ? view.outcome() : null));
    for (FactorData.ModelResult m : x.models()) {
      assertEquals(test.size(), m.result().overall().nImages(), "every test image joined");
      assertEquals(pose, m.result().overall().factorCount().get("pose"));
    }
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(300);
    FactorCharts.Bar pb = SampleRun.click(robot, view.barViewer(), e -> FactorCharts.barAt(e, x.factors())
        .filter(b -> b.factor().equals("pose")).orElse(null));
    assertNotNull(pb, "a pose bar");
    DrillRequest pr = waitForValue(20, () -> drills.isEmpty() ? null : drills.get(0));
    assertEquals(pose, pr.rows().length);
    for (int row : pr.rows()) assertEquals(0, row % 3, "row " + row + " has pose");

    // annotations whose file names match no image: the view says how to import matching ones
    Path shared = Path.of("..", "shared", "data", "imagenet-x", "imagenet_x_train_multi_factor.jsonl").toAbsolutePath().normalize();
    if (Files.isRegularFile(shared)) {
      fx(() -> {
        view.setSource(FactorData.Source.imagenetX(shared));
        return null;
      });
      Label msg = waitForValue(60, () -> fx(() -> robot.lookup("#factors-message").tryQueryAs(Label.class).orElse(null)));
      String text = fx(msg::getText);
      assertTrue(text.contains("none of the 320 images is annotated"), text);
    }
  }
}
