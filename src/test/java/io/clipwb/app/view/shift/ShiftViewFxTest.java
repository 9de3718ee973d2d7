package io.clipwb.app.view.shift;

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
import java.util.List;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The distribution-shift view on a finished sample run: bars per model and set; a click on an
 * accuracy bar drills into every labelled image of that set, a click on a class bar into exactly
 * that class's images on the second set, both counted independently from the sample manifests;
 * the per-class accuracies equal the core's; export in three formats.
 */
class ShiftViewFxTest extends CrossViewFxBase {
  ShiftView view;

  @Start
  void start(Stage stage) {
    view = showCross(stage, ShiftView::new, 1200, 900);
  }

  @Test
  void barsDrillIntoTheSetAndTheClass(FxRobot robot) throws Exception {
    List<ShiftData.ClassDrop> drops = waitForValue(60, () -> fx(() -> view.drops().size() == SampleRun.CROSS_MODELS.size() ? view.drops() : null));
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(400);
    SampleRun.shot(view, "shift-view.png");
    List<Map<String, String>> test = SampleRun.manifest("test");
    List<Map<String, String>> dark = SampleRun.manifest("dark");
    for (ShiftData.ClassDrop d : drops) {
      assertEquals("test", d.setA());
      assertEquals("dark", d.setB());
      assertEquals(16, d.rows().size(), "the sample's 16 classes");
      for (ShiftData.ClassRow r : d.rows()) {
        assertEquals(count(test, r.className()), r.nA(), r.className());
        assertEquals(count(dark, r.className()), r.nB(), r.className());
        assertEquals(r.accA() - r.accB(), r.drop(), 0);
      }
    }

    // an accuracy bar: every labelled image of that model's set
    ShiftCharts.Bar acc = SampleRun.click(robot, view.accuracyViewer(), e -> ShiftCharts.barAt(e)
        .filter(b -> b.column().equals("dark")).orElse(null));
    assertNotNull(acc, "a bar of the dark set");
    DrillRequest r1 = waitForValue(20, () -> drills.isEmpty() ? null : drills.get(0));
    assertEquals(acc.model(), r1.model());
    assertEquals("dark", r1.set());
    assertEquals(dark.size(), r1.rows().length, "every image of dark");

    // a class bar: exactly that class's images on dark
    drills.clear();
    ShiftCharts.Bar cls = SampleRun.click(robot, view.dropViewer(), e -> ShiftCharts.barAt(e).orElse(null));
    assertNotNull(cls, "a class bar");
    DrillRequest r2 = waitForValue(20, () -> drills.isEmpty() ? null : drills.get(0));
    assertEquals(cls.model(), r2.model());
    assertEquals("dark", r2.set());
    assertEquals(count(dark, cls.column()), r2.rows().length, "the images of class " + cls.column());
    assertTrue(r2.rows().length > 0);

    for (FigureFormat f : FigureFormat.values()) {
      Path file = Path.of("target", "test-gui", "shift." + f.extension()).toAbsolutePath();
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      view.export(file, f);
      assertTrue(Files.size(file) > 1000, file + " has " + Files.size(file) + " bytes");
    }
  }

  static long count(List<Map<String, String>> rows, String label) {
    return rows.stream().filter(m -> label.equals(m.get("label"))).count();
  }
}
