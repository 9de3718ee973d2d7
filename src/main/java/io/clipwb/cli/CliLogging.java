package io.clipwb.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.clipwb.djl.DjlClipModel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * What the CLI's stderr shows of the logs, set once per command from {@code --verbose}.
 *
 * <p>Why: a user running {@code clipwb eval} on a CPU machine should see the command's own lines
 * and real problems, not DJL's start-up INFO lines or its two "Failed to detect GPU count"
 * warnings (normal without CUDA), nor ONNX Runtime's "CUDA is not supported". By default libraries log WARN and above ({@code logback.xml}'s
 * root level), DJL's {@code CudaUtils} ERROR only, our own INFO messages print as plain text, and
 * the device line ({@link DjlClipModel#DEVICE_LOGGER}) prints once per command however many models
 * it loads. {@code --verbose}: every library's INFO, our DEBUG, the GPU-count warnings, each with
 * its level and logger. Only the stderr appender is changed; the workbench's in-memory log buffer
 * keeps what {@code logback.xml} gives it.
 */
final class CliLogging {
  private CliLogging() {}

  static final String STDERR_APPENDER = "STDERR";
  private static final String CUDA_UTILS = "ai.djl.util.cuda.CudaUtils";
  private static final String ORT_ENGINE = "ai.djl.onnxruntime.engine.OrtEngine";
  private static final String FULL_PATTERN = "[%thread] %level %logger - %msg%n";

  /** Applies the levels and the stderr format; a no-op when SLF4J is not bound to Logback. */
  static void configure(boolean verbose) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(verbose ? Level.INFO : Level.WARN);
    ctx.getLogger("io.clipwb").setLevel(verbose ? Level.DEBUG : Level.INFO);
    ctx.getLogger(CUDA_UTILS).setLevel(verbose ? null : Level.ERROR);
    ctx.getLogger(ORT_ENGINE).setLevel(verbose ? null : Level.ERROR);
    ctx.getLogger(DjlClipModel.DEVICE_LOGGER).setLevel(Level.INFO);
    Appender<ILoggingEvent> a = root.getAppender(STDERR_APPENDER);
    if (a instanceof OutputStreamAppender<ILoggingEvent> out) {
      CliLayout layout = new CliLayout(verbose);
      layout.setContext(ctx);
      layout.start();
      LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
      enc.setContext(ctx);
      enc.setLayout(layout);
      enc.start();
      out.setEncoder(enc);
      out.clearAllFilters();
      DeviceOnce once = new DeviceOnce();
      once.start();
      out.addFilter(once);
    }
  }

  /** Our own INFO as plain text (as the commands print); the level and logger for the rest or with --verbose. */
  static final class CliLayout extends LayoutBase<ILoggingEvent> {
    private final boolean verbose;
    private final PatternLayout full = new PatternLayout();

    CliLayout(boolean verbose) {
      this.verbose = verbose;
      full.setPattern(FULL_PATTERN);
    }

    @Override
    public void start() {
      full.setContext(getContext());
      full.start();
      super.start();
    }

    @Override
    public String doLayout(ILoggingEvent e) {
      boolean ours = e.getLoggerName().startsWith("io.clipwb");
      boolean device = e.getLoggerName().equals(DjlClipModel.DEVICE_LOGGER);
      if (device || (!verbose && ours && !e.getLevel().isGreaterOrEqual(Level.WARN))) {
        return e.getFormattedMessage() + System.lineSeparator();
      }
      return full.doLayout(e);
    }
  }

  /** Lets each distinct device line through once per command. */
  static final class DeviceOnce extends Filter<ILoggingEvent> {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public FilterReply decide(ILoggingEvent e) {
      if (!e.getLoggerName().equals(DjlClipModel.DEVICE_LOGGER)) return FilterReply.NEUTRAL;
      return seen.add(e.getFormattedMessage()) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
  }
}
