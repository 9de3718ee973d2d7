package io.clipwb.app;

import javafx.application.Application;

/**
 * The workbench's main class. It does not extend {@link Application} on purpose: with JavaFX on the
 * class path (not the module path), a main class that extends Application is refused by the JavaFX
 * launcher check ("JavaFX runtime components are missing"); a plain class that calls
 * {@link Application#launch} is not.
 */
public final class WorkbenchLauncher {
  /**
   * JavaFX's own logger, held so that its filter stays (JUL keeps loggers weakly). The filter drops
   * the one warning JavaFX prints when it is loaded from the class path ("Unsupported JavaFX
   * configuration: classes were loaded from 'unnamed module'"): the workbench runs from the class
   * path on purpose (see above), and a user's terminal should not open with a warning about it.
   */
  private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

  private WorkbenchLauncher() {}

  /** {@code clipwb-gui [project.json]}. */
  public static void main(String[] args) {
    io.clipwb.core.cache.CacheLocation.configureNativeCaches();
    JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    // runs, reports and hashing give way to the FX and render threads (docs/fx-responsiveness.md)
    io.clipwb.core.util.BackgroundThreads.yieldToUi();
    Application.launch(WorkbenchApp.class, args);
  }
}
