package io.clipwb.cli;

import io.clipwb.core.util.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Ctrl-C (SIGINT/SIGTERM) for long CLI work: the JVM's shutdown hook cancels the core task and waits
 * up to five seconds for it to stop at its next cancellation check, so the batch being written to
 * the cache is finished rather than cut off. (Cache writes are atomic either way; this keeps the
 * last batch too.) The GUI cancels the same {@link Cancellation} from its Cancel button.
 */
final class CtrlC {
  private CtrlC() {}

  /** As {@link #run(java.io.PrintWriter, Function)}, reporting to the process's stderr. */
  static <T> T run(Function<Cancellation, T> work) {
    return run(new java.io.PrintWriter(System.err, true), work);
  }

  /**
   * Runs {@code work} with a cancellation that Ctrl-C sets. Every CLI command doing long core work
   * goes through here, so Ctrl-C stops each at its next cancellation check, never by interrupting.
   *
   * @param err where the "cancelled" line goes
   */
  static <T> T run(java.io.PrintWriter err, Function<Cancellation, T> work) {
    Cancellation cancel = new Cancellation();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      cancel.cancel();
      try {
        boolean ok = stopped.await(5, TimeUnit.SECONDS);
        err.println(ok ? "cancelled: everything computed so far is in the cache; run the same command again to resume"
            : "cancelled: did not stop within 5 s; the cache keeps every batch written so far");
        err.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "clipwb-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return work.apply(cancel);
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // already shutting down
      }
    }
  }
}
