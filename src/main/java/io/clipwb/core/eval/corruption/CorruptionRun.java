package io.clipwb.core.eval.corruption;

import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.runfolder.RunItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-item predictions of a cached evaluation run ({@code clipwb eval … --out DIR} over a corrupted
 * set) in the form {@link CorruptionEval} and {@link CorruptionGrid} take: each manifest item's path
 * ends in {@code <corruption>/<severity>/<class>/<file>}; {@code logits.npy} gives the prediction
 * (arg-max) and confidence (soft-max probability of the prediction); {@code labels.npy} the truth.
 */
public record CorruptionRun(List<CorruptedItem> items, boolean[] correct, float[] confidence, String[] predictions) {

  public static CorruptionRun read(Path runDir) {
    for (String f : new String[] {"manifest.json", "logits.npy", "labels.npy"}) {
      if (!Files.isRegularFile(runDir.resolve(f))) throw new IllegalArgumentException("run " + runDir + ": missing " + f);
    }
    return of(RunArrays.load(runDir), runDir);
  }

  /**
   * The per-item predictions of run arrays already loaded (the project report reads each run folder
   * once and hands it to every evaluation).
   *
   * @param runDir the run folder, for error messages
   */
  public static CorruptionRun of(RunArrays run, Path runDir) {
    Path manifest = runDir.resolve("manifest.json");
    List<RunItem> itemsNode = run.items();
    if (itemsNode == null) throw new IllegalArgumentException(manifest + ": no 'items' array");
    double[][] logits = run.logits();
    int[] labels = run.labels();
    List<String> classes = run.classes();
    int n = itemsNode.size();
    List<CorruptedItem> items = new ArrayList<>(n);
    boolean[] correct = new boolean[n];
    float[] conf = new float[n];
    String[] pred = new String[n];
    for (int i = 0; i < n; i++) {
      String path = itemsNode.get(i).path();
      items.add(parse(path, manifest, i));
      if (labels[i] < 0) throw new IllegalArgumentException("run " + runDir + ": row " + i + " (" + path + ") has no label");
      // float32, as logits.npy stores them: same arithmetic whichever reader loaded them
      float[] z = new float[logits[i].length];
      for (int j = 0; j < z.length; j++) z[j] = (float) logits[i][j];
      int arg = 0;
      for (int j = 1; j < z.length; j++) if (z[j] > z[arg]) arg = j;
      double sum = 0;
      for (float v : z) sum += Math.exp(v - z[arg]);
      conf[i] = (float) (1 / sum);
      correct[i] = arg == labels[i];
      pred[i] = arg < classes.size() ? classes.get(arg) : Integer.toString(arg);
    }
    return new CorruptionRun(items, correct, conf, pred);
  }

  static CorruptedItem parse(String path, Path manifest, int row) {
    String[] parts = path.replace('\\', '/').split("/");
    if (parts.length < 4) {
      throw new IllegalArgumentException(manifest + ": items[" + row + "] path '" + path + "' does not end in <corruption>/<severity>/<class>/<file>");
    }
    int k = parts.length;
    int severity;
    try {
      severity = Integer.parseInt(parts[k - 3]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(manifest + ": items[" + row + "] path '" + path + "': severity folder '" + parts[k - 3] + "' is not a number", e);
    }
    String rel = parts[k - 4] + "/" + parts[k - 3] + "/" + parts[k - 2] + "/" + parts[k - 1];
    return new CorruptedItem(rel, parts[k - 4], severity, parts[k - 2]);
  }
}
