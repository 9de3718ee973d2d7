package io.clipwb.core.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The folder a sweep writes, laid out like a cache root so that every model's shards sit where a
 * cache would keep them: {@code <out>/<cache_dir>/images/shard-*.{npy,json}}, one
 * {@code <out>/<cache_dir>/_SUCCESS} marker per model whose job finished (written by the driver
 * after every task succeeded, listing exactly the shards of the successful task attempts), and
 * {@code <out>/sweep-report.json}. A model folder without its marker is still being written (or its
 * job failed): {@link SweepImport} never reads it.
 */
public final class SweepOutput {
  private SweepOutput() {}

  /** The per-model marker file (the Hadoop convention's name; JSON content). */
  public static final String MARKER = "_SUCCESS";
  public static final String MARKER_FORMAT = "clipwb-sweep-success";
  public static final String REPORT = "sweep-report.json";
  public static final String REPORT_FORMAT = "clipwb-sweep-report";
  /** The cache's key space for image rows. */
  public static final String SPACE = "images";
  public static final int VERSION = 1;

  /**
   * The marker of one model's finished job.
   *
   * @param shards the shards of the task attempts that succeeded (other attempts' files are ignored)
   */
  public record Marker(
      String format, int version, String model, String fingerprint, @JsonProperty("embed_dim") int embedDim,
      @JsonProperty("app_id") String appId, String finished, long planned, long rows, long failed, List<ShardFiles.Written> shards) {}

  /**
   * One model's job in the sweep report.
   *
   * @param status {@code succeeded}, {@code failed} (the job failed: no marker) or {@code nothing-to-do}
   * @param failures the first failures over all tasks
   */
  public record ModelReport(
      String model, String fingerprint, String status, String error, long planned, long rows, long failed, int tasks, double seconds,
      @JsonProperty("images_per_second") double imagesPerSecond, List<SweepWorker.Failure> failures, List<SweepWorker.Result> results) {}

  /** {@code sweep-report.json}: collected on the driver. */
  public record Report(
      String format, int version, @JsonProperty("app_id") String appId, String plan, String out, String started, double seconds,
      Map<String, String> environment, List<ModelReport> models) {}

  /** The marker of {@code m}'s finished job from its successful tasks' results. */
  public static Marker marker(SweepPlan.Model m, String appId, List<SweepWorker.Result> results) {
    long rows = results.stream().mapToLong(SweepWorker.Result::rows).sum();
    long failed = results.stream().mapToLong(SweepWorker.Result::failed).sum();
    List<ShardFiles.Written> shards = results.stream().flatMap(r -> r.shards().stream()).toList();
    return new Marker(MARKER_FORMAT, VERSION, m.name(), m.fingerprint(), m.embedDim(), appId, java.time.Instant.now().toString(),
        m.images(), rows, failed, shards);
  }

  /**
   * One model's report line from its tasks' results ({@code error} null when the job succeeded).
   *
   * @param maxFailures failures listed one by one (all are counted)
   */
  public static ModelReport modelReport(SweepPlan.Model m, List<SweepWorker.Result> results, String error, double seconds, int maxFailures) {
    long rows = results.stream().mapToLong(SweepWorker.Result::rows).sum();
    long failed = results.stream().mapToLong(SweepWorker.Result::failed).sum();
    List<SweepWorker.Failure> failures = results.stream().flatMap(r -> r.failures().stream()).limit(maxFailures).toList();
    String status = error != null ? "failed" : m.images() == 0 ? "nothing-to-do" : "succeeded";
    return new ModelReport(m.name(), m.fingerprint(), status, error, m.images(), rows, failed, results.size(), seconds,
        seconds > 0 ? (rows + failed) / seconds : 0, failures, results);
  }

  public static byte[] toJson(Object value) {
    return (Json.toString(value) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Parses a marker's bytes. */
  public static Marker readMarker(byte[] bytes, String source) {
    JsonNode n;
    try {
      n = Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage(), e);
    }
    if (!MARKER_FORMAT.equals(n.path("format").asText()) || n.path("version").asInt() < 1 || n.path("version").asInt() > VERSION) {
      throw new IllegalArgumentException(source + ": not a sweep marker this release reads (format \"" + n.path("format").asText() + "\")");
    }
    return Json.convert(n, Marker.class);
  }
}
