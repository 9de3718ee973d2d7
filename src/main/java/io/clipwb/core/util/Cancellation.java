package io.clipwb.core.util;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancellation flag checked in every loop of long core work. The GUI's cancel button and the
 * CLI's Ctrl-C handler call {@link #cancel()}; workers call {@link #check()} which throws
 * {@link CancellationException}. Whatever was already written to the cache stays valid, so a
 * cancelled run resumes where it stopped.
 */
public final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /** A token that is never cancelled. */
  public static Cancellation none() {
    return new Cancellation();
  }

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get() || Thread.currentThread().isInterrupted();
  }

  /** Throws {@link CancellationException} if cancellation was requested. */
  public void check() {
    if (isCancelled()) throw new CancellationException("cancelled");
  }
}
