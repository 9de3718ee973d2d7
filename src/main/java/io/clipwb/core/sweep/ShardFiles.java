package io.clipwb.core.sweep;

import io.clipwb.core.cache.ShardIndex;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Npy;
import io.clipwb.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedding cache's shard format, written and checked outside {@link
 * io.clipwb.core.cache.EmbeddingCache} (which reads these shards like its own; the index is written and
 * read by the cache's {@link ShardIndex}):
 * {@code shard-<stem>.npy} (float32 rows, NumPy 1.0) and {@code shard-<stem>.json}
 * {@code {"version": 1, "sha256": <of the .npy>, "keys": [...]}} plus a {@code producer} object with
 * provenance, which the cache's loader ignores. Cluster tasks write shards without opening a cache
 * (no lock, no listing of a folder other tasks write into); the importer checks them before copying.
 */
public final class ShardFiles {
  private ShardFiles() {}

  /** Where shard files go: a model's {@code images} folder on a local disk, a shared file system or an object store. */
  @FunctionalInterface
  public interface Sink {
    /**
     * Writes one file completely under {@code name}. A reader must never see a partial file under
     * that name: rename a temp file where the storage can, write the final name in one upload where
     * it cannot (object stores publish an object only when its upload completes).
     */
    void write(String name, byte[] bytes) throws IOException;
  }

  /** A sink into a local or shared POSIX folder: temp file, fsync, atomic rename. */
  public static Sink folder(Path dir) {
    return (name, bytes) -> AtomicFiles.write(dir.resolve(name), bytes);
  }

  /** One written shard: its index file name, rows and the SHA-256 of its {@code .npy}. */
  public record Written(String name, int rows, String sha256) {}

  /**
   * Writes one shard: the {@code .npy} first, then the index, so a reader that sees the index sees
   * the whole array.
   *
   * @param stem the name without {@code shard-} and extension; unique per writer
   * @param producer provenance recorded in the index (may be empty)
   */
  public static Written write(Sink sink, String stem, List<String> keys, float[][] rows, Map<String, ?> producer) throws IOException {
    if (keys.size() != rows.length) throw new IllegalArgumentException(keys.size() + " keys for " + rows.length + " rows");
    byte[] npy = Npy.encode(rows);
    String sha = Sha256.hex(npy);
    java.io.ByteArrayOutputStream idx = new java.io.ByteArrayOutputStream();
    ShardIndex.write(idx, sha, keys, producer);
    String base = "shard-" + stem;
    sink.write(base + ".npy", npy);
    sink.write(base + ".json", idx.toByteArray());
    return new Written(base + ".json", rows.length, sha);
  }

  /** The {@code .npy} that belongs to an index file name. */
  public static String npyName(String indexName) {
    return indexName.replaceFirst("\\.json$", ".npy");
  }

  /**
   * Checks one shard as the cache's loader would, without loading it into a cache: checksum,
   * float32 matrix of width {@code width}, one key per row.
   *
   * @return the keys in row order
   * @throws IllegalArgumentException saying what is wrong
   */
  public static List<String> verify(byte[] index, byte[] npy, int width, String name) {
    ShardIndex.Index n;
    try {
      n = ShardIndex.read(new java.io.ByteArrayInputStream(index));
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": index is not a shard index: " + e.getMessage(), e);
    }
    String sha = Sha256.hex(npy);
    if (!sha.equals(n.sha256())) throw new IllegalArgumentException(name + ": checksum mismatch (.npy does not match its index)");
    Npy.NpyArray a = Npy.parse(npy, name);
    if (!a.dtype().equals("<f4") || a.ndim() != 2) {
      throw new IllegalArgumentException(name + ": expected a float32 matrix, found dtype " + a.dtype() + " with " + a.ndim() + " dimensions");
    }
    if (width > 0 && a.shape()[1] != width) throw new IllegalArgumentException(name + ": rows of width " + a.shape()[1] + ", the model's is " + width);
    List<String> keys = n.keys();
    if (keys == null || keys.size() != a.shape()[0]) {
      throw new IllegalArgumentException(name + ": index lists " + (keys == null ? 0 : keys.size()) + " keys for " + a.shape()[0] + " rows");
    }
    return keys;
  }
}
