package io.clipwb.cli;

import io.clipwb.core.eval.zeroshot.ZeroShot;
import io.clipwb.core.io.Npy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code clipwb bench --rescore}: times the in-memory part of prompt re-scoring at a chosen scale on
 * seeded random unit-norm embeddings: the logits GEMM alone, and GEMM plus acc@1/acc@5/per-class
 * recall. One warm-up round (JIT), then the median of {@code rounds}. The arrays can be dumped as
 * .npy so NumPy's {@code matmul} is timed on exactly the same data ({@code docs/throughput.md}).
 */
final class RescoreBench {
  private RescoreBench() {}

  /** Medians and every round, in seconds. */
  record Timing(double gemmSeconds, double totalSeconds, List<String> gemmRounds, List<String> totalRounds) {}

  static Timing run(int n, int classes, int dim, long seed, int rounds, Path dump) {
    if (n < 1 || classes < 1 || dim < 1 || rounds < 1) throw new IllegalArgumentException("sizes and rounds must be at least 1");
    Random r = new Random(seed);
    float[][] img = unitRows(r, n, dim);
    float[][] txt = unitRows(r, classes, dim);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = r.nextInt(classes);
    if (dump != null) {
      Npy.write(dump.resolve("images.npy"), img);
      Npy.write(dump.resolve("classes.npy"), txt);
      Npy.write(dump.resolve("labels.npy"), labels);
    }
    float scale = 100f;
    double[] gemm = new double[rounds];
    double[] total = new double[rounds];
    for (int round = -1; round < rounds; round++) {
      long t0 = System.nanoTime();
      float[][] logits = ZeroShot.logits(img, txt, scale);
      long t1 = System.nanoTime();
      ZeroShot.Metrics m = ZeroShot.metrics(logits, labels);
      long t2 = System.nanoTime();
      if (m.n() != n) throw new IllegalStateException("metrics over " + m.n() + " of " + n + " images");
      if (round >= 0) {
        gemm[round] = (t1 - t0) / 1e9;
        total[round] = (t2 - t0) / 1e9;
      }
    }
    return new Timing(median(gemm), median(total), fmt(gemm), fmt(total));
  }

  private static float[][] unitRows(Random r, int n, int d) {
    float[][] m = new float[n][d];
    for (float[] row : m) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextGaussian();
        s += (double) row[j] * row[j];
      }
      float inv = (float) (1 / Math.sqrt(s));
      for (int j = 0; j < d; j++) row[j] *= inv;
    }
    return m;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static List<String> fmt(double[] v) {
    List<String> out = new ArrayList<>();
    for (double x : v) out.add(String.format(java.util.Locale.ROOT, "%.3f", x));
    return out;
  }
}
