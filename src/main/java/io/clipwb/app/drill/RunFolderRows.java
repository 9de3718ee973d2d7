package io.clipwb.app.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.io.Json;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link DrillRows} read from a run folder through the core's {@link CachedRun}: the interim row
 * source until the core's row resolver exists. The logits are reduced at load time to the top-5
 * classes and probabilities of each row (softmax in double, as {@code predictions.csv} is written)
 * and then dropped, so a cached run costs a few dozen bytes per row instead of N x C doubles.
 *
 * <p>Image paths: manifests written by {@code clipwb eval} hold absolute paths; a relative path is
 * resolved against the manifest's {@code dataset.root} (docs/run-folder.md), else left as written.
 */
public final class RunFolderRows implements DrillRows {
  private static final int TOP = 5;

  private final String model;
  private final List<String> classes;
  private final List<CachedRun.Item> items;
  private final Path[] paths;
  private final int[] labels;
  private final int k;
  private final int[] topClass; // row * k + j
  private final float[] topProb; // row * k + j

  private RunFolderRows(CachedRun run, Path datasetRoot) {
    this.model = run.model();
    this.classes = run.classes();
    this.items = run.items();
    this.labels = run.labels();
    int n = items.size();
    this.k = Math.min(TOP, classes.size());
    this.topClass = new int[n * k];
    this.topProb = new float[n * k];
    this.paths = new Path[n];
    for (int r = 0; r < n; r++) {
      paths[r] = resolve(items.get(r).path(), datasetRoot);
      double[] p = CachedRun.softmax(run.logits()[r]);
      int[] top = topK(p, k);
      for (int j = 0; j < k; j++) {
        topClass[r * k + j] = top[j];
        topProb[r * k + j] = (float) p[top[j]];
      }
    }
  }

  /**
   * Reads a run folder (blocking: call it off the FX thread).
   *
   * @throws IllegalArgumentException naming the missing or inconsistent file
   */
  public static RunFolderRows load(Path runDir) {
    CachedRun run = CachedRun.load(runDir);
    Path root = null;
    boolean relative = run.items().stream().anyMatch(it -> !isAbsolute(it.path()));
    if (relative) {
      JsonNode ds = Json.read(runDir.resolve("manifest.json")).path("dataset");
      String r = ds.path("root").asText("");
      if (!r.isEmpty()) root = Path.of(r);
    }
    return new RunFolderRows(run, root);
  }

  private static boolean isAbsolute(String p) {
    try {
      return Path.of(p).isAbsolute();
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static Path resolve(String p, Path root) {
    try {
      Path path = Path.of(p);
      return path.isAbsolute() || root == null ? path : root.resolve(path).normalize();
    } catch (InvalidPathException e) {
      return Path.of(p.replaceAll("[^\\w./-]", "_"));
    }
  }

  /** Indices of the k largest values, largest first (lower index first on ties, like a stable sort). */
  static int[] topK(double[] v, int k) {
    int[] top = new int[k];
    int filled = 0;
    for (int c = 0; c < v.length; c++) {
      int pos = filled;
      while (pos > 0 && v[c] > v[top[pos - 1]]) pos--;
      if (pos >= k) continue;
      int end = Math.min(filled, k - 1);
      System.arraycopy(top, pos, top, pos + 1, end - pos);
      top[pos] = c;
      if (filled < k) filled++;
    }
    return top;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public DrillItem row(int row) {
    Objects.checkIndex(row, items.size());
    List<DrillItem.ClassProb> top = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      top.add(new DrillItem.ClassProb(classes.get(topClass[row * k + j]), topProb[row * k + j]));
    }
    int label = labels[row];
    int pred = topClass[row * k];
    return new DrillItem(row, paths[row], label >= 0 ? classes.get(label) : "?", classes.get(pred),
        topProb[row * k], label >= 0 && label == pred, items.get(row).metadata(), top);
  }
}
