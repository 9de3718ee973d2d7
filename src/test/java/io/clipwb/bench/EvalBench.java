package io.clipwb.bench;

import io.clipwb.core.eval.calibration.Binning;
import io.clipwb.core.eval.calibration.CalibrationSplit;
import io.clipwb.core.eval.calibration.SampleStats;
import io.clipwb.core.eval.calibration.TemperatureScaling;
import io.clipwb.core.eval.ood.OodMetrics;
import io.clipwb.core.eval.ood.OodScore;
import io.clipwb.core.eval.ood.OodScores;
import io.clipwb.core.util.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Benchmark (not a test) of recomputing calibration and OOD metrics for many cached models.
 *
 * <p>The "cache" of a model is what the evaluations keep per sample: confidence (and its ascending
 * sort) and correctness (calibration) and the four OOD score vectors. Part 1 times a parameter change over
 * {@code models} cached models: new bin count (ECE, ImageNet-X ECE, MCE, adaptive ECE), a new score
 * function (a full sort-based ranking: AUROC, AUPR-In/Out, FPR@95 in both conventions), and a new
 * TPR level on already sorted scores. Part 2 times a full recompute from N x C logits, including
 * the temperature fit, on {@code fullModels} models, and extrapolates to {@code models}.
 *
 * <p>Run: {@code java -Xmx6g -cp target/classes:target/test-classes:$(cat cp.txt) io.clipwb.bench.EvalBench
 * [models=100] [n=50000] [classes=1000] [nOod=10000] [fullModels=2]}
 */
public final class EvalBench {
  record Cached(double[] conf, double[] sortedConf, boolean[] correct, int[] ids, double[][] idScores, double[][] oodScores) {}

  public static void main(String[] args) {
    int models = arg(args, 0, 100);
    int n = arg(args, 1, 50_000);
    int classes = arg(args, 2, 1000);
    int nOod = arg(args, 3, 10_000);
    int fullModels = arg(args, 4, 2);
    int threads = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "EvalBench: %d models x %d ID images (+%d OOD), %d classes, %d CPU threads%n",
        models, n, nOod, classes, threads);

