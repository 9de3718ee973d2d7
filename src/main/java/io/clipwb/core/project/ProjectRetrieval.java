package io.clipwb.core.project;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.eval.retrieval.CaptionSet;
import io.clipwb.core.eval.retrieval.CaptionSetReader;
import io.clipwb.core.eval.retrieval.Retrieval;
import io.clipwb.core.eval.zeroshot.ZeroShot;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.run.ImageEmbedder;
import io.clipwb.core.run.TextEmbedder;
import io.clipwb.core.text.Tokenizers;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image–text retrieval inside a project: a {@code captions} set with a caption file is embedded by
 * every model of the run (images through the image cache, captions through the text cache, both
 * L2-normalised) into {@code runs/<model>/<set>/{image_embeddings,text_embeddings}.npy}, rows in
 * the caption file's image and caption order, the contract of {@code clipwb retrieval}; the report
 * then scores those matrices with {@link Retrieval} (Recall@K both ways, CLIP_benchmark's
 * definitions) with the command's default settings, so the project's numbers equal
 * {@code clipwb retrieval --image-emb … --text-emb … --captions …} on the same folder.
 *
 * <p>Why a run folder of its own and not a classification run: a retrieval set is scored against
 * its captions, not class prompts, and its row order is the caption file's, not the manifest's.
 */
public final class ProjectRetrieval {
  private ProjectRetrieval() {}

  /** The marker file of a finished retrieval run folder. */
  public static final String RUN_FILE = "retrieval-run.json";

  /** The image embeddings of a retrieval run folder (caption file image order, normalised). */
  public static final String IMAGE_EMB = "image_embeddings.npy";

  /** The caption embeddings of a retrieval run folder (caption file order, normalised). */
  public static final String TEXT_EMB = "text_embeddings.npy";

  /** Best candidates kept per query: what the workbench's query browser can show. */
  public static final int KEEP_TOP = 10;

  /**
   * One model's retrieval on one caption set.
   *
   * @param captions the caption set (images and captions in row order)
   * @param imageRoot the folder the caption file's image ids are relative to
   * @param runDir the retrieval run folder the embeddings were read from
   */
  public record Eval(String set, CaptionSet captions, Path imageRoot, Path runDir, Retrieval.Result result) {
    /** The image file of image row {@code i}. */
    public Path imagePath(int i) {
      return imageRoot.resolve(captions.images().get(i)).normalize();
    }
  }

  /** What embedding one caption set did. */
  public record Embedded(int images, int captions, int fromCache, int computed, int failed, double seconds) {}

  /** The caption set of a {@code captions} data set entry. */
  public static CaptionSet captions(Project.DataSetEntry d) {
    if (d.captions() == null) throw new IllegalArgumentException("data set \"" + d.name() + "\" names no captions file");
    return CaptionSetReader.read(d.captions(), "all");
  }

  /** The folder the caption file's image ids resolve against (the caption file's folder). */
  public static Path imageRoot(Project.DataSetEntry d) {
    Path parent = d.captions().toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }

  /**
   * Embeds the images and captions of {@code d} with {@code model} through the cache and writes
   * the retrieval run folder {@code runDir} (the marker file last, so a folder without it is
   * unfinished).
   *
   * @throws IllegalArgumentException when an image cannot be read (every image must have a row)
   */
  public static Embedded embed(Project.DataSetEntry d, ClipModel model, Path cacheRoot, ImageEmbedder.Options opts,
      Map<String, String> environment, Path runDir, Progress progress, Cancellation cancel) {
    long t0 = System.nanoTime();
    CaptionSet set = captions(d);
    Path root = imageRoot(d);
    Bundle b = model.bundle();
    EmbeddingCache texts = EmbeddingCache.open(cacheRoot, b.fingerprint(), "texts", b.embedDim());
    float[][] txt = ZeroShot.normalizeRows(TextEmbedder.embed(model, Tokenizers.forBundle(b), set.captions(), texts, 256,
        progress.updatesOnly(), cancel));
    List<DataItem> items = new ArrayList<>();
    for (String id : set.images()) items.add(new DataItem(id, root.resolve(id).normalize(), -1, Map.of()));
    EmbeddingCache images = EmbeddingCache.open(cacheRoot, b.fingerprint(), "images", b.embedDim());
    ImageEmbedder.Result r = ImageEmbedder.run(model, items, images, opts, progress, cancel);
    if (!r.failures().isEmpty()) {
      ImageEmbedder.Failure f = r.failures().get(0);
      throw new IllegalArgumentException(d.name() + ": " + r.failures().size() + " image(s) of " + d.captions()
          + " could not be read, e.g. " + f.path() + ": " + f.reason() + " (retrieval needs every image of the caption file)");
    }
    float[][] img = ZeroShot.normalizeRows(r.embeddings());
    cancel.check();
    Npy.write(runDir.resolve(IMAGE_EMB), img);
    Npy.write(runDir.resolve(TEXT_EMB), txt);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("format", "clipwb-retrieval-run");
    rec.put("version", 1);
    rec.put("created", Instant.now().toString());
    rec.put("bundle", Map.of("name", b.name(), "fingerprint", b.fingerprint()));
    rec.put("dataset", d.name());
    rec.put("captions", d.captions().toAbsolutePath().toString());
    rec.put("source", set.source());
    rec.put("num_images", img.length);
    rec.put("num_texts", txt.length);
    rec.put("cache", Map.of("root", cacheRoot.toAbsolutePath().toString(), "from_cache", r.fromCache(), "computed", r.computed()));
    rec.put("environment", environment);
    rec.put("seconds", seconds);
    Json.write(runDir.resolve(RUN_FILE), ProjectReportFiles.SNAKE.valueToTree(rec));
    return new Embedded(img.length, txt.length, r.fromCache(), r.computed(), r.failures().size(), seconds);
  }

  /** Whether {@code runDir} holds a finished retrieval run. */
  public static boolean finished(Path runDir) {
    return Files.isRegularFile(runDir.resolve(RUN_FILE)) && Files.isRegularFile(runDir.resolve(IMAGE_EMB))
        && Files.isRegularFile(runDir.resolve(TEXT_EMB));
  }

  /** The retrieval settings of the report: {@code clipwb retrieval}'s defaults, more candidates kept. */
  public static Retrieval.Params params() {
    Retrieval.Params def = Retrieval.Params.defaults();
    return new Retrieval.Params(def.ks(), def.blockSize(), def.normTolerance(), KEEP_TOP);
  }

  /** Scores a finished retrieval run folder of {@code d}. */
  public static Eval evaluate(Project.DataSetEntry d, Path runDir, Cancellation cancel) {
    CaptionSet set = captions(d);
    float[][] img = Npy.read(runDir.resolve(IMAGE_EMB)).asFloatMatrix();
    float[][] txt = Npy.read(runDir.resolve(TEXT_EMB)).asFloatMatrix();
    if (img.length != set.images().size() || txt.length != set.captions().size()) {
      throw new IllegalArgumentException(runDir + ": " + img.length + " image and " + txt.length + " caption embeddings but " + set
          + " (the caption file changed since the run: run the project again)");
    }
    Retrieval.Result r = Retrieval.compute(img, txt, set.textToImage(), set.imageToTexts(), params(), Progress.NONE, cancel);
    return new Eval(d.name(), set, imageRoot(d), runDir, r);
  }
}
