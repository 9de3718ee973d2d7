package io.clipwb.core.util;

/**
 * A plain progress callback for long core work. The CLI prints it to stderr; the GUI adapts it
 * to {@code javafx.concurrent.Task#updateProgress}. Implementations must be thread-safe and cheap:
 * workers call it from their own threads.
 */
@FunctionalInterface
public interface Progress {
  /**
   * @param done units finished so far
   * @param total total units (or -1 when unknown)
   * @param message a short human-readable status ("encoding images", ...)
   */
  void update(long done, long total, String message);

  Progress NONE = (d, t, m) -> {};
}
