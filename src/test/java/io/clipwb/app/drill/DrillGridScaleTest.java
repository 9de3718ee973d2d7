package io.clipwb.app.drill;

import static io.clipwb.app.drill.DrillDownViewTest.cellAt;
import static io.clipwb.app.drill.DrillDownViewTest.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 50,000 items (the sample test set's 320 real images, repeated) in one grid: jumping to item
 * 40,000 and back and 20 random jumps build a bounded number of cells, the far items get their
 * thumbnails, and the thumbnail cache stays within its bounds.
 */
@ExtendWith(ApplicationExtension.class)
class DrillGridScaleTest {
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new Scene(new StackPane(), 1000, 720));
    stage.show();
  }

  /** n items cycling through the run's rows. */
  static List<DrillItem> items(int n) throws Exception {
    DrillRows rows = new DrillRowSource(RunFolderRows::load, 1).rows(DrillFixture.runFolder()).get(60, TimeUnit.SECONDS);
    List<DrillItem> base = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) base.add(rows.row(r));
    List<DrillItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(base.get(i % base.size()));
    return out;
  }

  static boolean hasImage(DrillDownView view, int index) throws Exception {
    ThumbnailCell c = cellAt(view, index);
    return c != null && fx(c::hasImage);
  }

  @Test
  void fiftyThousandItemsScrollWithBoundedCellsAndCache(FxRobot robot) throws Exception {
    List<DrillItem> items = items(50_000);
    ThumbnailService thumbs = new ThumbnailService(96, 100, 4L << 20);
    DrillDownView view = fx(() -> {
      DrillDownView v = new DrillDownView("50,000 images", items, thumbs);
      stage.getScene().setRoot(v);
      return v;
    });
    view.loaded().get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(50_000, (int) fx(() -> view.grid().getItems().size()));

    robot.interact(() -> view.select(40_000));
    WaitForAsyncUtils.waitForFxEvents();
    ThumbnailCell far = cellAt(view, 40_000);
    assertNotNull(far, "item 40,000 is on screen after the jump");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> hasImage(view, 40_000));

    robot.interact(() -> view.select(0));
    WaitForAsyncUtils.waitForFxEvents();
    assertNotNull(cellAt(view, 0));
    SplittableRandom rnd = new SplittableRandom(13);
    VirtualFlow<?> flow = fx(view::flow);
    int rowsInFlow = fx(flow::getCellCount);
    for (int i = 0; i < 20; i++) {
      int row = rnd.nextInt(rowsInFlow);
      robot.interact(() -> flow.scrollTo(row));
    }
    robot.interact(() -> flow.scrollTo(0));
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> hasImage(view, 0));

    int cells = view.cellsCreated();
    assertTrue(cells > 0 && cells < 200, "cells built: " + cells);
    assertTrue(thumbs.size() <= 100, "thumbnails cached: " + thumbs.size());
    assertTrue(thumbs.bytes() <= 4L << 20, "thumbnail bytes: " + thumbs.bytes());
    assertTrue(thumbs.decodes() < 2_000, "decodes: " + thumbs.decodes());
  }
}
