package io.clipwb.app.view;

import static io.clipwb.app.view.CrossFixture.fx;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.jobs.JobService;
import io.clipwb.app.state.ErrorReporter;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.factors.FactorsView;
import io.clipwb.app.view.scatter.ScatterView;
import io.clipwb.app.view.shift.ShiftView;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The three cross-model views open before any run (no report): each says to run the project instead of failing. */
@ExtendWith(ApplicationExtension.class)
class CrossViewsEmptyFxTest {
  Workbench wb;

  @Start
  void start(Stage stage) {
    wb = new Workbench(new JobService(), new ErrorReporter(null), new PreferencesStore(CrossFixture.BASE.resolve("config-empty")));
    stage.setScene(new Scene(new VBox(new ScatterView(wb), new FactorsView(wb), new ShiftView(wb)), 900, 900));
    stage.show();
  }

  @Test
  void withoutAReportEachViewAsksForARun(FxRobot robot) throws Exception {
    List<String> texts = fx(() -> robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList());
    long n = texts.stream().filter(t -> t.startsWith("No results yet")).count();
    assertTrue(n >= 3, texts.toString());
    fx(() -> {
      wb.jobs().close();
      return null;
    });
  }
}
