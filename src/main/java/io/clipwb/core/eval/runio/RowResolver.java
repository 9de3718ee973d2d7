package io.clipwb.core.eval.runio;

import io.clipwb.core.eval.zeroshot.ZeroShot;
import io.clipwb.core.runfolder.RunFolder;
import io.clipwb.core.runfolder.RunItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The one index every drill-down uses: a row of a run folder (an index into its arrays and
 * manifest items) resolved to the image, its id, true class, the model's prediction, confidence
 * and top-k, and the data set's metadata. A calibration bin, a corruption cell, a shape-bias trial
 * or an OOD histogram bar holds rows; this turns them into thumbnails with captions.
 *
 * <p>Loaded once per run folder (the logits stay in memory); rows are resolved on demand. The
 * prediction is computed exactly as {@code predictions.csv} was written (arg-max and soft-max of
 * the float32 logits row), so the two agree digit for digit.
 *
 * <p>Image paths: a run written by clipwb records absolute paths. When the data set has moved,
 * give its current root and paths are rebuilt from the item ids (ids are paths relative to the
 * data set root); relative paths in hand-written manifests resolve against the recorded data set
 * root, else the run folder.
 */
public final class RowResolver {

  /** Top-k entries shown per row. */
  public static final int TOP_K = 5;

  /** A class with its soft-max probability. */
  public record Ranked(int classIndex, String className, double probability) {}

  /**
   * One resolved row.
   *
   * @param label true class index, -1 when unknown ({@code labelName} then null)
   * @param confidence the soft-max probability of the predicted class
   * @param correct prediction == label (false when the label is unknown)
   * @param top the k = min(5, classes) most probable classes, most probable first
   */
  public record Row(
      int row, String id, Path image, int label, String labelName, int predicted, String predictedName, double confidence,
      boolean correct, List<Ranked> top, Map<String, String> metadata) {}

  private final RunFolder folder;
  private final Path dataRoot;
  private Map<String, Integer> byId;

  private RowResolver(RunFolder folder, Path dataRoot) {
    if (folder.items() == null) {
      throw new IllegalArgumentException(folder.dir() + ": rows cannot be resolved without the manifest's items");
    }
    this.folder = folder;
    this.dataRoot = dataRoot;
  }

  /** Reads the run folder and resolves image paths as recorded. */
  public static RowResolver load(Path runDir) {
    return of(RunFolder.read(runDir), null);
  }

  /**
   * A resolver over a run folder already read.
   *
   * @param dataRoot the data set's current root folder (image = root/id), or null to use the
   *     recorded paths
   */
  public static RowResolver of(RunFolder folder, Path dataRoot) {
    return new RowResolver(Objects.requireNonNull(folder, "folder"), dataRoot);
  }

  /** The run folder this resolver reads. */
  public RunFolder folder() {
    return folder;
  }

  /** Number of rows. */
  public int size() {
    return folder.items().size();
  }

  /** The manifest item of a row. */
  public RunItem item(int row) {
    return folder.items().get(check(row));
  }

  /** The image file of a row (see the class comment for how it is found). */
  public Path image(int row) {
    RunItem it = item(row);
    if (dataRoot != null) return dataRoot.resolve(it.id());
    Path p = Path.of(it.path());
    if (p.isAbsolute()) return p;
    var ds = folder.manifest().dataset();
    Path base = ds != null && ds.root() != null && Files.isDirectory(Path.of(ds.root())) ? Path.of(ds.root()) : folder.dir();
    return base.resolve(p);
  }

  /** The row of an item id, if the run has it. */
  public OptionalInt rowOf(String id) {
    synchronized (this) {
      if (byId == null) {
        byId = new HashMap<>();
        for (int i = 0; i < size(); i++) byId.putIfAbsent(folder.items().get(i).id(), i);
      }
    }
    Integer r = byId.get(id);
    return r == null ? OptionalInt.empty() : OptionalInt.of(r);
  }

  /** Resolves one row. */
  public Row row(int row) {
    RunItem it = item(row);
    double[] z = folder.logits()[row];
    float[] zf = new float[z.length];
    for (int j = 0; j < z.length; j++) zf[j] = (float) z[j];
    int[] top = ZeroShot.topK(zf, TOP_K);
    double[] p = ZeroShot.softmax(zf);
    List<String> names = folder.classes();
    List<Ranked> ranked = new ArrayList<>(top.length);
    for (int c : top) ranked.add(new Ranked(c, name(names, c), p[c]));
    int label = folder.labels()[row];
    int pred = top[0];
    return new Row(row, it.id(), image(row), label, label >= 0 ? name(names, label) : null, pred, name(names, pred), p[pred],
        label >= 0 && label == pred, List.copyOf(ranked), it.metadata());
  }

  /** Resolves rows in the given order (e.g. a calibration bin's items). */
  public List<Row> rows(int[] rows) {
    List<Row> out = new ArrayList<>(rows.length);
    for (int r : rows) out.add(row(r));
    return out;
  }

  private static String name(List<String> names, int c) {
    return c < names.size() ? names.get(c) : Integer.toString(c);
  }

  private int check(int row) {
    if (row < 0 || row >= size()) throw new IndexOutOfBoundsException("row " + row + " of a run with " + size() + " rows");
    return row;
  }
}