    // the per-sample cache of every model (synthetic values with realistic spread)
    List<Cached> cache = new ArrayList<>();
    for (int m = 0; m < models; m++) cache.add(synthetic(m, n, nOod));

    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int rep = 0; rep < 3; rep++) { // rep 0 = JIT warm-up
      // one thread, CPU time (robust to other processes on a shared machine) and wall time
      long c0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      double sink = 0;
      for (Cached c : cache) sink += binned(c, 10);
      long c1 = mx.getCurrentThreadCpuTime();
      for (Cached c : cache) sink += ranking(c, 2, 0.95);
      long c2 = mx.getCurrentThreadCpuTime();
      List<OodMetrics.Sorted> sorted = new ArrayList<>();
      for (Cached c : cache) sorted.add(OodMetrics.Sorted.of(c.idScores()[0], c.oodScores()[0]));
      long c3 = mx.getCurrentThreadCpuTime();
      for (OodMetrics.Sorted so : sorted) sink += OodMetrics.compute(so, 0.90).fprOpenOod();
      long c4 = mx.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      // the same three changes on all threads, wall time
      long p0 = System.nanoTime();
      sink += IntStream.range(0, models).parallel().mapToDouble(m -> binned(cache.get(m), 12)).sum();
      sink += IntStream.range(0, models).parallel().mapToDouble(m -> ranking(cache.get(m), 3, 0.95)).sum();
      sink += sorted.parallelStream().mapToDouble(so -> OodMetrics.compute(so, 0.80).fprOpenOod()).sum();
      long p1 = System.nanoTime();
      System.out.printf(Locale.ROOT,
          "%s, %d models, one thread CPU time: bins change (ECE, ImageNet-X ECE, MCE, adaptive ECE, diagrams with items) %.3f s"
              + " | score-function change (sort 2 vectors + AUROC, AUPR-In/Out, both FPR@95) %.3f s"
              + " | TPR-level change on sorted scores %.3f s | sum %.3f s (wall %.3f s); all threads, wall: %.3f s  [%.1f]%n",
          rep == 0 ? "warm-up" : "run " + rep, models, sec(c1 - c0), sec(c2 - c1), sec(c4 - c3),
          sec((c2 - c0) + (c4 - c3)), sec(w1 - w0), sec(p1 - p0), sink);
    }

    // full recompute from logits, including the temperature fit
    double total = 0;
    for (int m = 0; m < fullModels; m++) {
      double[][] logits = new double[n][];
      int[] labels = new int[n];
      double[][] ood = new double[nOod][];
      SplittableRandom r = new SplittableRandom(1000 + m);
      for (int i = 0; i < n; i++) {
        labels[i] = r.nextInt(classes);
        logits[i] = row(r, classes, labels[i], 4.0);
      }
      for (int i = 0; i < nOod; i++) ood[i] = row(r, classes, -1, 0);
      long cpu0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      SampleStats before = SampleStats.fromLogits(logits, labels, 1.0, "id");
      long t1 = System.nanoTime();
      CalibrationSplit split = CalibrationSplit.of(n, 0.5, 0);
      TemperatureScaling.Fit fit = TemperatureScaling.fit(logits, labels, split.calibration(), 0.5, 10, 1e-4, Cancellation.none());
      long t2 = System.nanoTime();
      SampleStats after = SampleStats.fromLogits(logits, labels, fit.temperature(), "id");
      double e = Binning.ece(Binning.equalWidth(before.confidence(), before.correctness(), before.ids(), 15, false), n)
          + Binning.ece(Binning.equalWidth(after.confidence(), after.correctness(), after.ids(), 15, false), n);
      long t3 = System.nanoTime();
      double a = 0;
      for (OodScore s : OodScore.values()) {
        double[] is = OodScores.compute(logits, false, 100, 1, s, "id");
        double[] os = OodScores.compute(ood, false, 100, 1, s, "ood");
        a += OodMetrics.compute(is, os, 0.95).auroc();
      }
      long t4 = System.nanoTime();
      double dt = sec(mx.getCurrentThreadCpuTime() - cpu0);
      total += dt;
      System.out.printf(Locale.ROOT,
          "full recompute, model %d: softmax stats %.2f s, temperature fit (%d bisection steps on %d rows, T=%.4f) %.2f s,"
              + " after-T stats + ECE %.2f s, 4 OOD scores + metrics %.2f s (wall); total CPU time %.2f s  [%.3f %.3f]%n",
          m, sec(t1 - t0), fit.iterations(), fit.rows(), fit.temperature(), sec(t2 - t1), sec(t3 - t2), sec(t4 - t3), dt, e, a);
    }
    if (fullModels > 0) {
      System.out.printf(Locale.ROOT, "full recompute: %.2f s CPU per model (one thread) -> %.0f s for %d models on one thread, ~%.0f s on %d threads%n",
          total / fullModels, total / fullModels * models, models, total / fullModels * models / threads, threads);
    }
  }

  static double binned(Cached c, int bins) {
    var diagram = Binning.equalWidth(c.conf(), c.correct(), c.ids(), bins, true);
    double s = Binning.ece(diagram, c.conf().length) + Binning.mce(diagram);
    s += Binning.eceImagenetX(c.conf(), c.correct(), bins);
    s += Binning.ece(Binning.equalMass(c.conf(), c.correct(), c.ids(), bins, false, c.sortedConf()), c.conf().length);
    return s;
  }

  static double ranking(Cached c, int score, double tpr) {
    OodMetrics.Metrics m = OodMetrics.compute(c.idScores()[score], c.oodScores()[score], tpr);
    return m.auroc() + m.auprIn() + m.auprOut() + m.fprOpenOod() + m.fprIdPositive();
  }

  static Cached synthetic(int m, int n, int nOod) {
    SplittableRandom r = new SplittableRandom(m);
    double[] conf = new double[n];
    boolean[] ok = new boolean[n];
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      conf[i] = 0.001 + 0.999 * Math.pow(r.nextDouble(), 0.5);
      ok[i] = r.nextDouble() < conf[i] - 0.1;
      ids[i] = i;
    }
    double[][] is = new double[4][n];
    double[][] os = new double[4][nOod];
    for (int s = 0; s < 4; s++) {
      for (int i = 0; i < n; i++) is[s][i] = r.nextGaussian() + 1;
      for (int i = 0; i < nOod; i++) os[s][i] = r.nextGaussian();
    }
    double[] sc = conf.clone();
    java.util.Arrays.sort(sc);
    return new Cached(conf, sc, ok, ids, is, os);
  }

  static double[] row(SplittableRandom r, int c, int label, double boost) {
    double[] z = new double[c];
    for (int j = 0; j < c; j++) z[j] = 20 + 2 * r.nextGaussian();
    if (label >= 0) z[label] += boost;
    return z;
  }

  static double sec(long ns) {
    return ns / 1e9;
  }

  static int arg(String[] a, int i, int def) {
    return a.length > i ? Integer.parseInt(a[i]) : def;
  }
}
