package io.clipwb.core.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.image.ImageDecodeException;
import io.clipwb.core.image.ImageDecoder;
import io.clipwb.core.image.Preprocessor;
import io.clipwb.core.model.ImageBatch;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.run.ImageEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What one cluster task does with its slice of a model's plan lines: read each file, check its size
 * and content (its SHA-256 must give the planned content key)
 * against the plan, decode and preprocess it with the core's PIL-exact code (the same as the
 * desktop, so the rows equal the desktop's), encode in batches through one {@link ImageEncoder} (one
 * predictor, owned by the caller), and write the rows under the plan's keys as cache shards of at
 * most {@code shardRows} rows. A file that is missing, has another size than planned, or cannot be
 * decoded becomes a {@link Failure} with its reason, never a row.
 *
 * <p>Engine-free (the caller opens the encoder and the storage), so it is tested without Spark.
 */
public final class SweepWorker {
  private SweepWorker() {}

  /** Reads image bytes where the cluster sees them (a local or shared path, an object store). */
  public interface ImageSource {
    /** The file's size in bytes. */
    long size(String path) throws IOException;

    byte[] read(String path) throws IOException;
  }

  /** Plain paths through {@code java.nio}. */
  public static ImageSource localFiles() {
    return new ImageSource() {
      @Override
      public long size(String path) throws IOException {
        return Files.size(Path.of(path));
      }

      @Override
      public byte[] read(String path) throws IOException {
        return Files.readAllBytes(Path.of(path));
      }
    };
  }

  /**
   * @param batch images per forward pass
   * @param shardRows rows per shard at most (bounds every shard far below Java's 2 GiB array limit)
   * @param stem unique per task attempt (application, partition, attempt); shards are {@code shard-<stem>-<n>}
   * @param maxFailuresListed failures listed one by one in the result (all are counted)
   */
  public record Options(int batch, int shardRows, String stem, int maxFailuresListed) {
    public Options {
      if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
      if (shardRows < 1) throw new IllegalArgumentException("shard rows must be at least 1, got " + shardRows);
    }
  }

  /** An image without a row, and why. */
  public record Failure(String key, String path, String reason) {}

  /**
   * What one task did.
   *
   * @param images plan lines read
   * @param rows rows written (images minus failures)
   * @param failed images that failed
   * @param failures the first {@link Options#maxFailuresListed} failures
   * @param shards the shards written, in order
   */
  public record Result(
      int partition, int attempt, int images, int rows, int failed, List<Failure> failures, List<ShardFiles.Written> shards,
      @JsonProperty("read_seconds") double readSeconds, @JsonProperty("decode_seconds") double decodeSeconds,
      @JsonProperty("encode_seconds") double encodeSeconds, @JsonProperty("write_seconds") double writeSeconds, double seconds) {}

