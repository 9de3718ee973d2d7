package io.clipwb.app;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.animation.AnimationTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bench mode's pulse meter ({@code -Dclipwb.gui.bench=true}): the gap between two JavaFX pulses, and
 * what it was made of, so a slow pulse can be blamed on the right thing. Per pulse it reads the FX
 * thread's CPU time and its time waiting on the kernel's run queue ({@code /proc/thread-self/schedstat}),
 * the same for the render thread ({@code QuantumRenderer}, which draws the previous frame while the
 * next pulse waits for it), the JVM's GC time, and the machine's steal time. A gap over
 * {@code clipwb.gui.bench.slowMs} (default 100) is logged with that breakdown. Linux only for the
 * schedstat figures (elsewhere they read 0). Runs only in bench mode: it reads procfs on the FX thread.
 */
final class PulseBench {
  private static final Logger LOG = LoggerFactory.getLogger(PulseBench.class);
  private static final long SLOW_NANOS = Long.getLong("clipwb.gui.bench.slowMs", 100) * 1_000_000L;

  private long firstFrameMs = -1;
  private long lastFrame;
  private long lastReport;
  private Sample last;
  private Path renderStat;
  private long[] gaps = new long[4096];
  private int count;
  private long worstGap;
  private long worstFxCpu;

  /** Counters read at one pulse (ns; steal in USER_HZ ticks). */
  private record Sample(long fxCpu, long fxWait, long renderCpu, long renderWait, long gc, long steal) {}

  void start() {
    new AnimationTimer() {
      @Override
      public void handle(long now) {
        pulse(now);
      }
    }.start();
  }

  private void pulse(long now) {
    if (firstFrameMs < 0) {
      firstFrameMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      LOG.info("bench: first frame {} ms after JVM start", firstFrameMs);
    }
    Sample s = sample();
    if (lastFrame != 0 && last != null) {
      long gap = now - lastFrame;
      long fx = s.fxCpu - last.fxCpu;
      worstGap = Math.max(worstGap, gap);
      worstFxCpu = Math.max(worstFxCpu, fx);
      if (count == gaps.length) gaps = Arrays.copyOf(gaps, count * 2);
      gaps[count++] = gap;
      if (gap > SLOW_NANOS) {
        LOG.info("bench: pulse gap {} ms at {}: FX thread CPU {} ms, waiting for a core {} ms; render thread CPU {} ms, waiting {} ms;"
                + " GC {} ms; steal {} ms",
            ms(gap), java.time.LocalTime.now(java.time.ZoneOffset.UTC), ms(fx), ms(s.fxWait - last.fxWait), ms(s.renderCpu - last.renderCpu),
            ms(s.renderWait - last.renderWait), ms(s.gc - last.gc), (s.steal - last.steal) * 10);
      }
      if (now - lastReport > 10_000_000_000L) {
        lastReport = now;
        LOG.info("bench: worst FX pulse gap so far {} ms (FX thread CPU between two pulses at most {} ms)", ms(worstGap), ms(worstFxCpu));
      }
    }
    last = s;
    lastFrame = now;
  }

  /** Forgets the gaps so far (a new phase starts). */
  void reset() {
    count = 0;
    worstGap = 0;
    worstFxCpu = 0;
  }

  /** Worst gap, FX CPU per pulse and gap percentiles since the last reset, as a log phrase. */
  String summary() {
    long[] g = Arrays.copyOf(gaps, count);
    Arrays.sort(g);
    long over = Arrays.stream(g).filter(x -> x > SLOW_NANOS).count();
    return String.format("%d pulses, gap median %s ms, p99 %s ms, worst %s ms, %d over %d ms; FX thread CPU between two pulses at most %s ms",
        count, ms(pct(g, 0.5)), ms(pct(g, 0.99)), ms(worstGap), over, SLOW_NANOS / 1_000_000, ms(worstFxCpu));
  }

  double worstGapMs() {
    return worstGap / 1e6;
  }

  long firstFrameMs() {
    return firstFrameMs;
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  private static String ms(long nanos) {
    return String.format("%.1f", nanos / 1e6);
  }

  private Sample sample() {
    long[] fx = schedstat(Path.of("/proc/thread-self/schedstat"));
    if (renderStat == null) renderStat = findThread("QuantumRenderer");
    long[] r = renderStat == null ? new long[2] : schedstat(renderStat);
    long gc = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) gc += Math.max(0, b.getCollectionTime());
    return new Sample(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(), fx[1], r[0], r[1], gc * 1_000_000L, steal());
  }

  private static long[] schedstat(Path p) {
    try {
      String[] f = Files.readString(p).trim().split("\\s+");
      return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    } catch (IOException | RuntimeException e) {
      return new long[2];
    }
  }

  private static long steal() {
    try (var lines = Files.lines(Path.of("/proc/stat"))) {
      String[] f = lines.findFirst().orElse("").trim().split("\\s+");
      return f.length > 8 ? Long.parseLong(f[8]) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The schedstat file of this process's thread whose name starts with {@code prefix}, or null. */
  private static Path findThread(String prefix) {
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        if (Files.readString(t.resolve("comm")).startsWith(prefix)) return t.resolve("schedstat");
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }
}
