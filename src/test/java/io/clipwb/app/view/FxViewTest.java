package io.clipwb.app.view;

import io.clipwb.app.WorkbenchApp;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.state.Preferences;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.Workbench;
import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The TestFX set-up the GUI tests share: the headless stage from {@link ApplicationExtension}, a
 * view shown alone or the whole workbench app started on it, and the workbench's background jobs
 * closed after each test (so no job of one test writes into the next one's outputs). A test sets
 * {@link #wb} (directly or through {@link #startApp}) in its {@code @Start} method.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class FxViewTest {
  /** The whole app, when the test started it with {@link #startApp}. */
  protected WorkbenchApp app;
  /** The workbench under test. */
  protected Workbench wb;

  /** Saves preferences that open the sample project with {@code cache} as the embedding cache (CPU, batch 32). */
  protected static void openSample(Path cache) {
    Preferences p = Preferences.defaults().withSettings(cache.toString(), null, "cpu", 2, 32, "light", FigureStyle.defaults())
        .withProjectOpened(SampleRun.SAMPLE);
    PreferencesStore.standard().save(p);
  }

  /** Starts the workbench app on {@code stage} with the saved preferences (FX thread). */
  protected void startApp(Stage stage) throws Exception {
    app = new WorkbenchApp();
    app.start(stage);
    wb = app.workbench();
  }

  /** Shows {@code view} alone on {@code stage}, {@code width} × {@code height} (FX thread). */
  protected static void show(Stage stage, Parent view, double width, double height) {
    stage.setScene(new Scene(view, width, height));
    stage.show();
  }

  @AfterEach
  void closeJobs() throws Exception {
    if (wb == null) return;
    SampleRun.fx(() -> {
      wb.jobs().close();
      return null;
    });
  }
}
