package io.clipwb.core.run;

import io.clipwb.core.cache.DigestIndex;
import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.image.ImageDecodeException;
import io.clipwb.core.image.ImageDecoder;
import io.clipwb.core.image.Preprocessor;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.FileDigests;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.util.BackgroundThreads;
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

  /** Images looked up (and hashed where the digest index does not know them) between two cancellation checks. */
  private static final int LOOKUP_CHUNK = 2048;

  private static final Prepared POISON = new Prepared(-1, null, null, null);

  private ImageEmbedder() {}

  /**
   * The cache key of one image (key recipe v2, content-addressed):
   * {@code sha256(preprocessing.cacheKey() + "|" + sha256-hex of the file's bytes)}, so a copy of the
   * image anywhere (another folder, mount point or machine, any mtime) has the same key. The content
   * digest comes from the default {@link DigestIndex} ({@link FileDigests#atDefaultLocation()}: a
   * {@code stat} per file once the index knows it).
   */
  public static String cacheKey(Preprocessing pre, Path path) throws IOException {
    return cacheKey(pre, path, FileDigests.atDefaultLocation().index());
  }

  /** As {@link #cacheKey(Preprocessing, Path)}, with the content digest from {@code digests}. */
  public static String cacheKey(Preprocessing pre, Path path, DigestIndex digests) throws IOException {
    return contentKey(pre, digests.sha256(path));
  }

  /**
   * The cache key of an image whose bytes hash to {@code contentSha256} (lower-case hex): for a
   * process that already holds the bytes (a cluster task) and need not touch any index.
   */
  public static String contentKey(Preprocessing pre, String contentSha256) {
    return EmbeddingCache.sha256(pre.cacheKey() + "|" + contentSha256);
  }

  /**
   * The key recipe v1 (until 2026-11): {@code sha256(preprocessing | absolute normalised path | size |
   * mtime ms)}. Only read: a row found under it is copied under the v2 key ({@link #run}), so caches
   * written before v2 keep serving their rows.
   */
  public static String legacyCacheKey(Preprocessing pre, Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    return EmbeddingCache.sha256(pre.cacheKey() + "|" + path.toAbsolutePath().normalize() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis());
  }

  /**
   * The v2 keys of {@code paths}, and whether each is in {@code cache}: under its v2 key, or under
   * its v1 key, in which case the row is copied under the v2 key (one shard for all such rows: the
   * cache migrates as it is used). Digests come from {@code cache.digests()}, hashed on
   * {@code threads} workers where the index does not know a file.
   *
   * @param keys filled with the v2 key of each path (null where the file cannot be read)
   * @param errors filled with the reason where a file cannot be read
   * @return per path: whether the cache holds its row (after migration)
   */
  public static boolean[] lookUp(EmbeddingCache cache, Preprocessing pre, List<Path> paths, int threads, String[] keys, String[] errors) {
    String[] digests = cache.digests().sha256All(paths, threads, errors);
    boolean[] hit = new boolean[paths.size()];
    List<String> migrated = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < hit.length; i++) {
      if (digests[i] == null) continue;
      keys[i] = contentKey(pre, digests[i]);
      hit[i] = cache.contains(keys[i]);
      if (hit[i] || cache.size() == 0) continue;
      try {
        float[] row = cache.get(legacyCacheKey(pre, paths.get(i)));
        if (row != null) {
          migrated.add(keys[i]);
          rows.add(row);
          hit[i] = true;
        }
      } catch (IOException e) {
        // read a moment ago; if it vanished now, it is simply not cached
      }
    }
    if (!migrated.isEmpty()) {
      cache.put(migrated, rows.toArray(new float[0][]));
      LOG.info("{} cached embeddings found under their v1 (path) keys, copied under their content keys", migrated.size());
    }
    return hit;
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
    for (int from = 0; from < n; from += LOOKUP_CHUNK) {
      cancel.check();
      int to = Math.min(n, from + LOOKUP_CHUNK);
      List<Path> paths = items.subList(from, to).stream().map(DataItem::path).toList();
      String[] k = new String[to - from];
      String[] err = new String[to - from];
      boolean[] hit = lookUp(cache, pre, paths, Math.max(1, opt.decodeThreads()), k, err);
      for (int j = 0; j < k.length; j++) {
        keys[from + j] = k[j];
        errors[from + j] = err[j];
        if (err[j] != null) continue;
        if (hit[j]) fromCache++;
        else todo.add(from + j);
      }
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
    ExecutorService pool = Executors.newFixedThreadPool(threads, BackgroundThreads.factory("clipwb-decode"));
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
