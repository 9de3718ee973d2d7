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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The image-throughput benchmark behind {@code clipwb bench}: the raw forward rate of the image
 * tower on random input, against the whole pipeline (decode + preprocess + forward + cache write)
 * on real files. The pipeline overlaps decoding with inference, so on a machine where the forward
 * pass dominates it should reach at least 0.9x the forward rate.
 */
public final class ThroughputBench {
  private ThroughputBench() {}

  /** Measured figures (images per second). */
  public record Figures(double forwardImgPerSec, double pipelineImgPerSec, int images, int batch) {}

  /** Forward-only images/s on seeded random NCHW input: three warm-up batches, then {@code batches} timed. */
  public static double forward(ClipModel model, int batch, int batches) {
    int s = model.bundle().preprocessing().inputSize();
    float[] px = new float[batch * 3 * s * s];
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < px.length; i++) px[i] = (float) (r.nextDouble() * 4 - 2);
    ImageBatch b = new ImageBatch(batch, s, s, px);
    try (ImageEncoder enc = model.newImageEncoder()) {
      // TorchScript's profiling executor optimises the graph over the first calls: warm up with three
      for (int k = 0; k < 3; k++) enc.encode(b);
      long t0 = System.nanoTime();
      for (int k = 0; k < batches; k++) enc.encode(b);
      return batch * (double) batches / ((System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * Pipeline images/s over the items, with a fresh throw-away cache so that every image is decoded
   * and encoded. One warm-up batch is run first on the first images (in another throw-away cache).
   */
  public static double pipeline(ClipModel model, List<DataItem> items, int batch, int decodeThreads) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("clipwb-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ImageEmbedder.Options opt = new ImageEmbedder.Options(batch, decodeThreads);
      ImageEmbedder.run(model, new ArrayList<>(items.subList(0, Math.min(batch, items.size()))),
          EmbeddingCache.open(tmp.resolve("warm"), "bench", "images"), opt, Progress.NONE, Cancellation.none());
      long t0 = System.nanoTime();
      ImageEmbedder.Result r = ImageEmbedder.run(model, items, EmbeddingCache.open(tmp.resolve("run"), "bench", "images"),
          opt, Progress.NONE, Cancellation.none());
      return r.computed() / ((System.nanoTime() - t0) / 1e9);
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
