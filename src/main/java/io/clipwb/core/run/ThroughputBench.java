package io.clipwb.core.run;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The image-throughput benchmark behind {@code clipwb bench}: the raw forward rate of the image
 * tower on random input, against the whole pipeline (decode + preprocess + forward + cache write)
 * on real files. The pipeline overlaps decoding with inference, so on a machine where the forward
 * pass dominates it should reach about the forward rate (decoding a 500x375 JPEG and preprocessing
 * it costs ~7 ms of one core, against ~100 ms of both cores per ViT-B/32 image on a 2-core CPU).
 *
 * <p>Both figures are steady-state rates: TorchScript's profiling executor and the JVM's JIT are
 * warmed up first (three forward batches; one whole untimed pipeline pass over the folder), because
 * a real run embeds thousands of images and neither warm-up shows in it. On shared virtual machines
 * the forward rate drifts by 20 % or more from minute to minute, so the two are measured in
 * alternating rounds and the per-round ratios and spreads are reported.
 */
public final class ThroughputBench {
  private ThroughputBench() {}

  /**
   * A rate with its spread.
   *
   * @param imgPerSec images over total seconds of the timed part
   * @param samples per-sample rates (per batch for the forward pass, per folder pass for the pipeline)
   */
  public record Rate(double imgPerSec, double[] samples) {
    /** Lowest and highest sample rate, "min..max". */
    public String spread() {
      if (samples.length == 0) return "-";
      double[] s = samples.clone();
      Arrays.sort(s);
      return String.format(java.util.Locale.ROOT, "%.2f..%.2f", s[0], s[s.length - 1]);
    }
  }

  /**
   * Forward and pipeline rates measured in alternation, so that both see the same machine: on a
   * shared virtual machine the forward rate alone drifts by ±20 % between minutes, which swamps a
   * forward-then-pipeline comparison. After warm-up (three forward batches, one untimed pipeline pass),
   * each round times forward batches worth one folder pass, then one pipeline pass into a fresh cache.
   *
   * @param forward forward rate over all rounds, samples per round
   * @param pipeline pipeline rate over all rounds, samples per round
   * @param ratios pipeline / forward per round
   */
  public record Comparison(Rate forward, Rate pipeline, double[] ratios) {
    /** The median of the per-round ratios. */
    public double medianRatio() {
      double[] r = ratios.clone();
      Arrays.sort(r);
      return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
    }
  }

  public static Comparison interleaved(ClipModel model, List<DataItem> items, int batch, int decodeThreads, int rounds,
      Cancellation cancel) {
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    int s = model.bundle().preprocessing().inputSize();
    float[] px = new float[batch * 3 * s * s];
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < px.length; i++) px[i] = (float) (rnd.nextDouble() * 4 - 2);
    ImageBatch b = new ImageBatch(batch, s, s, px);
    int fwdBatches = Math.max(1, (items.size() + batch - 1) / batch);
    Path tmp;
    try {
      tmp = Files.createTempDirectory("clipwb-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (ImageEncoder enc = model.newImageEncoder()) {
      for (int k = 0; k < 3; k++) {
        cancel.check();
        enc.encode(b);
      }
      ImageEmbedder.Options opt = new ImageEmbedder.Options(batch, decodeThreads);
      ImageEmbedder.run(model, items, EmbeddingCache.open(tmp.resolve("warm"), "bench", "images"), opt, Progress.NONE, cancel);
      double[] f = new double[rounds];
      double[] p = new double[rounds];
      double[] ratio = new double[rounds];
      long fImages = 0;
      long fNanos = 0;
      long pImages = 0;
      long pNanos = 0;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        for (int k = 0; k < fwdBatches; k++) {
          cancel.check();
          enc.encode(b);
        }
        long t1 = System.nanoTime();
        ImageEmbedder.Result res = ImageEmbedder.run(model, items, EmbeddingCache.open(tmp.resolve("run" + r), "bench", "images"),
            opt, Progress.NONE, cancel);
        long t2 = System.nanoTime();
        if (res.computed() == 0) throw new IllegalArgumentException("no image in the folder could be decoded");
        f[r] = (double) fwdBatches * batch / ((t1 - t0) / 1e9);
        p[r] = res.computed() / ((t2 - t1) / 1e9);
        ratio[r] = p[r] / f[r];
        fImages += (long) fwdBatches * batch;
        fNanos += t1 - t0;
        pImages += res.computed();
        pNanos += t2 - t1;
      }
      return new Comparison(new Rate(fImages / (fNanos / 1e9), f), new Rate(pImages / (pNanos / 1e9), p), ratio);
    } finally {
      deleteTree(tmp);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
