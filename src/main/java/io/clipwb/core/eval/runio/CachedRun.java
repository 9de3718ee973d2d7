package io.clipwb.core.eval.runio;

import io.clipwb.core.runfolder.RunFolder;
import io.clipwb.core.runfolder.RunItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The parts of a cached run folder ({@code clipwb eval --out DIR}) that the shape-bias, factor and
 * LMM evaluations read, with the items parsed into records: {@code manifest.json} (classes, items with path/label/metadata, logit
 * scale), {@code logits.npy} (N x C, logit_scale x cosine) and {@code labels.npy} (N, -1 = unknown).
 * Evaluations work "over a cached run" so they never re-encode images. A view of a
 * {@link RunFolder}, the one reader of run folders.
 *
 * @param dir the run folder
 * @param classes class names in logit column order
 * @param items manifest items in row order
 * @param logits N x C logits
 * @param labels N labels (-1 = unknown)
 * @param logitScale the model's logit scale (NaN if the manifest does not say)
 * @param model a model name for display (bundle name from the manifest, else the folder name)
 */
public record CachedRun(
    Path dir, List<String> classes, List<RunItem> items, double[][] logits, int[] labels, double logitScale, String model) {

  /**
   * Reads the run folder ({@link RunFolder#read}) and checks what these evaluations need: a manifest
   * with classes and items, labels inside the class range.
   */
  public static CachedRun load(Path dir) {
    if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
      throw new IllegalArgumentException(dir + ": not a run folder (no manifest.json)");
    }
    return of(RunFolder.read(dir));
  }

  /** The view of a run folder already read; clear errors name what is missing. */
  public static CachedRun of(RunFolder f) {
    Path manifest = f.dir().resolve("manifest.json");
    if (f.classes().isEmpty()) throw new IllegalArgumentException(manifest + ": missing 'classes' (list of class names)");
    if (f.items() == null) throw new IllegalArgumentException(manifest + ": missing 'items' list");
    int[] labels = f.labels();
    for (int r = 0; r < labels.length; r++) {
      if (labels[r] < -1 || labels[r] >= f.classes().size()) {
        throw new IllegalArgumentException(f.dir().resolve("labels.npy") + ": label " + labels[r] + " at row " + r
            + " is outside [0, " + f.classes().size() + ")");
      }
    }
    return new CachedRun(f.dir(), f.classes(), f.items(), f.logits(), labels, f.manifest().logitScale(), f.model());
  }

  /** Softmax of one logit row, computed in double with the max subtracted. */
  public static double[] softmax(double[] logits) {
    return io.clipwb.core.util.Vectors.softmax(logits);
  }

  /** Index of the largest value (first one on ties, as numpy's argmax). */
  public static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }
}
