package io.clipwb.core.sweep;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a finished sweep's shards into the local cache ({@code clipwb cache import}). Only model
 * folders with their {@link SweepOutput#MARKER} are read, and of those only the shards the marker
 * lists (a failed or speculative task attempt may have left others); each shard is checked (marker
 * and index agree on the checksum, the {@code .npy} matches it, float32 rows of the model's width,
 * one key per row) before it is copied, {@code .npy} first, each file atomically, under its own
 * name. A shard whose keys the cache already holds is skipped, so importing twice changes nothing.
 * The sweep folder itself is only read: the cache never opens it (it deletes shards it finds
 * corrupt, which must not happen to a folder a cluster still writes).
 */
public final class SweepImport {
  private static final Logger LOG = LoggerFactory.getLogger(SweepImport.class);

  private SweepImport() {}

  /**
   * One model folder of the sweep.
   *
   * @param status {@code imported} (every listed shard is now in the cache), {@code unfinished} (no
   *     marker: skipped), {@code invalid} (a bad marker or a corrupt shard; the valid shards are imported)
   */
  public record ModelImport(
      String folder, String model, String status, int shards, int imported, int present, int corrupt, long rows, String message) {}

  /** What an import did. */
  public record Result(List<ModelImport> models) {
    public int imported() {
      return models.stream().mapToInt(ModelImport::imported).sum();
    }

    public int present() {
      return models.stream().mapToInt(ModelImport::present).sum();
    }

    public int corrupt() {
      return models.stream().mapToInt(ModelImport::corrupt).sum();
    }

    public long rows() {
      return models.stream().mapToLong(ModelImport::rows).sum();
    }

    /** True when every model folder was finished and every shard valid. */
    public boolean clean() {
      return models.stream().allMatch(m -> m.status().equals("imported"));
    }
  }

  /**
   * Imports every finished model folder of {@code from} into {@code cacheRoot}.
   *
   * @throws IllegalArgumentException when {@code from} holds no model folder at all
   */
  /** The largest shard an import reads (each is checked whole in memory; the workers' shards are far smaller). */
  static final long MAX_SHARD_BYTES = 1L << 30;

  public static Result run(Path from, Path cacheRoot) {
    if (!Files.isDirectory(from)) throw new IllegalArgumentException(from + ": no such folder");
    List<Path> folders;
    try (Stream<Path> s = Files.list(from)) {
      folders = s.filter(d -> Files.isDirectory(d.resolve(SweepOutput.SPACE))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + from + ": " + e.getMessage(), e);
    }
    if (folders.isEmpty()) {
      throw new IllegalArgumentException(from + ": no model folder (<fingerprint>/" + SweepOutput.SPACE + "/) here: not a sweep output folder");
    }
    List<ModelImport> out = new ArrayList<>();
    for (Path d : folders) out.add(importModel(d, cacheRoot));
    return new Result(List.copyOf(out));
  }

  private static ModelImport importModel(Path dir, Path cacheRoot) {
    String folder = dir.getFileName().toString();
    Path markerFile = dir.resolve(SweepOutput.MARKER);
    if (!Files.isRegularFile(markerFile)) {
      LOG.warn("sweep import: {} has no {} marker: its job has not finished (or failed); skipped", dir, SweepOutput.MARKER);
      return new ModelImport(folder, null, "unfinished", 0, 0, 0, 0, 0, "no " + SweepOutput.MARKER + " marker: job not finished");
    }
    SweepOutput.Marker m;
    try {
      m = SweepOutput.readMarker(Files.readAllBytes(markerFile), markerFile.toString());
    } catch (IOException | RuntimeException e) {
      return new ModelImport(folder, null, "invalid", 0, 0, 0, 0, 0, e.getMessage());
    }
    if (!SweepPlanner.cacheDir(m.fingerprint()).equals(folder)) {
      return new ModelImport(folder, m.model(), "invalid", m.shards().size(), 0, 0, 0, 0,
          "the marker's fingerprint " + m.fingerprint() + " does not belong to folder " + folder);
    }
    EmbeddingCache cache = EmbeddingCache.open(cacheRoot, m.fingerprint(), SweepOutput.SPACE, m.embedDim());
    int imported = 0;
    int present = 0;
    int corrupt = 0;
    long rows = 0;
    String firstProblem = null;
    for (ShardFiles.Written w : m.shards()) {
      Path idx = dir.resolve(SweepOutput.SPACE).resolve(w.name());
      Path npy = dir.resolve(SweepOutput.SPACE).resolve(ShardFiles.npyName(w.name()));
      try {
        if (Files.size(npy) > MAX_SHARD_BYTES) {
          throw new IllegalArgumentException(npy + ": " + Files.size(npy) + " bytes, over the " + MAX_SHARD_BYTES
              + " a sweep shard may have (clipwb-spark bounds its shards' rows): not imported");
        }
        byte[] ib = Files.readAllBytes(idx);
        byte[] nb = Files.readAllBytes(npy);
        List<String> keys = ShardFiles.verify(ib, nb, m.embedDim(), idx.toString());
        if (!EmbeddingCache.sha256(nb).equals(w.sha256()) || keys.size() != w.rows()) {
          throw new IllegalArgumentException(idx + ": does not match the shard the marker lists (checksum or rows)");
        }
        if (keys.stream().allMatch(cache::contains)) {
          present++;
          continue;
        }
        AtomicFiles.write(cache.dir().resolve(npy.getFileName().toString()), nb);
        AtomicFiles.write(cache.dir().resolve(idx.getFileName().toString()), ib);
        imported++;
        rows += keys.size();
      } catch (IOException | RuntimeException e) {
        corrupt++;
        if (firstProblem == null) firstProblem = e.getMessage();
        LOG.warn("sweep import: shard {} not imported: {}", idx, e.getMessage());
      }
    }
    return new ModelImport(folder, m.model(), corrupt == 0 ? "imported" : "invalid", m.shards().size(), imported, present, corrupt, rows,
        firstProblem);
  }
}
