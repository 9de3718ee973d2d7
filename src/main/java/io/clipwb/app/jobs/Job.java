package io.clipwb.app.jobs;

import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

/**
 * One long core computation as a JavaFX {@link Task}. Why not a plain Task: its {@code cancel()}
 * interrupts the worker, which breaks the core's atomic cache writes; here {@link #cancel(boolean)}
 * sets the core {@link Cancellation} (the work stops at its next check, within one batch) and never
 * interrupts. The worker's {@link Progress} callback only writes atomics; {@link #poll()} (called by
 * {@link JobService}'s timer on the FX thread) turns them into the bar, a rate of images actually
 * encoded (cached images are not counted) and an ETA.
 *
 * @param <T> what the work returns
 */
public final class Job<T> extends Task<T> {
  /** Core work: the same shape every core entry point has. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Progress progress, Cancellation cancel) throws Exception;
  }

  private final Work<T> work;
  private final Function<? super T, String> summarizer;
  private final Cancellation cancellation = new Cancellation();
  /**
   * Whether a state is final. State listeners must test the state they are given, not
   * {@code isDone()}: JavaFX sets SUCCEEDED through {@code runLater} from inside the task's call, so
   * the FX thread can see the new state before the underlying {@code FutureTask} counts as done.
   */
  public static boolean finished(javafx.concurrent.Worker.State s) {
    return s == javafx.concurrent.Worker.State.SUCCEEDED || s == javafx.concurrent.Worker.State.CANCELLED
        || s == javafx.concurrent.Worker.State.FAILED;
  }

  private final AtomicLong done = new AtomicLong();
  private final AtomicLong total = new AtomicLong(-1);
  private final AtomicReference<String> message = new AtomicReference<>("queued");
  private final AtomicLong computed = new AtomicLong();
  private final AtomicLong cached = new AtomicLong();
  private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper(this, "rate", "");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanos, done, computed}, FX thread only
  private volatile long startNanos;
  private volatile long endNanos;

  Job(String title, Work<T> work, Function<? super T, String> summarizer) {
    this.work = work;
    this.summarizer = summarizer;
    updateTitle(title);
    updateMessage("queued");
  }

  @Override
  protected T call() throws Exception {
    message.set("starting: validating models and data sets");
    startNanos = System.nanoTime();
    try {
      return work.run(new Progress() {
        @Override
        public void update(long d, long t, String msg) {
          onProgress(d, t, msg);
        }

        @Override
        public void items(long computedNow, long fromCacheNow) {
          // the core's counts: images run through a model vs taken from the cache (a project run
          // reports them cumulatively over its pairs), so the rate counts computed images only
          computed.set(computedNow);
          cached.set(fromCacheNow);
        }
      }, cancellation);
    } finally {
      endNanos = System.nanoTime();
    }
  }

  /** Worker thread: atomics only, no FX call. */
  private void onProgress(long d, long t, String msg) {
    done.set(d);
    total.set(t);
    if (msg != null) message.set(msg);
  }

  /** The core cancellation token; cancelling the job sets it. */
  public Cancellation cancellation() {
    return cancellation;
  }

  /** Sets the core token and marks the task cancelled without interrupting the worker. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    cancellation.cancel();
    return super.cancel(false);
  }

  /** Images encoded by a model so far (not taken from the cache). */
  public long computedImages() {
    return computed.get();
  }

  /** Images the embedder found in the cache so far. */
  public long cachedImages() {
    return cached.get();
  }

  /** "12.3 img/s · ETA 0:21"; empty when unknown. */
  public ReadOnlyStringProperty rateProperty() {
    return rate.getReadOnlyProperty();
  }

  /** What the finished job did (or why it failed); stays after the job ends. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /**
   * Whether the worker has left the core work. A cancelled job's state is CANCELLED at once, while
   * the worker still finishes its current batch; this says when it actually stopped.
   */
  public boolean workerDone() {
    return endNanos != 0;
  }

  /** Seconds the work ran (so far). */
  public double seconds() {
    long s = startNanos;
    if (s == 0) return 0;
    long e = endNanos;
    return ((e == 0 ? System.nanoTime() : e) - s) / 1e9;
  }

  /** FX thread: publishes the latest atomics into the task's properties. */
  void poll() {
    if (startNanos == 0 || isDone()) return;
    long d = done.get();
    long t = total.get();
    updateProgress(t > 0 ? d : -1, Math.max(t, 1));
    updateMessage(message.get());
    long now = System.nanoTime();
    long c = computed.get();
    samples.addLast(new long[] {now, d, c});
    while (samples.size() > 2 && now - samples.peekFirst()[0] > 5_000_000_000L) samples.removeFirst();
    long[] first = samples.peekFirst();
    double dt = (now - first[0]) / 1e9;
    StringBuilder sb = new StringBuilder();
    if (dt > 0.3) {
      double imgRate = (c - first[2]) / dt;
      double unitRate = (d - first[1]) / dt;
      sb.append(String.format(Locale.ROOT, "%.1f img/s", imgRate));
      if (t > 0 && unitRate > 0) sb.append(" · ETA ").append(clock((t - d) / unitRate));
    }
    rate.set(sb.toString());
  }

  /** FX thread: the job ended; fixes the summary line. */
  void finish() {
    rate.set("");
    String s = switch (getState()) {
      case SUCCEEDED -> {
        updateProgress(1, 1);
        String x = summarizer == null ? null : summarizer.apply(getValue());
        yield x != null ? x : String.format(Locale.ROOT, "done in %.1f s", seconds());
      }
      case CANCELLED -> String.format(Locale.ROOT, "cancelled after %.1f s (%d images computed, all kept in the cache)",
          seconds(), computed.get());
      case FAILED -> "failed: " + messageOf(getException());
      default -> "";
    };
    summary.set(s);
    updateMessage(s);
  }

  static String messageOf(Throwable t) {
    if (t == null) return "unknown error";
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
