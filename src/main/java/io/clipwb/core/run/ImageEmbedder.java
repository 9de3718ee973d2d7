package io.clipwb.core.run;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.image.ImageDecodeException;
import io.clipwb.core.image.ImageDecoder;
import io.clipwb.core.image.Preprocessor;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes (or fetches from the cache) the image embeddings of a list of items.
 *
 * <p>Throughput design: decoding and preprocessing run on {@code decodeThreads} workers that feed a
 * bounded queue; the calling thread owns the one image encoder (one DJL Predictor), assembles
 * batches and encodes them while the workers prepare the next ones. Each encoded batch is written to
 * the cache at once, so a cancelled or killed run resumes from the last written batch.
 *
 * <p>An unreadable image is recorded as a {@link Failure} with its reason and the run goes on.
 */
public final class ImageEmbedder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageEmbedder.class);

  /** An item that could not be embedded, and why. */
  public record Failure(String id, String path, String reason) {}

  /**
   * @param batchSize images per forward pass
   * @param decodeThreads decode/preprocess workers (default: half the cores, at least 1)
   */
  public record Options(int batchSize, int decodeThreads) {
    public Options {
      if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      if (decodeThreads < 1) throw new IllegalArgumentException("decode threads must be at least 1, got " + decodeThreads);
    }

    public static Options defaults() {
      return new Options(32, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }
  }

  /**
   * @param items the items that have an embedding, in input order
   * @param embeddings raw tower outputs (not normalised), row i for items.get(i)
   * @param failures items without embedding
   * @param fromCache how many came from the cache
   * @param computed how many were computed now
   */
  public record Result(List<DataItem> items, float[][] embeddings, List<Failure> failures, int fromCache, int computed) {}

  private record Prepared(int index, String key, float[] pixels, String error) {}

  private static final Prepared POISON = new Prepared(-1, null, null, null);

  private ImageEmbedder() {}

  /** The cache key of one image: preprocessing, absolute path, size and modification time. */
  public static String cacheKey(Preprocessing pre, Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    return EmbeddingCache.sha256(pre.cacheKey() + "|" + path.toAbsolutePath().normalize() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis());
  }

  /**
   * Embeds {@code items}, taking what the cache has and computing the rest.
   *
   * <p>Progress: {@link Progress#items} is called once after the cache lookup ({@code 0, fromCache})
   * and after every encoded batch ({@code computed so far, fromCache}), so a rate over
   * {@code computed} is honest; {@link Progress#update} counts the images still to encode.
   */
  public static Result run(ClipModel model, List<DataItem> items, EmbeddingCache cache, Options opt, Progress progress, Cancellation cancel) {
    Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    Preprocessing pre = model.bundle().preprocessing();
    int n = items.size();
    String[] keys = new String[n];
    String[] errors = new String[n];
    List<Integer> todo = new ArrayList<>();
    int fromCache = 0;
    for (int i = 0; i < n; i++) {
      cancel.check();
      Path p = items.get(i).path();
      try {
        keys[i] = cacheKey(pre, p);
      } catch (IOException e) {
        errors[i] = Files.exists(p) ? "cannot read file attributes: " + e.getMessage() : "file not found";
        continue;
      }
      if (cache.contains(keys[i])) fromCache++;
      else todo.add(i);
    }
    int total = todo.size();
    progress.items(0, fromCache);
    progress.update(0, total, fromCache + " of " + n + " images from cache; encoding " + total);
    if (total > 0) computeMissing(model, items, keys, errors, todo, cache, opt, fromCache, progress, cancel);

    List<DataItem> ok = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] e = errors[i] == null ? cache.get(keys[i]) : null;
      if (e != null) {
        ok.add(items.get(i));
        rows.add(e);
      } else {
        failures.add(new Failure(items.get(i).id(), items.get(i).path().toString(), errors[i] == null ? "not embedded" : errors[i]));
      }
    }
    cache.compact(64);
    return new Result(ok, rows.toArray(new float[0][]), failures, fromCache, total - countFailedAmong(todo, errors));
  }

  private static int countFailedAmong(List<Integer> todo, String[] errors) {
    int c = 0;
    for (int i : todo) if (errors[i] != null) c++;
    return c;
  }

  private static void computeMissing(ClipModel model, List<DataItem> items, String[] keys, String[] errors, List<Integer> todo,
      EmbeddingCache cache, Options opt, int fromCache, Progress progress, Cancellation cancel) {
    Preprocessor prep = new Preprocessor(model.bundle().preprocessing());
    int size = prep.spec().inputSize();
    if ((long) opt.batchSize() * (3L * size * size) > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("batch size " + opt.batchSize() + " x 3 x " + size + " x " + size
          + " pixels is more than one batch can hold; give a smaller batch (at most " + (Integer.MAX_VALUE - 8) / (3 * size * size) + ")");
    }
    int threads = Math.max(1, opt.decodeThreads());
    BlockingQueue<Prepared> queue = new ArrayBlockingQueue<>((int) Math.max(4, Math.min(8192, opt.batchSize() * 2L)));
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> workerError = new AtomicReference<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "clipwb-decode");
      t.setDaemon(true);
      return t;
    });
    for (int w = 0; w < threads; w++) {
      pool.submit(() -> {
        try {
          int k;
          while (!stop.get() && !cancel.isCancelled() && (k = next.getAndIncrement()) < todo.size()) {
            int idx = todo.get(k);
            Prepared pr;
            try {
              float[] px = prep.apply(ImageDecoder.decode(items.get(idx).path()));
              pr = new Prepared(idx, keys[idx], px, null);
            } catch (ImageDecodeException e) {
              pr = new Prepared(idx, keys[idx], null, e.getMessage());
            } catch (RuntimeException e) {
              pr = new Prepared(idx, keys[idx], null, "cannot preprocess: " + e);
            }
            while (!stop.get() && !queue.offer(pr, 100, TimeUnit.MILLISECONDS)) {
              // wait for the encoder to take items; give up when the run stops
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Throwable t) {
          workerError.compareAndSet(null, t);
        } finally {
          while (!stop.get()) {
            try {
              if (queue.offer(POISON, 100, TimeUnit.MILLISECONDS)) break;
            } catch (InterruptedException e) {
              break;
            }
          }
        }
      });
    }
    int done = 0;
    int computed = 0;
    int finishedWorkers = 0;
    int plane = 3 * size * size;
    try (ImageEncoder enc = model.newImageEncoder()) {
      List<Prepared> batch = new ArrayList<>();
      while (finishedWorkers < threads || !batch.isEmpty()) {
        cancel.check();
        Prepared pr = finishedWorkers < threads ? queue.poll(200, TimeUnit.MILLISECONDS) : null;
        if (workerError.get() != null) throw new IllegalStateException("decode worker failed: " + workerError.get(), workerError.get());
        if (pr == POISON) {
          finishedWorkers++;
        } else if (pr != null) {
          if (pr.error() != null) {
            errors[pr.index()] = pr.error();
            LOG.warn("skipping {}: {}", items.get(pr.index()).path(), pr.error());
            done++;
          } else {
            batch.add(pr);
          }
        }
        boolean flush = batch.size() >= opt.batchSize() || (finishedWorkers == threads && !batch.isEmpty());
        if (flush) {
          float[] px = new float[batch.size() * plane];
          for (int b = 0; b < batch.size(); b++) System.arraycopy(batch.get(b).pixels(), 0, px, b * plane, plane);
          float[][] emb = enc.encode(new ImageBatch(batch.size(), size, size, px));
          cache.put(batch.stream().map(Prepared::key).toList(), emb);
          done += batch.size();
          computed += batch.size();
          batch.clear();
          progress.items(computed, fromCache);
          progress.update(done, todo.size(), "encoding images");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }
}
