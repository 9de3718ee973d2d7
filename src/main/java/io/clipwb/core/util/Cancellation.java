package io.clipwb.core.util;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancellation flag checked in every loop of long core work. The GUI's cancel button and the
 * CLI's Ctrl-C handler call {@link #cancel()}; workers call {@link #check()} which throws
 * {@link CancellationException}. Whatever was already written to the cache stays valid, so a
 * cancelled run resumes where it stopped.
 *
 * <p><b>Cancel through this flag, never by interrupting the worker thread.</b> The flag is the only
 * signal: {@link #isCancelled()} deliberately ignores {@link Thread#isInterrupted()}, because an
 * interrupted thread's next {@code FileChannel} write fails with {@code ClosedByInterruptException}
 * and a half-finished result would be lost. A GUI task wrapping core work must override its
 * {@code cancel(boolean)} to call {@link #cancel()} and then cancel itself without interrupting.
 * Thread-safe: any thread may cancel, any number of workers may check.
 */
public final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /** A token that is never cancelled (a fresh one: cancelling it affects nobody else). */
  public static Cancellation none() {
    return new Cancellation();
  }

  public void cancel() {
    cancelled.set(true);
  }

  /** True once {@link #cancel()} was called; independent of thread interruption. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /** Throws {@link CancellationException} if cancellation was requested. */
  public void check() {
    if (isCancelled()) throw new CancellationException("cancelled");
  }
}
