package io.clipwb.cli;

import io.clipwb.core.data.ClassSet;
import io.clipwb.core.data.ClassSets;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.data.Datasets;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.run.ImageEmbedder;
import io.clipwb.core.run.ZeroShotRun;
import io.clipwb.core.text.PromptSets;
import io.clipwb.djl.DjlClipModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clipwb eval}: zero-shot classification of a data set with a bundle, through the cache. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Zero-shot classification of a data set with a model bundle.",
      "Writes results.json, predictions.csv, logits.npy, labels.npy, image_embeddings.npy,",
      "text_embeddings.npy and manifest.json to --out. Embeddings are cached: a second run computes nothing."
    })
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "model bundle folder (with bundle.json)")
  Path model;

  @Option(names = "--data", required = true, description = "data set: image folder, cue-conflict folder, flat <classid>_*.jpg folder, or manifest .csv/.jsonl")
  Path data;

  @Option(names = "--classes", description = "class list: imagenet1k, file.json#key (CLIP_benchmark format), or file.json; default: from the data")
  String classes;

  @Option(names = "--templates", description = "prompt set: imagenet-80, imagenet-7, single, or file.json[#key]; default: the bundle card's prompts, else single")
  String templates;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Mixin EmbeddingOptions embedding;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Bundle bundle = BundleLoader.load(model);
    Optional<ClassSet> cs = Optional.ofNullable(classes).map(ClassSets::load);
    Dataset ds = Datasets.open(data, cs, embedding.allowOutsideRoot);
    String tname = templates != null ? templates : PromptSets.defaultFor(bundle);
    List<String> tlist = PromptSets.templates(tname);
    err.printf("clipwb eval: %s on %s (%s, %d images, %d classes, %d templates)%n",
        bundle.name(), ds.name(), ds.layout(), ds.items().size(), ds.classes().size(), tlist.size());
    ImageEmbedder.Options opts = new ImageEmbedder.Options(embedding.batch,
        embedding.decodeThreads(ImageEmbedder.Options.defaults().decodeThreads()));
    ZeroShotRun.Summary s = CtrlC.run(err, cancel -> {
      try (ClipModel m = DjlClipModel.load(bundle)) {
        return ZeroShotRun.execute(new ZeroShotRun.Spec(ds, tname, tlist, cacheRoot(embedding.cache), opts, DjlClipModel.runEnvironment()), m, out,
            new StderrProgress(err), cancel);
      }
    });
    err.printf("images: %d embedded (%d from cache, %d computed), %d failed; %.1f s%n",
        s.images(), s.fromCache(), s.computed(), s.failed(), s.seconds());
    if (!ds.skipped().isEmpty()) {
      err.printf("note: %d folder entries passed over while listing %s (OS junk, links, non-images); see 'dataset.skipped' in %s%n",
          ds.skipped().size(), data, out.resolve("manifest.json"));
    }
    if (ZeroShotRun.mostFailed(s.failed(), s.images() + s.failed())) {
      err.printf("WARNING: %d of %d images could not be embedded; the metrics cover only the other %d. Reasons: 'failed' in %s%n",
          s.failed(), s.images() + s.failed(), s.images(), out.resolve("manifest.json"));
    }
    spec.commandLine().getOut().printf(java.util.Locale.ROOT,
        "{\"acc1\": %.6f, \"acc5\": %.6f, \"mean_per_class_recall\": %.6f, \"images\": %d, \"from_cache\": %d, \"computed\": %d, \"failed\": %d, \"out\": \"%s\"}%n",
        s.metrics().acc1(), s.metrics().acc5(), s.metrics().meanPerClassRecall(), s.images(), s.fromCache(), s.computed(), s.failed(),
        out.toString().replace("\\", "\\\\"));
    return 0;
  }

  /** The cache root: the option, else $CLIPWB_CACHE, else $XDG_CACHE_HOME/clipwb, else ~/.cache/clipwb. */
  static Path cacheRoot(Path option) {
    if (option != null) return option;
    return io.clipwb.core.cache.CacheLocation.defaultRoot();
  }
}
