package io.clipwb.app.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The drill-down on a real run folder (the sample ViT on the sample test set), checked against the
 * run's {@code predictions.csv}, which the evaluation wrote: the grid shows exactly the requested
 * rows with their labels, the "incorrect" filter counts the wrong rows, a double-click opens the
 * detail with the top-1 class and probability, the keyboard moves and opens, Esc closes.
 */
@ExtendWith(ApplicationExtension.class)
class DrillDownViewTest {
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new Scene(new StackPane(), 1000, 720));
    stage.show();
  }

  static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
  }

  /** All wrong rows and as many correct ones, in row order. */
  static int[] mixedRows(List<DrillFixture.Prediction> p) {
    List<Integer> wrong = IntStream.range(0, p.size()).filter(i -> !p.get(i).correct()).boxed().toList();
    List<Integer> right = IntStream.range(0, p.size()).filter(i -> p.get(i).correct()).limit(wrong.size() + 8).boxed().toList();
    List<Integer> all = new ArrayList<>(wrong);
    all.addAll(right);
    return all.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  DrillDownView open(DrillRequest request, ThumbnailService thumbs) throws Exception {
    DrillDownView view = fx(() -> {
      DrillDownView v = new DrillDownView(request, new DrillRowSource(RunFolderRows::load, 2), thumbs);
      stage.getScene().setRoot(v);
      return v;
    });
    view.loaded().get(60, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    return view;
  }

  static ThumbnailCell cellAt(DrillDownView view, int index) throws Exception {
    return fx(() -> view.grid().lookupAll(".drill-cell").stream().map(n -> (ThumbnailCell) n)
        .filter(c -> !c.isEmpty() && c.getIndex() == index && onScreen(c)).findFirst().orElse(null));
  }

  /** Not the flow's hidden measuring row. */
  static boolean onScreen(Node n) {
    for (Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
    return true;
  }

  static String text(Node parent, String selector) throws Exception {
    return fx(() -> ((Label) parent.lookup(selector)).getText());
  }

  static void waitForThumbnails(DrillDownView view) throws Exception {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> view.grid().lookupAll(".drill-cell").stream()
        .map(n -> (ThumbnailCell) n).filter(c -> !c.isEmpty() && onScreen(c)).allMatch(ThumbnailCell::hasImage)));
  }

  static void snapshot(Node node, String name) throws Exception {
    Path dir = Path.of("target", "drill-screens");
    Files.createDirectories(dir);
    WritableImage img = fx(() -> node.snapshot(null, null));
    ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", dir.resolve(name).toFile());
  }

  @Test
  void gridFilterAndDetailMatchPredictionsCsv(FxRobot robot) throws Exception {
    List<DrillFixture.Prediction> pred = DrillFixture.predictions();
    int[] rows = mixedRows(pred);
    long wrong = IntStream.of(rows).filter(r -> !pred.get(r).correct()).count();
    assertTrue(wrong > 0 && wrong < rows.length, "the fixture has both correct and wrong rows");
    ThumbnailService thumbs = new ThumbnailService(128, 500, 32L << 20);
    DrillDownView view = open(new DrillRequest("sample-vit-default / test", "sample-vit-default", "test",
        DrillFixture.runFolder(), rows), thumbs);

    // exactly the requested rows, in row order, each cell with the run's label and prediction
    assertEquals(rows.length, (int) fx(() -> view.grid().getItems().size()));
    assertEquals(IntStream.of(rows).boxed().toList(), fx(() -> view.shownItems().stream().map(DrillItem::row).toList()));
    for (int i : new int[] {0, 1, 2}) {
      ThumbnailCell cell = cellAt(view, i);
      assertNotNull(cell, "cell " + i + " is on screen");
      DrillFixture.Prediction p = pred.get(rows[i]);
      assertEquals(p.label(), text(cell, ".drill-true"));
      String[] predText = text(cell, ".drill-pred").split(" ");
      assertEquals(p.pred1(), predText[0]);
      assertEquals(p.prob1(), Double.parseDouble(predText[1]), 0.0051);
      assertTrue(fx(() -> cell.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass(p.correct() ? "correct" : "wrong"))));
    }
    assertEquals(String.format("%d images: %d correct, %d wrong", rows.length, rows.length - wrong, wrong),
        text(view, ".drill-summary"));
    waitForThumbnails(view);
    snapshot(view, "drill-grid.png");

    // the incorrect filter shows exactly the wrong rows
    robot.interact(() -> ((ComboBox<DrillQuery.Outcome>) view.lookup("#drill-outcome")).setValue(DrillQuery.Outcome.WRONG));
    assertEquals(wrong, (long) fx(() -> view.grid().getItems().size()));
    assertTrue(fx(() -> view.shownItems().stream().noneMatch(DrillItem::correct)));
    robot.interact(() -> ((ComboBox<DrillQuery.Outcome>) view.lookup("#drill-outcome")).setValue(DrillQuery.Outcome.ALL));
    assertEquals(rows.length, (int) fx(() -> view.grid().getItems().size()));

    // a double-click opens the detail with the top-1 class and probability of predictions.csv
    int target = 3;
    DrillFixture.Prediction p = pred.get(rows[target]);
    ThumbnailCell cell = cellAt(view, target);
    robot.clickOn(cell);
    assertEquals(target, (int) fx(() -> view.selectedIndexProperty().get()), "a click selects");
    assertNull(fx(view::detail));
    // the second click of a robot double-click can miss the multi-click interval on a loaded
    // machine, so the double-click is delivered as one event with clickCount 2
    robot.interact(() -> Event.fireEvent(cell, new MouseEvent(MouseEvent.MOUSE_CLICKED, 10, 10, 0, 0, MouseButton.PRIMARY, 2,
        false, false, false, false, false, false, false, false, false, true, null)));
    WaitForAsyncUtils.waitForFxEvents();
    ImageDetailView detail = fx(view::detail);
    assertNotNull(detail, "double-click opens the detail");
    assertEquals(rows[target], detail.item().row());
    assertEquals(p.pred1(), text(detail, ".drill-top-class"));
    assertEquals(p.prob1(), Double.parseDouble(text(detail, ".drill-top-prob")), 0.00051);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> detail.image() != null && detail.image().getWidth() == 64));
    snapshot(view, "drill-detail.png");
    robot.type(KeyCode.ESCAPE);
    assertNull(fx(view::detail), "Esc closes the detail");

    // keyboard: Right moves the selection, Enter opens, Esc closes
    assertEquals(target, (int) fx(() -> view.selectedIndexProperty().get()));
    robot.type(KeyCode.RIGHT);
    assertEquals(target + 1, (int) fx(() -> view.selectedIndexProperty().get()));
    robot.type(KeyCode.ENTER);
    assertEquals(rows[target + 1], (int) fx(() -> view.detail().item().row()));
    robot.type(KeyCode.ESCAPE);
    assertNull(fx(view::detail));
  }

  @Test
  void sortByConfidenceAndClassText(FxRobot robot) throws Exception {
    List<DrillFixture.Prediction> pred = DrillFixture.predictions();
    int[] rows = IntStream.range(0, 64).toArray();
    DrillDownView view = open(new DrillRequest("first 64", "sample-vit-default", "test", DrillFixture.runFolder(), rows),
        new ThumbnailService(64, 100, 8L << 20));
    robot.interact(() -> view.setQuery(new DrillQuery(DrillQuery.Outcome.ALL, "", DrillQuery.Order.CONFIDENCE_ASC)));
    List<Double> conf = fx(() -> view.shownItems().stream().map(DrillItem::confidence).toList());
    List<Double> sorted = conf.stream().sorted().toList();
    assertEquals(sorted, conf);
    assertEquals(IntStream.of(rows).mapToDouble(r -> pred.get(r).prob1()).min().orElseThrow(), conf.get(0), 1e-5);
    String cls = pred.get(0).label();
    robot.interact(() -> view.setQuery(new DrillQuery(DrillQuery.Outcome.ALL, cls.toUpperCase(), DrillQuery.Order.ROW)));
    long expected = IntStream.of(rows).filter(r -> pred.get(r).label().contains(cls) || pred.get(r).pred1().contains(cls)).count();
    assertEquals(expected, (long) fx(() -> view.shownItems().size()));
  }

  @Test
  void brokenImageShowsThePlaceholderWithTheReasonAndIsNotRetried(FxRobot robot) throws Exception {
    Path missing = Path.of("target", "drill-fixture", "no-such-image.png").toAbsolutePath();
    DrillItem broken = new DrillItem(7, missing, "circle", "square", 0.5, false, Map.of(), List.of());
    ThumbnailService thumbs = new ThumbnailService(64, 10, 1L << 20);
    DrillDownView view = fx(() -> {
      DrillDownView v = new DrillDownView("broken", List.of(broken, broken), thumbs);
      stage.getScene().setRoot(v);
      return v;
    });
    view.loaded().get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
      ThumbnailCell a = cellAt(view, 0);
      ThumbnailCell b = cellAt(view, 1);
      return a != null && b != null && !fx(a::placeholderText).isEmpty() && !fx(b::placeholderText).isEmpty();
    });
    ThumbnailCell first = cellAt(view, 0);
    assertEquals("cannot show image", fx(first::placeholderText));
    String tip = fx(first::tooltipText);
    assertTrue(tip.contains("file not found") && tip.contains("row 7"), tip);
    assertEquals(1, thumbs.failures());
    int decodes = thumbs.decodes();
    assertEquals(1, decodes, "two cells of one broken file: decoded once");
    robot.interact(() -> view.setQuery(new DrillQuery(DrillQuery.Outcome.ALL, "", DrillQuery.Order.CONFIDENCE_DESC)));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(decodes, thumbs.decodes(), "a remembered failure is not decoded again");
  }
}
