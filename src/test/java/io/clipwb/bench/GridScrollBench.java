package io.clipwb.bench;

import io.clipwb.app.drill.DrillDownView;
import io.clipwb.app.drill.DrillItem;
import io.clipwb.app.drill.ThumbnailService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/**
 * Benchmark (a main, not a test) of the drill-down grid over many items: the sample test set's
 * PNGs repeated to N items (default 50,000) in a 1000 x 720 window. Prints the time to the first
 * frame, the FX time of each random {@code VirtualFlow.scrollTo} jump (scroll + CSS + layout),
 * the frame gaps while scrolling continuously (one {@code scrollPixels} step per pulse) and the
 * worst gap between pulses over the whole run, plus cells built and thumbnails decoded.
 *
 * <p>Run headless (Monocle, as the tests) or, with {@code -Dbench.display=true}, on the real
 * window system (e.g. under Xvfb with {@code -Dprism.order=sw}):
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.clipwb.bench.GridScrollBench [items=50000] [jumps=50] [scrollFrames=300] [pxPerFrame=40]}
 */
public final class GridScrollBench {
  private static final List<Long> FRAMES = java.util.Collections.synchronizedList(new ArrayList<>());
  private static final List<Long> FRAME_CPU = java.util.Collections.synchronizedList(new ArrayList<>());
  private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();
  private static volatile CompletableFuture<Long> nextFrame = new CompletableFuture<>();

  public static void main(String[] args) throws Exception {
    int n = arg(args, 0, 50_000);
    int jumps = arg(args, 1, 50);
    int scrollFrames = arg(args, 2, 300);
    int px = arg(args, 3, 40);
    if (!Boolean.getBoolean("bench.display")) {
      for (String[] kv : new String[][] {{"testfx.robot", "glass"}, {"testfx.headless", "true"}, {"prism.order", "sw"},
          {"glass.platform", "Monocle"}, {"monocle.platform", "Headless"}, {"prism.text", "t2k"}, {"java.awt.headless", "true"}}) {
        if (System.getProperty(kv[0]) == null) System.setProperty(kv[0], kv[1]);
      }
    }
    List<DrillItem> items = items(n);
    long tStart = System.nanoTime();
    Stage stage = FxToolkit.registerPrimaryStage();
    ThumbnailService thumbs = new ThumbnailService(128, 2_000, 64L << 20);
    AnimationTimer timer = new AnimationTimer() {
      @Override
      public void handle(long now) {
        long t = System.nanoTime();
        FRAME_CPU.add(MX.getCurrentThreadCpuTime());
        FRAMES.add(t);
        nextFrame.complete(t);
      }
    };
    long tOpen = System.nanoTime();
    DrillDownView view = fx(() -> {
      DrillDownView v = new DrillDownView(n + " images", items, thumbs);
      stage.setScene(new Scene(v, 1000, 720));
      stage.show();
      timer.start();
      return v;
    });
    view.loaded().get(60, TimeUnit.SECONDS);
    long firstFrame = awaitFrame() - tOpen;
    VirtualFlow<?> flow = fx(view::flow);
    int rows = fx(flow::getCellCount);
    System.out.printf(Locale.ROOT, "GridScrollBench: %,d items in %,d grid rows, %s, FX start %.0f ms, view to first frame %.0f ms%n",
        n, rows, Boolean.getBoolean("bench.display") ? "window system " + System.getProperty("glass.platform", "default") : "headless Monocle",
        (tOpen - tStart) / 1e6, firstFrame / 1e6);

    // random jumps: FX time of scrollTo + CSS + layout, then one pulse
    SplittableRandom rnd = new SplittableRandom(7);
    double[] jumpMs = new double[jumps];
    double[] jumpCpuMs = new double[jumps];
    for (int i = 0; i < jumps; i++) {
      int row = i == 0 ? (int) Math.min(rows - 1, 40_000L * rows / n) : rnd.nextInt(rows);
      double[] wc = fx(() -> {
        long t0 = System.nanoTime();
        long c0 = MX.getCurrentThreadCpuTime();
        flow.scrollTo(row);
        view.applyCss();
        view.layout();
        return new double[] {(System.nanoTime() - t0) / 1e6, (MX.getCurrentThreadCpuTime() - c0) / 1e6};
      });
      jumpMs[i] = wc[0];
      jumpCpuMs[i] = wc[1];
      awaitFrame();
    }
    System.out.printf(Locale.ROOT, "scrollTo jumps (%d), wall: median %.1f ms, p95 %.1f ms, max %.1f ms%n", jumps,
        pct(jumpMs, 50), pct(jumpMs, 95), pct(jumpMs, 100));
    System.out.printf(Locale.ROOT, "scrollTo jumps (%d), FX-thread CPU: median %.1f ms, p95 %.1f ms, max %.1f ms%n", jumps,
        pct(jumpCpuMs, 50), pct(jumpCpuMs, 95), pct(jumpCpuMs, 100));

    // continuous scrolling: one scrollPixels step per pulse
    int startIndex = FRAMES.size();
    CompletableFuture<Void> done = new CompletableFuture<>();
    fx(() -> {
      flow.scrollTo(0);
      new AnimationTimer() {
        int k;

        @Override
        public void handle(long now) {
          flow.scrollPixels(px);
          if (++k >= scrollFrames) {
            stop();
            done.complete(null);
          }
        }
      }.start();
      return null;
    });
    done.get(10, TimeUnit.MINUTES);
    awaitFrame();
    double[] gaps = gaps(startIndex, FRAMES.size());
    System.out.printf(Locale.ROOT, "continuous scroll %d frames x %d px: frame gap median %.1f ms, p95 %.1f ms, max %.1f ms (%.0f frames/s)%n",
        scrollFrames, px, pct(gaps, 50), pct(gaps, 95), pct(gaps, 100), 1000 / mean(gaps));
    double[] cpu = cpuPerFrame(startIndex, FRAMES.size());
    System.out.printf(Locale.ROOT, "continuous scroll, FX-thread CPU per frame: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
        pct(cpu, 50), pct(cpu, 95), pct(cpu, 100));
    double[] all = gaps(2, FRAMES.size());
    System.out.printf(Locale.ROOT, "worst FX pulse gap after the first frame (jumps + scrolling): %.1f ms (%d frames)%n",
        pct(all, 100), FRAMES.size());
    System.out.printf(Locale.ROOT, "cells built %d, thumbnails decoded %d, skipped (scrolled away) %d, cached %d (%.1f MiB)%n",
        view.cellsCreated(), thumbs.decodes(), thumbs.skipped(), thumbs.size(), thumbs.bytes() / 1048576.0);
    fx(() -> {
      timer.stop();
      stage.hide();
      return null;
    });
    System.exit(0); // the FX toolkit's own shutdown under Monocle only adds noise here
  }