  /**
   * Embeds the images of {@code lines} (JSON lines of a {@link SweepPlan} model file).
   *
   * @param producer provenance written into every shard index (engine, application, partition...)
   */
  public static Result run(Iterator<String> lines, Preprocessing pre, ImageEncoder encoder, ImageSource source, ShardFiles.Sink sink,
      Options opt, Map<String, ?> producer, int partition, int attempt) throws IOException {
    long t0 = System.nanoTime();
    Preprocessor prep = new Preprocessor(pre);
    int size = prep.spec().inputSize();
    int plane = 3 * size * size;
    List<String> batchKeys = new ArrayList<>();
    List<float[]> batchPixels = new ArrayList<>();
    List<String> shardKeys = new ArrayList<>();
    List<float[]> shardRows = new ArrayList<>();
    List<ShardFiles.Written> shards = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    int images = 0;
    int failed = 0;
    int rows = 0;
    long readNs = 0;
    long decodeNs = 0;
    long encodeNs = 0;
    long writeNs = 0;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isBlank()) continue;
      SweepPlan.Image img = SweepPlan.parseLine(line);
      images++;
      long ta = System.nanoTime();
      String problem = null;
      byte[] bytes = null;
      try {
        long actual = source.size(img.path());
        if (actual != img.size()) {
          problem = "size " + actual + " bytes where the plan says " + img.size() + " (the file changed since planning, or the path map points at another file)";
        } else {
          bytes = source.read(img.path());
          if (bytes.length != img.size()) {
            problem = "read " + bytes.length + " bytes where the plan says " + img.size();
          } else if (!ImageEmbedder.contentKey(pre, EmbeddingCache.sha256(bytes)).equals(img.key())) {
            // keys are content-addressed: the bytes must be the ones the desktop planned
            problem = "content differs from the planned file (same size, other SHA-256; the path map points at another file?)";
          }
        }
      } catch (NoSuchFileException e) {
        problem = "file not found";
      } catch (IOException e) {
        problem = "cannot read: " + (e.getMessage() == null ? e.toString() : e.getMessage());
      }
      long tb = System.nanoTime();
      readNs += tb - ta;
      float[] px = null;
      if (problem == null) {
        try {
          px = prep.apply(ImageDecoder.decode(bytes, img.path(), false));
        } catch (ImageDecodeException e) {
          problem = e.getMessage();
        } catch (RuntimeException e) {
          problem = "cannot preprocess: " + e;
        }
        decodeNs += System.nanoTime() - tb;
      }
      if (problem != null) {
        failed++;
        if (failures.size() < opt.maxFailuresListed()) failures.add(new Failure(img.key(), img.path(), problem));
        continue;
      }
      batchKeys.add(img.key());
      batchPixels.add(px);
      if (batchKeys.size() >= opt.batch()) {
        encodeNs += encode(encoder, batchKeys, batchPixels, size, plane, shardKeys, shardRows);
        if (shardKeys.size() >= opt.shardRows()) {
          long tw = System.nanoTime();
          rows += flush(sink, opt, shards, shardKeys, shardRows, producer);
          writeNs += System.nanoTime() - tw;
        }
      }
    }
    if (!batchKeys.isEmpty()) encodeNs += encode(encoder, batchKeys, batchPixels, size, plane, shardKeys, shardRows);
    long tw = System.nanoTime();
    while (!shardKeys.isEmpty()) rows += flush(sink, opt, shards, shardKeys, shardRows, producer);
    writeNs += System.nanoTime() - tw;
    return new Result(partition, attempt, images, rows, failed, List.copyOf(failures), List.copyOf(shards), readNs / 1e9, decodeNs / 1e9,
        encodeNs / 1e9, writeNs / 1e9, (System.nanoTime() - t0) / 1e9);
  }

  private static long encode(ImageEncoder encoder, List<String> keys, List<float[]> pixels, int size, int plane, List<String> shardKeys,
      List<float[]> shardRows) {
    long t = System.nanoTime();
    float[] px = new float[keys.size() * plane];
    for (int b = 0; b < keys.size(); b++) System.arraycopy(pixels.get(b), 0, px, b * plane, plane);
    float[][] emb = encoder.encode(new ImageBatch(keys.size(), size, size, px));
    shardKeys.addAll(keys);
    for (float[] r : emb) shardRows.add(r);
    keys.clear();
    pixels.clear();
    return System.nanoTime() - t;
  }

  /** Writes up to {@code shardRows} pending rows as one shard; returns how many. */
  private static int flush(ShardFiles.Sink sink, Options opt, List<ShardFiles.Written> shards, List<String> keys, List<float[]> rows,
      Map<String, ?> producer) throws IOException {
    int n = Math.min(opt.shardRows(), keys.size());
    List<String> k = new ArrayList<>(keys.subList(0, n));
    float[][] r = rows.subList(0, n).toArray(new float[0][]);
    shards.add(ShardFiles.write(sink, String.format("%s-%04d", opt.stem(), shards.size()), k, r, producer));
    keys.subList(0, n).clear();
    rows.subList(0, n).clear();
    return n;
  }
}
