package io.clipwb.core.eval;

import io.clipwb.core.runfolder.RunFolder;
import io.clipwb.core.runfolder.RunItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cached arrays of one run folder that the evaluations read (the contract written by
 * {@code clipwb eval --out DIR}): {@code logits.npy} (N x C, logit_scale x cosine), {@code labels.npy}
 * (N, -1 = unknown) and {@code manifest.json} ({@code classes}, {@code items} in row order with
 * their metadata, {@code logit_scale}). Also loads bare {@code .npy} files brought from elsewhere.
 * A view of a {@link RunFolder}, the one reader of run folders.
 *
 * @param name the run's name (manifest "name"/"dataset", else the folder name)
 * @param logits N x C
 * @param labels N
 * @param logitScale the manifest's logit_scale, or NaN when unknown
 * @param classes class names, or an empty list
 * @param items the manifest's items (row order), or null when there is no manifest
 */
public record RunArrays(String name, double[][] logits, int[] labels, double logitScale, List<String> classes, List<RunItem> items) {

  /** Loads a run folder through {@link RunFolder#read}; errors name the missing/bad file. */
  public static RunArrays load(Path dir) {
    return of(RunFolder.read(dir));
  }

  /** The arrays of a run folder already read. */
  public static RunArrays of(RunFolder f) {
    return new RunArrays(f.name(), f.logits(), f.labels(), f.manifest().logitScale(), f.classes(), f.items());
  }

  /** Reads an N x C float32/float64 matrix ({@link RunFolder#readMatrix}). */
  public static double[][] readMatrix(Path file) {
    return RunFolder.readMatrix(file);
  }

  /** Reads N int32/int64 labels ({@link RunFolder#readLabels}); {@code rows} -1 skips the length check. */
  public static int[] readLabels(Path file, int rows) {
    return RunFolder.readLabels(file, rows);
  }

  /**
   * Groups the rows by the values of item metadata fields, e.g. {@code ["corruption", "severity"]}
   * gives groups "gaussian_noise/3". A field is looked up on the item, then in its "metadata"
   * object; items missing a field are left out; a field holding a list (e.g. ImageNet-X factors)
   * puts the item in one group per element.
   */
  public Map<String, int[]> groupsBy(List<String> keys) {
    Map<String, List<Integer>> g = new LinkedHashMap<>();
    if (items == null) {
      throw new IllegalArgumentException(name + ": grouping by " + keys + " needs manifest.json with items");
    }
    for (int i = 0; i < items.size(); i++) {
      List<String> names = new ArrayList<>(List.of(""));
      boolean ok = true;
      for (String k : keys) {
        List<String> vals = items.get(i).values(k);
        if (vals.isEmpty()) {
          ok = false;
          break;
        }
        List<String> next = new ArrayList<>();
        for (String prefix : names) for (String val : vals) next.add(prefix.isEmpty() ? val : prefix + "/" + val);
        names = next;
      }
      if (!ok) continue;
      for (String n : names) g.computeIfAbsent(n, x -> new ArrayList<>()).add(i);
    }
    Map<String, int[]> out = new LinkedHashMap<>();
    g.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }
}
