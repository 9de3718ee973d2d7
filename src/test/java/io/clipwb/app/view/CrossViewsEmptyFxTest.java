package io.clipwb.app.view;

import static io.clipwb.app.view.SampleRun.fx;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.jobs.JobService;
import io.clipwb.app.state.ErrorReporter;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.factors.FactorsView;
import io.clipwb.app.view.scatter.ScatterView;
import io.clipwb.app.view.shift.ShiftView;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The three cross-model views open before any run (no report): each says to run the project instead of failing. */
class CrossViewsEmptyFxTest extends FxViewTest {
  @Start
  void start(Stage stage) {
    wb = new Workbench(new JobService(), new ErrorReporter(null), new PreferencesStore(SampleRun.WORK.resolve("config-empty")));
    show(stage, new VBox(new ScatterView(wb), new FactorsView(wb), new ShiftView(wb)), 900, 900);
  }

  @Test
  void withoutAReportEachViewAsksForARun(FxRobot robot) throws Exception {
    List<String> texts = fx(() -> robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList());
    long n = texts.stream().filter(t -> t.startsWith("No results yet")).count();
    assertTrue(n >= 3, texts.toString());
  }
}
