package io.clipwb.app;

import javafx.application.Application;

/**
 * The workbench's main class. It does not extend {@link Application} on purpose: with JavaFX on the
 * class path (not the module path), a main class that extends Application is refused by the JavaFX
 * launcher check ("JavaFX runtime components are missing"); a plain class that calls
 * {@link Application#launch} is not.
 */
public final class WorkbenchLauncher {
  private WorkbenchLauncher() {}

  /** {@code clipwb-gui [project.json]}. */
  public static void main(String[] args) {
    io.clipwb.core.cache.CacheLocation.configureNativeCaches();
    // runs, reports and hashing give way to the FX and render threads (docs/fx-responsiveness.md)
    io.clipwb.core.util.BackgroundThreads.yieldToUi();
    Application.launch(WorkbenchApp.class, args);
  }
}
