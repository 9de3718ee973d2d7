package io.clipwb.cli;

import io.clipwb.core.util.Progress;
import java.io.PrintWriter;

/** Prints core progress to stderr, at most every half second (and always the last step). */
final class StderrProgress implements Progress {
  private final PrintWriter err;
  private long last;
  private String lastMessage = "";

  StderrProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void update(long done, long total, String message) {
    long now = System.nanoTime();
    boolean finished = total >= 0 && done >= total;
    if (!finished && message.equals(lastMessage) && now - last < 500_000_000L) return;
    last = now;
    lastMessage = message;
    if (total > 0) {
      err.printf("[%5.1f%%] %s (%d/%d)%n", 100.0 * done / total, message, done, total);
    } else {
      err.println(message);
    }
    err.flush();
  }
}
