package io.clipwb.core.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.io.Csv;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.eval.zeroshot.ZeroShot;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.text.Tokenizer;
import io.clipwb.core.text.Tokenizers;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One zero-shot run: a model over a data set with a prompt set. Image and text embeddings come
 * from the cache when present; the run folder then holds everything every evaluation needs (see
 * docs/run-folder.md): {@code results.json} (CLIP_benchmark's schema), {@code predictions.csv},
 * {@code logits.npy}, {@code labels.npy}, {@code image_embeddings.npy}, {@code text_embeddings.npy},
 * {@code manifest.json}.
 */
public final class ZeroShotRun {
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

  public static Summary execute(Spec spec, ClipModel model, Path outDir, Progress progress, Cancellation cancel) {
    long t0 = System.nanoTime();
    Bundle b = model.bundle();
    Dataset ds = spec.dataset();
    if (ds.classes().size() == 0) {
      throw new IllegalArgumentException("data set " + ds.root() + " has no class list: pass --classes");
    }
    Tokenizer tok = Tokenizers.forBundle(b);
    EmbeddingCache texts = EmbeddingCache.open(spec.cacheRoot(), b.fingerprint(), "texts");
    List<String> prompts = ZeroShot.prompts(ds.classes().names(), spec.templates());
    float[][] promptEmb = TextEmbedder.embed(model, tok, prompts, texts, 256, progress, cancel);
    float[][] weights = ZeroShot.classWeights(promptEmb, ds.classes().size(), spec.templates().size());

    EmbeddingCache images = EmbeddingCache.open(spec.cacheRoot(), b.fingerprint(), "images");
    ImageEmbedder.Result r = ImageEmbedder.run(model, ds.items(), images, spec.options(), progress, cancel);
    float[][] imgN = ZeroShot.normalizeRows(r.embeddings());
    float[][] logits = ZeroShot.logits(imgN, weights, b.logitScale());
    int[] labels = r.items().stream().mapToInt(DataItem::label).toArray();
    ZeroShot.Metrics m = ZeroShot.metrics(logits, labels);

    Npy.write(outDir.resolve("logits.npy"), logits);
    Npy.write(outDir.resolve("labels.npy"), labels);
    Npy.write(outDir.resolve("image_embeddings.npy"), imgN);
    Npy.write(outDir.resolve("text_embeddings.npy"), weights);
    writePredictions(outDir.resolve("predictions.csv"), r.items(), logits, ds.classes().names());

    ObjectNode res = Json.object();
    res.put("dataset", ds.name());
    res.put("model", b.name());
    res.put("pretrained", b.card().trainingData());
    res.put("task", "zeroshot_classification");
    ObjectNode metrics = res.putObject("metrics");
    metrics.put("acc1", m.acc1());
    metrics.put("acc5", m.acc5());
    metrics.put("mean_per_class_recall", m.meanPerClassRecall());
    res.put("language", "en");
    Json.write(outDir.resolve("results.json"), res);

    double seconds = (System.nanoTime() - t0) / 1e9;
    ObjectNode man = Json.object();
    man.put("format", "clipwb-run");
    man.put("version", 1);
    man.put("created", Instant.now().toString());
    ObjectNode bn = man.putObject("bundle");
    bn.put("name", b.name());
    bn.put("dir", b.dir().toAbsolutePath().toString());
    bn.put("fingerprint", b.fingerprint());
    bn.set("card", Json.mapper().valueToTree(b.card()));
    man.set("preprocessing", Json.mapper().valueToTree(b.preprocessing()));
    man.put("logit_scale", b.logitScale());
    ObjectNode tn = man.putObject("templates");
    tn.put("name", spec.templatesName());
    tn.put("sha256", EmbeddingCache.sha256(String.join("\n", spec.templates())));
    tn.set("list", Json.mapper().valueToTree(spec.templates()));
    ObjectNode dn = man.putObject("dataset");
    dn.put("name", ds.name());
    dn.put("root", ds.root().toAbsolutePath().toString());
    dn.put("layout", ds.layout());
    man.set("classes", Json.mapper().valueToTree(ds.classes().names()));
    man.set("class_ids", Json.mapper().valueToTree(ds.classes().ids()));
    ArrayNode items = man.putArray("items");
    for (DataItem it : r.items()) {
      ObjectNode o = items.addObject();
      o.put("id", it.id());
      o.put("path", it.path().toString());
      o.put("label", it.label());
      if (!it.metadata().isEmpty()) o.set("metadata", Json.mapper().valueToTree(it.metadata()));
    }
    man.set("failed", Json.mapper().valueToTree(r.failures()));
    ObjectNode cn = man.putObject("cache");
    cn.put("root", spec.cacheRoot().toAbsolutePath().toString());
    cn.put("images_from_cache", r.fromCache());
    cn.put("images_computed", r.computed());
    cn.put("corrupt_shards_discarded", images.corruptShards() + texts.corruptShards());
    man.set("environment", Json.mapper().valueToTree(spec.environment()));
    man.put("seconds", seconds);
    Json.write(outDir.resolve("manifest.json"), man);
    return new Summary(m, r.items().size(), r.fromCache(), r.computed(), r.failures().size(), seconds);
  }

  private static void writePredictions(Path file, List<DataItem> items, float[][] logits, List<String> names) {
    StringBuilder sb = new StringBuilder("path,label");
    int k = Math.min(5, names.size());
    for (int j = 1; j <= k; j++) sb.append(",pred").append(j);
    for (int j = 1; j <= k; j++) sb.append(",prob").append(j);
    sb.append('\n');
    for (int i = 0; i < items.size(); i++) {
      List<String> row = new ArrayList<>();
      row.add(items.get(i).id());
      row.add(items.get(i).label() >= 0 ? names.get(items.get(i).label()) : "");
      int[] top = ZeroShot.topK(logits[i], k);
      double[] p = ZeroShot.softmax(logits[i]);
      for (int c : top) row.add(names.get(c));
      for (int c : top) row.add(String.format(java.util.Locale.ROOT, "%.6f", p[c]));
      sb.append(Csv.line(row)).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }
}
