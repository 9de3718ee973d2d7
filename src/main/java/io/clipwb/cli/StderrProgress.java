package io.clipwb.cli;

import io.clipwb.core.util.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The CLI's one progress printer: core progress to stderr, at most every half second per message
 * (and always the last step). When the core reports computed items ({@link Progress#items}), the
 * line also shows the rate of items actually computed per second, so images taken from the cache
 * do not inflate it. Thread-safe: workers call it from their own threads.
 */
final class StderrProgress implements Progress {
  private final PrintWriter err;
  private long last;
  private String lastMessage = "";
  private long computed;
  private long fromCache;
  private long firstComputedAt = -1;
  private long computedAtFirst;

  StderrProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void items(long computedNow, long fromCacheNow) {
    if (computedNow < computed) {
      // a new call (next model or set) restarts the counts
      firstComputedAt = -1;
    }
    if (firstComputedAt < 0) {
      firstComputedAt = System.nanoTime();
      computedAtFirst = computedNow;
    }
    computed = computedNow;
    fromCache = fromCacheNow;
  }

  @Override
  public synchronized void update(long done, long total, String message) {
    long now = System.nanoTime();
    boolean finished = total >= 0 && done >= total;
    if (!finished && message.equals(lastMessage) && now - last < 500_000_000L) return;
    last = now;
    lastMessage = message;
    String rate = "";
    double secs = firstComputedAt < 0 ? 0 : (now - firstComputedAt) / 1e9;
    if (computed > computedAtFirst && secs > 0) {
      rate = String.format(Locale.ROOT, ", %.1f computed/s, %d from cache", (computed - computedAtFirst) / secs, fromCache);
    }
    if (total > 0) {
      err.printf(Locale.ROOT, "[%5.1f%%] %s (%d/%d%s)%n", 100.0 * done / total, message, done, total, rate);
    } else {
      err.println(message + (rate.isEmpty() ? "" : " (" + rate.substring(2) + ")"));
    }
    err.flush();
  }
}
