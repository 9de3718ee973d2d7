package io.clipwb.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clipwb.app.state.Preferences;
import io.clipwb.core.project.CacheSurvey;
import io.clipwb.core.project.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The run dialog sums the cache survey over the checked models × sets and follows the checks. */
@ExtendWith(ApplicationExtension.class)
class RunDialogTest {
  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new StackPane(), 400, 300));
    stage.show();
  }

  static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
  }

  @Test
  void showsHowManyImagesOfTheCheckedPairsAreCached() throws Exception {
    Project p = Project.load(Path.of("sample-data/project.json"));
    String id = p.idSet().name();
    String m0 = p.bundles().get(0).name();
    String m1 = p.bundles().get(1).name();
    CompletableFuture<List<CacheSurvey.Count>> survey = new CompletableFuture<>();
    RunDialog d = fx(() -> new RunDialog(null, p, Preferences.defaults(), List.of(m0, m1), List.of(id), survey));
    assertEquals("Cached: counting…", fx(d.cachedLabel::getText));
    survey.complete(List.of(new CacheSurvey.Count(m0, id, 320, 320), new CacheSurvey.Count(m1, id, 20, 320),
        new CacheSurvey.Count(m0, "dark", 5, 320)));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("Cached: 340 of 640 images (300 to compute)", fx(d.cachedLabel::getText));
    fx(() -> {
      d.models.getCheckModel().clearCheck(m1);
      return null;
    });
    assertEquals("Cached: 320 of 320 images (0 to compute)", fx(d.cachedLabel::getText));
  }

  @Test
  void offersTheGpuOnlyWhenDjlSeesOne() throws Exception {
    Project p = Project.load(Path.of("sample-data/project.json"));
    RunDialog d = fx(() -> new RunDialog(null, p, Preferences.defaults(), List.of(), List.of()));
    int gpus = io.clipwb.app.state.ProjectService.gpus().get(60, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.ComboBox<?> device = fx(() -> (javafx.scene.control.ComboBox<?>) d.getDialogPane().lookup("#run-device"));
    assertEquals(gpus == 0, fx(device::isDisabled), "gpus = " + gpus);
    if (gpus == 0) assertEquals("cpu", fx(device::getValue));
  }
}
