package io.clipwb.core.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A sweep plan: the folder the desktop hands to a cluster. {@code plan.json} names the models (bundle
 * fingerprint, preprocessing, embedding width, where the executors find the bundle) and, per model,
 * a JSON-lines file of the images its cache lacks: {@code key} (computed on the desktop with
 * {@link io.clipwb.core.run.ImageEmbedder#cacheKey}, so the executors never need the key recipe),
 * {@code path} as the cluster sees it, {@code size}, {@code mtime_ms}, {@code set}, {@code id}. JSON
 * lines so that {@code pandas.read_json(f, lines=True)} reads one in a line and Spark splits it.
 *
 * <p>Text embeddings are not planned: a model's prompts and captions are a few thousand short
 * strings, embedded by the desktop in seconds when the project runs after the import.
 */
public final class SweepPlan {
  private SweepPlan() {}

  public static final String FORMAT = "clipwb-sweep-plan";
  public static final int VERSION = 1;
  public static final String PLAN_FILE = "plan.json";

  /** Where the plan says text embeddings are computed (recorded in {@code plan.json}). */
  public static final String TEXT_NOTE =
      "text embeddings are not planned: prompts and captions are few and cheap, the desktop embeds them when the project runs";

  /**
   * One model of the plan.
   *
   * @param cacheDir the folder name of this model in a cache (and in the sweep output): the
   *     fingerprint's first 16 hex digits
   * @param bundle the bundle folder as the executors see it; relative to the plan folder when
   *     {@code bundleCopied}
   * @param imagesFile the JSON-lines file of missing images, relative to the plan folder
   * @param images how many lines it holds
   */
  public record Model(
      String name, String fingerprint, @JsonProperty("cache_dir") String cacheDir, String bundle,
      @JsonProperty("bundle_copied") boolean bundleCopied, @JsonProperty("embed_dim") int embedDim,
      Preprocessing preprocessing, @JsonProperty("images_file") String imagesFile, long images, List<SetCount> sets) {}

  /** Per data set of one model: images in the set, and how many of them the cache lacks. */
  public record SetCount(String set, int total, int missing) {}

  /** One image to embed (one line of a model's JSON-lines file). */
  public record Image(String key, String path, long size, @JsonProperty("mtime_ms") long mtimeMs, String set, String id) {}

  /** {@code plan.json}. */
  public record Plan(
      String format, int version, String created, String project, @JsonProperty("local_cache") String localCache,
      @JsonProperty("path_map") List<PathMap.Rule> pathMap, @JsonProperty("text_embeddings") String textEmbeddings,
      List<Model> models, long images) {}

  private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  /** One JSON line (no newline) for {@code img}. */
  public static String line(Image img) {
    try {
      return LINE.writeValueAsString(img);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one JSON line of a model's images file. */
  public static Image parseLine(String line) {
    try {
      return Json.mapper().readValue(line, Image.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a sweep plan line: " + e.getMessage(), e);
    }
  }

  /** Reads {@code plan.json} from its text (the cluster side reads it through its own file system). */
  public static Plan parse(String json, String source) {
    JsonNode n;
    try {
      n = Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(n.path("format").asText()) || n.path("version").asInt() < 1 || n.path("version").asInt() > VERSION) {
      throw new IllegalArgumentException(source + ": not a sweep plan this release reads (format \"" + n.path("format").asText()
          + "\", version " + n.path("version").asInt() + "; reads " + FORMAT + " 1 to " + VERSION + ")");
    }
    return Json.convert(n, Plan.class);
  }

  /** Reads {@code <dir>/plan.json}. */
  public static Plan read(Path dir) {
    Path f = dir.resolve(PLAN_FILE);
    return parse(Json.toString(Json.read(f)), f.toString());
  }
}
