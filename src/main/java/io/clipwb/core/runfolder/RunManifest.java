package io.clipwb.core.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The typed content of a run folder's {@code manifest.json}: what produced the run (bundle,
 * preprocessing, prompts, environment) and the row order of every array (items). Read and written
 * only by {@link RunFolder}. Parts a hand-written or bare folder lacks are null (objects), empty
 * (lists, maps) or NaN (numbers).
 *
 * @param format {@link RunFolder#FORMAT}, or null for a manifest written by hand
 * @param version the format version ({@link RunFolder#VERSION}); 0 when the manifest does not say
 * @param created ISO-8601 instant the run finished, or null
 * @param name a display name the manifest gives ("name", or a text "dataset"), or null
 * @param bundle the model bundle, or null
 * @param preprocessing the bundle's image preprocessing as recorded, or null
 * @param logitScale the model's logit scale, NaN when unknown
 * @param templates the prompt set, or null
 * @param dataset the data set, or null
 * @param classes class names in logit column order
 * @param classIds class ids in the same order (may be empty)
 * @param items one per array row, in row order
 * @param failed images that could not be embedded (not rows)
 * @param cache embedding cache statistics, or null
 * @param environment engine, versions, device
 * @param seconds wall time of the run, NaN when unknown
 * @param logitBias the model's logit bias (SigLIP's {@code logit_bias}, already inside the logits); 0
 *     for models without one and for manifests that do not state it
 */
public record RunManifest(
    String format, int version, String created, String name, BundleInfo bundle, JsonNode preprocessing, double logitScale,
    Templates templates, DatasetInfo dataset, List<String> classes, List<String> classIds, List<RunItem> items,
    List<Failure> failed, CacheInfo cache, Map<String, String> environment, double seconds, double logitBias) {

  /** A manifest of a model without a logit bias. */
  public RunManifest(String format, int version, String created, String name, BundleInfo bundle, JsonNode preprocessing,
      double logitScale, Templates templates, DatasetInfo dataset, List<String> classes, List<String> classIds, List<RunItem> items,
      List<Failure> failed, CacheInfo cache, Map<String, String> environment, double seconds) {
    this(format, version, created, name, bundle, preprocessing, logitScale, templates, dataset, classes, classIds, items, failed, cache,
        environment, seconds, 0);
  }

  public RunManifest {
    classes = List.copyOf(classes);
    classIds = List.copyOf(classIds);
    items = items == null ? null : List.copyOf(items);
    failed = List.copyOf(failed);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
  }

  /** The model bundle of the run; {@code card} is the bundle's model card as recorded. */
  public record BundleInfo(String name, String dir, String fingerprint, JsonNode card) {}

  /** The prompt templates ({@code {c}} stands for the class name) and the SHA-256 of their text. */
  public record Templates(String name, String sha256, List<String> list) {}

  /**
   * The data set: its name, root folder (absolute when written by clipwb) and layout, and the
   * folder entries passed over while listing it (junk, links, pipes...) with the reason.
   */
  public record DatasetInfo(String name, String root, String layout, List<Failure> skipped) {
    public DatasetInfo {
      skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** A data set with nothing passed over. */
    public DatasetInfo(String name, String root, String layout) {
      this(name, root, layout, List.of());
    }
  }

  /** An image that could not be embedded, with the reason. */
  public record Failure(String id, String path, String reason) {}

  /** Embedding cache statistics of the run. */
  public record CacheInfo(String root, int imagesFromCache, int imagesComputed, int corruptShardsDiscarded) {}

  /** True when the manifest lists its items (bare arrays brought from elsewhere have none). */
  public boolean hasItems() {
    return items != null;
  }

  /** The manifest of a folder of bare arrays: nothing known beyond the arrays. */
  static RunManifest bare() {
    return new RunManifest(null, 0, null, null, null, null, Double.NaN, null, null, List.of(), List.of(), null, List.of(),
        null, Map.of(), Double.NaN);
  }
}
