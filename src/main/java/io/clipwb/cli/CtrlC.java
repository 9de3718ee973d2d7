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

  static <T> T run(Function<Cancellation, T> work) {
    Cancellation cancel = new Cancellation();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      cancel.cancel();
      try {
        stopped.await(5, TimeUnit.SECONDS);
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
