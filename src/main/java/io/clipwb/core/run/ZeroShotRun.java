package io.clipwb.core.run;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.io.Csv;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.eval.zeroshot.ZeroShot;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.runfolder.RunFolder;
import io.clipwb.core.runfolder.RunItem;
import io.clipwb.core.runfolder.RunManifest;
import io.clipwb.core.text.Tokenizer;
import io.clipwb.core.text.Tokenizers;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One zero-shot run: a model over a data set with a prompt set. Image and text embeddings come
 * from the cache when present. {@link #compute} returns the logits, embeddings and metrics in memory;
 * {@link #execute} also writes them as a run folder through {@link RunFolder}, which then holds
 * everything every evaluation needs (docs/run-folder.md).
 */
public final class ZeroShotRun {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ZeroShotRun.class);

  private ZeroShotRun() {}

  /**
   * @param templatesName the prompt set's name as the user gave it (recorded)
   * @param cacheRoot the embedding cache root
   * @param environment extra facts recorded in the manifest (engine, versions)
   */
  public record Spec(Dataset dataset, String templatesName, List<String> templates, Path cacheRoot,
      ImageEmbedder.Options options, Map<String, String> environment) {}

  /** What the run did: metrics and cache statistics. */
  public record Summary(ZeroShot.Metrics metrics, int images, int fromCache, int computed, int failed, double seconds) {}

  /**
   * What a run computed, in memory: the rows (images embedded, in data set order), their logits,
   * labels and embeddings, the class weights and the metrics. {@link #folder} turns it into the
   * run folder's contents.
   */
  public record Result(
      Spec spec, Bundle bundle, List<DataItem> items, float[][] logits, int[] labels, float[][] imageEmbeddings,
      float[][] classWeights, ZeroShot.Metrics metrics, ImageEmbedder.Result embedding, int corruptShards, double seconds) {

    /** What the run did, for logs and the project run record. */
    public Summary summary() {
      return new Summary(metrics, items.size(), embedding.fromCache(), embedding.computed(), embedding.failures().size(), seconds);
    }

    /** The run folder's contents (manifest, arrays, predictions, CLIP_benchmark results). */
    public RunFolder.Contents folder() {
      Dataset ds = spec.dataset();
      List<RunItem> rows = new ArrayList<>(items.size());
      for (DataItem it : items) rows.add(new RunItem(it.id(), it.path().toString(), it.label(), it.metadata()));
      List<RunManifest.Failure> failed = embedding.failures().stream()
          .map(f -> new RunManifest.Failure(f.id(), f.path(), f.reason())).toList();
      RunManifest m = new RunManifest(RunFolder.FORMAT, RunFolder.VERSION, Instant.now().toString(), null,
          new RunManifest.BundleInfo(bundle.name(), bundle.dir().toAbsolutePath().toString(), bundle.fingerprint(),
              Json.mapper().valueToTree(bundle.card())),
          Json.mapper().valueToTree(bundle.preprocessing()), bundle.logitScale(),
          new RunManifest.Templates(spec.templatesName(), EmbeddingCache.sha256(String.join("\n", spec.templates())), spec.templates()),
          new RunManifest.DatasetInfo(ds.name(), ds.root().toAbsolutePath().toString(), ds.layout(),
              ds.skipped().stream().map(s -> new RunManifest.Failure(s.path(), s.path(), s.reason())).toList()),
          ds.classes().names(), ds.classes().ids(), rows, failed,
          new RunManifest.CacheInfo(spec.cacheRoot().toAbsolutePath().toString(), embedding.fromCache(), embedding.computed(), corruptShards),
          spec.environment(), seconds, bundle.logitBias());
      int k = Math.min(5, ds.classes().size());
      List<RunFolder.Prediction> preds = new ArrayList<>(logits.length);
      for (float[] row : logits) {
        int[] top = ZeroShot.topK(row, k);
        double[] p = ZeroShot.softmax(row);
        double[] tp = new double[top.length];
        for (int j = 0; j < top.length; j++) tp[j] = p[top[j]];
        preds.add(new RunFolder.Prediction(top, tp));
      }
      RunFolder.Results res = new RunFolder.Results(ds.name(), bundle.name(), bundle.card().trainingData(), metrics.acc1(),
          metrics.acc5(), metrics.meanPerClassRecall());
      return new RunFolder.Contents(m, logits, labels, imageEmbeddings, classWeights, preds, res);
    }
  }

  /**
   * Runs the model over the data set and writes the run folder ({@link RunFolder#write}: whole or
   * not at all).
   */
  public static Summary execute(Spec spec, ClipModel model, Path outDir, Progress progress, Cancellation cancel) {
    Result r = compute(spec, model, progress, cancel);
    RunFolder.write(outDir, r.folder());
    return r.summary();
  }

  /**
   * Whether so many of a run's images failed that its metrics mislead: more than half, the point
   * at which the front ends print a loud warning with the count.
   */
  public static boolean mostFailed(int failed, int total) {
    return failed > 0 && 2L * failed > total;
  }

  /**
   * A run whose metrics would describe no labelled image is an error, not a results.json of NaN:
   * nothing embedded at all (every file unreadable, or every path wrong, such as a manifest with
   * separators of another system), or no labelled image among those embedded.
   */
  private static void checkEmbedded(Dataset ds, ImageEmbedder.Result r) {
    int n = ds.items().size();
    if (r.items().isEmpty() && n > 0) {
      throw new IllegalArgumentException("no image of data set " + ds.name() + " could be embedded (" + n + " of " + n + " failed"
          + firstReason(r) + "); nothing was written");
    }
    boolean labelled = ds.items().stream().anyMatch(i -> i.label() >= 0);
    if (labelled && r.items().stream().noneMatch(i -> i.label() >= 0)) {
      throw new IllegalArgumentException("no labelled image of data set " + ds.name() + " could be embedded (" + r.failures().size()
          + " of " + n + " failed" + firstReason(r) + "); nothing was written");
    }
    if (mostFailed(r.failures().size(), n)) {
      LOG.warn("{} of {} images of {} could not be embedded{}; the metrics cover only the other {}", r.failures().size(), n, ds.name(),
          firstReason(r), r.items().size());
    }
  }

  private static String firstReason(ImageEmbedder.Result r) {
    if (r.failures().isEmpty()) return "";
    ImageEmbedder.Failure f = r.failures().get(0);
    return "; the first, " + f.id() + ": " + f.reason();
  }

  /**
   * Runs the model over the data set, in memory: text and image embeddings through the cache,
   * logits and metrics. Writes nothing but cache shards.
   *
   * @throws IllegalArgumentException when the data set has no class list
   */
  public static Result compute(Spec spec, ClipModel model, Progress progress, Cancellation cancel) {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancel, "cancel");
    long t0 = System.nanoTime();
    Bundle b = model.bundle();
    Dataset ds = spec.dataset();
    if (ds.classes().size() == 0) {
      throw new IllegalArgumentException("data set " + ds.root() + " has no class list: zero-shot classification needs class names");
    }
    Tokenizer tok = Tokenizers.forBundle(b);
    EmbeddingCache texts = EmbeddingCache.open(spec.cacheRoot(), b.fingerprint(), "texts", b.embedDim());
    List<String> prompts = ZeroShot.prompts(ds.classes().names(), spec.templates());
    // the items channel counts images here: prompts report updates only
    float[][] promptEmb = TextEmbedder.embed(model, tok, prompts, texts, 256, progress.updatesOnly(), cancel);
    float[][] weights = ZeroShot.classWeights(promptEmb, ds.classes().size(), spec.templates().size());

    EmbeddingCache images = EmbeddingCache.open(spec.cacheRoot(), b.fingerprint(), "images", b.embedDim());
    ImageEmbedder.Result r = ImageEmbedder.run(model, ds.items(), images, spec.options(), progress, cancel);
    checkEmbedded(ds, r);
    float[][] imgN = ZeroShot.normalizeRows(r.embeddings());
    float[][] logits = ZeroShot.logits(imgN, weights, b.logitScale(), b.logitBias());
    int[] labels = r.items().stream().mapToInt(DataItem::label).toArray();
    ZeroShot.Metrics m = ZeroShot.metrics(logits, labels);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(spec, b, r.items(), logits, labels, imgN, weights, m, r, images.corruptShards() + texts.corruptShards(), seconds);
  }
}
