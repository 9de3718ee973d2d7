package io.clipwb.app.shell;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A Logback appender keeping the last {@link #CAPACITY} log events in memory for the workbench's
 * log view (logback.xml attaches it to the root logger). Logback instantiates appenders itself, so
 * the buffer is reached through {@link #events()}; it is bounded, so a chatty library cannot fill
 * the heap.
 */
public final class LogBuffer extends AppenderBase<ILoggingEvent> {
  /** Events kept. */
  public static final int CAPACITY = 5000;

  /** One log line as the view shows it. */
  public record Entry(Instant time, String level, int levelValue, String thread, String logger, String message) {}

  private static final ArrayDeque<Entry> BUFFER = new ArrayDeque<>();
  private static long appended;

  @Override
  protected void append(ILoggingEvent e) {
    String msg = e.getFormattedMessage();
    IThrowableProxy tp = e.getThrowableProxy();
    if (tp != null) msg = msg + "\n" + ThrowableProxyUtil.asString(tp);
    Entry x = new Entry(Instant.ofEpochMilli(e.getTimeStamp()), e.getLevel().toString(), e.getLevel().toInt(),
        e.getThreadName(), e.getLoggerName(), msg);
    synchronized (BUFFER) {
      if (BUFFER.size() == CAPACITY) BUFFER.removeFirst();
      BUFFER.addLast(x);
      appended++;
    }
  }

  /** A copy of the buffered events, oldest first. */
  public static List<Entry> events() {
    synchronized (BUFFER) {
      return new ArrayList<>(BUFFER);
    }
  }

  /** How many events were ever appended (the view polls it to see whether to refresh). */
  public static long appended() {
    synchronized (BUFFER) {
      return appended;
    }
  }
}