  static List<DrillItem> items(int n) throws Exception {
    Path dir = Path.of("sample-data", "data", "test", "images");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    SplittableRandom r = new SplittableRandom(1);
    List<DrillItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Path f = files.get(i % files.size()).toAbsolutePath();
      String name = f.getFileName().toString();
      String cls = name.substring(name.indexOf('_') + 1, name.lastIndexOf('.'));
      boolean ok = r.nextDouble() < 0.8;
      double conf = 0.3 + 0.7 * r.nextDouble();
      out.add(new DrillItem(i, f, cls, ok ? cls : "other", conf, ok, Map.of("file", name),
          List.of(new DrillItem.ClassProb(ok ? cls : "other", conf))));
    }
    return out;
  }

  static long awaitFrame() throws Exception {
    nextFrame = new CompletableFuture<>();
    return nextFrame.get(60, TimeUnit.SECONDS);
  }

  static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        f.complete(c.call());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    return f.get(60, TimeUnit.SECONDS);
  }

  static double[] gaps(int from, int to) {
    synchronized (FRAMES) {
      double[] g = new double[Math.max(0, to - from)];
      for (int i = from; i < to; i++) g[i - from] = (FRAMES.get(i) - FRAMES.get(i - 1)) / 1e6;
      return g;
    }
  }

  static double[] cpuPerFrame(int from, int to) {
    synchronized (FRAME_CPU) {
      double[] g = new double[Math.max(0, to - from)];
      for (int i = from; i < to; i++) g[i - from] = (FRAME_CPU.get(i) - FRAME_CPU.get(i - 1)) / 1e6;
      return g;
    }
  }

  static double pct(double[] v, double p) {
    if (v.length == 0) return Double.NaN;
    double[] s = v.clone();
    Arrays.sort(s);
    int k = (int) Math.ceil(p / 100 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, k))];
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  static int arg(String[] a, int i, int d) {
    return a.length > i ? Integer.parseInt(a[i]) : d;
  }
}
