package io.clipwb.app.jobs;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * "Latest wins" for one view's background computation: inputs are captured on the FX thread,
 * computed off it, and only the result of the most recent request is published (a slow old request
 * finishing late is dropped). Why: a spinner dragged through ten values must not leave the chart
 * showing the third.
 *
 * @param <T> the result
 */
public final class Latest<T> {
  private final Executor executor;
  private final AtomicLong generation = new AtomicLong();
  private final Consumer<Throwable> onError;

  public Latest(Executor executor, Consumer<Throwable> onError) {
    this.executor = executor;
    this.onError = onError;
  }

  /** Computes {@code work} in the background and hands its result to {@code apply} on the FX thread if still the latest. */
  public void request(Callable<T> work, Consumer<T> apply) {
    long g = generation.incrementAndGet();
    try {
      executor.execute(() -> run(g, work, apply));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the workbench is shutting down: nothing to publish to
    }
  }

  private void run(long g, Callable<T> work, Consumer<T> apply) {
    if (g != generation.get()) return;
    try {
      T r = work.call();
      Platform.runLater(() -> {
        if (g == generation.get()) apply.accept(r);
      });
    } catch (Exception e) {
      Platform.runLater(() -> {
        if (g == generation.get()) onError.accept(e);
      });
    }
  }
}
