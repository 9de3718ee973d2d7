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
 * single batches vary by 20 % or more, so the spread is reported too.
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

  /** Forward-only images/s on seeded random NCHW input, one encoder: three warm-up batches, then {@code batches} timed. */
  public static Rate forward(ClipModel model, int batch, int batches, Cancellation cancel) {
    return forward(model, batch, batches, 1, cancel);
  }

  /**
   * Forward-only images/s with {@code workers} encoders (one Predictor each) running concurrently,
   * each warming up with three batches and then timing {@code batches / workers} (at least one).
   */
  public static Rate forward(ClipModel model, int batch, int batches, int workers, Cancellation cancel) {
    int s = model.bundle().preprocessing().inputSize();
    float[] px = new float[batch * 3 * s * s];
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < px.length; i++) px[i] = (float) (r.nextDouble() * 4 - 2);
    ImageBatch b = new ImageBatch(batch, s, s, px);
    int each = Math.max(1, batches / Math.max(1, workers));
    double[] per = new double[each * workers];
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(workers);
    java.util.concurrent.atomic.AtomicReference<RuntimeException> err = new java.util.concurrent.atomic.AtomicReference<>();
    long[] span = new long[2];
    Runnable work = () -> {
      try (ImageEncoder enc = model.newImageEncoder()) {
        // TorchScript's profiling executor optimises the graph over the first calls: warm up with three
        for (int k = 0; k < 3; k++) {
          cancel.check();
          enc.encode(b);
        }
        int w = start.await();
        synchronized (span) {
          if (span[0] == 0) span[0] = System.nanoTime();
        }
        for (int k = 0; k < each; k++) {
          cancel.check();
          long t0 = System.nanoTime();
          enc.encode(b);
          per[w * each + k] = batch / ((System.nanoTime() - t0) / 1e9);
        }
        synchronized (span) {
          span[1] = Math.max(span[1], System.nanoTime());
        }
      } catch (RuntimeException e) {
        err.compareAndSet(null, e);
        start.reset();
      } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
        Thread.currentThread().interrupt();
      }
    };
    List<Thread> ts = new java.util.ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Thread t = new Thread(work, "clipwb-bench-" + w);
      ts.add(t);
      t.start();
    }
    for (Thread t : ts) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.CancellationException("interrupted");
      }
    }
    if (err.get() != null) throw err.get();
    return new Rate(batch * (double) each * workers / ((span[1] - span[0]) / 1e9), per);
  }

  /**
   * Pipeline images/s over the items: one untimed pass over all of them (JIT warm-up), then timed
   * passes, each into a fresh throw-away cache so that every image is decoded and encoded, until
   * at least {@code minImages} images have been embedded.
   */
  public static Rate pipeline(ClipModel model, List<DataItem> items, int batch, int decodeThreads, int minImages,
      Cancellation cancel) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("clipwb-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ImageEmbedder.Options opt = new ImageEmbedder.Options(batch, decodeThreads);
      ImageEmbedder.run(model, items, EmbeddingCache.open(tmp.resolve("warm"), "bench", "images"), opt, Progress.NONE, cancel);
      int done = 0;
      long total = 0;
      double[] per = new double[0];
      for (int pass = 0; done < Math.max(1, minImages); pass++) {
        long t0 = System.nanoTime();
        ImageEmbedder.Result r = ImageEmbedder.run(model, items, EmbeddingCache.open(tmp.resolve("run" + pass), "bench", "images"),
            opt, Progress.NONE, cancel);
        long dt = System.nanoTime() - t0;
        if (r.computed() == 0) throw new IllegalArgumentException("no image in the folder could be decoded");
        done += r.computed();
        total += dt;
        per = Arrays.copyOf(per, per.length + 1);
        per[per.length - 1] = r.computed() / (dt / 1e9);
      }
      return new Rate(done / (total / 1e9), per);
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
