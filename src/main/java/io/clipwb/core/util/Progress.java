package io.clipwb.core.util;

/**
 * A plain progress callback for long core work. The CLI prints it to stderr; the GUI adapts it
 * to {@code javafx.concurrent.Task#updateProgress}. Implementations must be thread-safe and cheap:
 * workers call it from their own threads.
 *
 * <p>Two channels. {@link #update} says how far a step is ({@code done} of {@code total} units,
 * which may include items that were only looked up). {@link #items} says how much real work was
 * done: embedders report the items they <em>computed</em> separately from those taken from the
 * cache, so a consumer derives an honest rate (computed items per second) and ETA from
 * {@code computed} alone. Both counts are cumulative for the current call of the reporting method
 * (they restart at zero when the next model/set starts) and never decrease within one call.
 */
@FunctionalInterface
public interface Progress {
  /**
   * @param done units finished so far
   * @param total total units (or -1 when unknown)
   * @param message a short human-readable status ("encoding images", ...)
   */
  void update(long done, long total, String message);

  /**
   * Real work so far in the current call: {@code computed} items run through a model now,
   * {@code fromCache} items taken from the embedding cache. Called once after the cache lookup and
   * after every encoded batch. The default ignores it.
   */
  default void items(long computed, long fromCache) {}

  /**
   * This progress without its {@link #items} channel: for a sub-step whose items are of another
   * kind than the caller's (a zero-shot run's prompts, whose counts must not mix with its images).
   */
  default Progress updatesOnly() {
    Progress self = this;
    return self::update;
  }

  /** Ignores everything. */
  Progress NONE = (d, t, m) -> {};
}
