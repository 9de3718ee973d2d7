package io.clipwb.app.jobs;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * "Latest wins" for one view's background computation: inputs are captured on the FX thread,
 * computed off it, and only the result of the most recent request is published (a slow old request
 * finishing late is dropped). At most one computation runs at a time; requests arriving meanwhile
 * collapse into one that runs next. Why: a spinner dragged through ten values, or a run publishing
 * a pair every second, must neither leave the chart showing the third value nor pile up ten
 * concurrent computations that compete with the run for cores and heap.
 *
 * @param <T> the result
 */
public final class Latest<T> {
  private final Executor executor;
  private final AtomicLong generation = new AtomicLong();
  private final Consumer<Throwable> onError;
  private final Object lock = new Object();
  private boolean running;
  private Runnable pending;

  public Latest(Executor executor, Consumer<Throwable> onError) {
    this.executor = executor;
    this.onError = onError;
  }

  /** Computes {@code work} in the background and hands its result to {@code apply} on the FX thread if still the latest. */
  public void request(Callable<T> work, Consumer<T> apply) {
    long g = generation.incrementAndGet();
    Runnable task = () -> run(g, work, apply);
    synchronized (lock) {
      if (running) {
        pending = task; // replaces an older pending request
        return;
      }
      running = true;
    }
    submit(task);
  }

  private void submit(Runnable task) {
    try {
      executor.execute(() -> {
        try {
          task.run();
        } finally {
          Runnable next;
          synchronized (lock) {
            next = pending;
            pending = null;
            running = next != null;
          }
          if (next != null) submit(next);
        }
      });
    } catch (RejectedExecutionException e) {
      synchronized (lock) { // the workbench is shutting down: nothing to publish to
        running = false;
        pending = null;
      }
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
