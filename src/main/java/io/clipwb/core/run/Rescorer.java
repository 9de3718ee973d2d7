package io.clipwb.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.eval.zeroshot.ZeroShot;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.text.Tokenizers;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Re-scores a finished zero-shot run with other prompt templates and/or other class names, in
 * memory, without touching an image: the prompt lab's "what if" (CLIP's prompt engineering,
 * Radford et al. 2021 §3.1.4). It reads the run folder's {@code image_embeddings.npy} (N × D,
 * already L2-normalised by {@link ZeroShotRun}) and {@code labels.npy}, embeds the prompts through
 * the text cache ({@code texts} space under the bundle fingerprint, as {@link ZeroShotRun} does, so
 * only prompts never seen are encoded), builds the class weights, and computes
 * {@code logit_scale × cos} with the blocked GEMM and the same metrics. The result equals a full
 * {@link ZeroShotRun} with the same templates and names on the same images (test:
 * {@code RescorerTest}).
 *
 * <p>The model is used only through {@link ClipModel#newTextEncoder()}, and only when some prompt
 * is not cached; pass the DJL adapter's text-only loader ({@code DjlClipModel.loadTextOnly}) so no
 * image tower is loaded. Nothing is written except new prompt embeddings to the text cache.
 */
public final class Rescorer {
  private Rescorer() {}

  /**
   * @param logits N × C, {@code logit_scale × cos(image, class weight)}
   * @param labels N class indices as in the run ({@code -1}: no label)
   * @param classWeights C × D normalised class weights
   * @param metrics acc@1, acc@5, mean per-class recall, as {@link ZeroShot#metrics}
   * @param promptsComputed prompts the text tower had to encode now (0 when all were cached)
   */
  public record Result(List<String> classNames, List<String> templates, float[][] logits, int[] labels,
      float[][] classWeights, ZeroShot.Metrics metrics, int promptsComputed) {}

  /** The parts of a run folder re-scoring needs. */
  public record RunInputs(float[][] imageEmbeddings, int[] labels, List<String> classNames, List<String> templates) {}

  /**
   * Reads {@code image_embeddings.npy}, {@code labels.npy} and the class names and templates of
   * {@code manifest.json} (see {@code docs/run-folder.md}).
   *
   * @throws IllegalArgumentException naming the file when the folder is not a finished run
   */
  public static RunInputs read(Path runDir) {
    Path emb = runDir.resolve("image_embeddings.npy");
    Path lab = runDir.resolve("labels.npy");
    Path man = runDir.resolve("manifest.json");
    for (Path p : List.of(emb, lab, man)) {
      if (!Files.isRegularFile(p)) throw new IllegalArgumentException(p + " is missing: not a finished zero-shot run folder");
    }
    float[][] e = Npy.read(emb).asFloatMatrix();
    int[] labels = Npy.read(lab).asIntVector();
    if (labels.length != e.length) {
      throw new IllegalArgumentException(runDir + ": " + e.length + " image embeddings but " + labels.length + " labels");
    }
    JsonNode m = Json.read(man);
    return new RunInputs(e, labels, strings(m.path("classes")), strings(m.path("templates").path("list")));
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * Re-scores a run folder.
   *
   * @param classNames new names for the run's classes (same count and order as the run's, since the
   *     labels index them), or null to keep the run's
   * @param templates new templates ({@code {c}} stands for the class name), or null to keep the run's
   * @param textModel a model whose text tower encodes prompts missing from the cache
   * @param cacheRoot the embedding cache root the run used
   */
  public static Result rescore(Path runDir, List<String> classNames, List<String> templates, ClipModel textModel,
      Path cacheRoot, Progress progress, Cancellation cancel) {
    RunInputs in = read(runDir);
    return rescore(in.imageEmbeddings(), in.labels(), classNames != null ? classNames : in.classNames(),
        templates != null ? templates : in.templates(), textModel, cacheRoot, progress, cancel);
  }

  /**
   * Re-scores normalised image embeddings against prompts built from {@code classNames} ×
   * {@code templates}.
   */
  public static Result rescore(float[][] imageEmbeddingsNormalized, int[] labels, List<String> classNames, List<String> templates,
      ClipModel textModel, Path cacheRoot, Progress progress, Cancellation cancel) {
    Objects.requireNonNull(textModel, "textModel");
    Objects.requireNonNull(cacheRoot, "cacheRoot");
    Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    if (classNames.isEmpty()) throw new IllegalArgumentException("no class names");
    if (templates.isEmpty()) throw new IllegalArgumentException("no templates");
    if (labels.length != imageEmbeddingsNormalized.length) {
      throw new IllegalArgumentException(imageEmbeddingsNormalized.length + " image embeddings but " + labels.length + " labels");
    }
    for (int l : labels) {
      if (l >= classNames.size()) {
        throw new IllegalArgumentException("label " + l + " but only " + classNames.size()
            + " class names: new names must rename the run's classes, in the same order");
      }
    }
    Bundle b = textModel.bundle();
    EmbeddingCache texts = EmbeddingCache.open(cacheRoot, b.fingerprint(), "texts", b.embedDim());
    List<String> prompts = ZeroShot.prompts(classNames, templates);
    int[] computed = new int[1];
    Progress counting = new Progress() {
      @Override
      public void update(long done, long total, String message) {
        progress.update(done, total, message);
      }

      @Override
      public void items(long c, long fromCache) {
        computed[0] = (int) c;
        progress.items(c, fromCache);
      }
    };
    float[][] promptEmb = TextEmbedder.embed(textModel::newTextEncoder, Tokenizers.forBundle(b), prompts, texts, 256, counting, cancel);
    cancel.check();
    float[][] weights = ZeroShot.classWeights(promptEmb, classNames.size(), templates.size());
    progress.update(0, 1, "scoring " + imageEmbeddingsNormalized.length + " images against " + classNames.size() + " classes");
    float[][] logits = ZeroShot.logits(imageEmbeddingsNormalized, weights, b.logitScale(), b.logitBias());
    cancel.check();
    ZeroShot.Metrics m = ZeroShot.metrics(logits, labels);
    progress.update(1, 1, "re-scored");
    return new Result(List.copyOf(classNames), List.copyOf(templates), logits, labels.clone(), weights, m, computed[0]);
  }
}
