package io.clipwb.core.eval.factors;

import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.runfolder.RunItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The generic input of a factor analysis: for each image an id, whether the model was right, its
 * 0/1 factor flags and (optionally) a group such as its metaclass. ImageNet-X annotations joined to
 * predictions give one; so does any cached run whose manifest has 0/1 metadata columns (the sample
 * world's factors), which is why the analysis does not know about ImageNet-X.
 *
 * @param ids per-row image id (file name or path), for drill-down
 * @param correct per-row correctness
 * @param factorNames the factor names (columns of {@code factors})
 * @param factors per-row flags, {@code factors[row][factor]}
 * @param groups per-row group (metaclass) or null when there is none
 * @param rows per-row index into the source the table was built from (run row or annotation line)
 */
public record FactorTable(
    List<String> ids, boolean[] correct, List<String> factorNames, boolean[][] factors, String[] groups, int[] rows) {

  public FactorTable {
    int n = ids.size();
    if (correct.length != n || factors.length != n || rows.length != n || (groups != null && groups.length != n)) {
      throw new IllegalArgumentException("factor table: per-row arrays differ in length");
    }
  }

  public int size() {
    return ids.size();
  }

  /** Which values count as a 0/1 flag in manifest metadata. */
  private static final Set<String> ONE = Set.of("1", "1.0", "true", "yes");
  private static final Set<String> ZERO = Set.of("0", "0.0", "false", "no", "");

  /**
   * A table from a cached run: correctness = arg-max logit equals the label (rows with label -1
   * are left out); factors = the given metadata columns, or when {@code columns} is null or empty
   * every metadata column whose values are all 0/1 (true/false) with at least one 1.
   */
  public static FactorTable fromRun(CachedRun run, List<String> columns) {
    List<String> cols = columns == null || columns.isEmpty() ? binaryColumns(run) : columns;
    if (cols.isEmpty()) {
      throw new IllegalArgumentException(run.dir() + ": no 0/1 metadata column in manifest.json to use as a factor");
    }
    List<String> ids = new ArrayList<>();
    List<boolean[]> fs = new ArrayList<>();
    List<Boolean> ok = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < run.items().size(); i++) {
      if (run.labels()[i] < 0) continue;
      RunItem it = run.items().get(i);
      boolean[] f = new boolean[cols.size()];
      for (int k = 0; k < f.length; k++) {
        String v = it.metadata().get(cols.get(k));
        if (v == null) {
          throw new IllegalArgumentException(run.dir() + ": manifest item " + i + " (" + it.path() + ") has no metadata column '" + cols.get(k) + "'");
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (ONE.contains(s)) f[k] = true;
        else if (!ZERO.contains(s)) {
          throw new IllegalArgumentException(run.dir() + ": manifest item " + i + " (" + it.path() + "): column '" + cols.get(k)
              + "' is '" + v + "', not 0/1");
        }
      }
      ids.add(it.path());
      fs.add(f);
      ok.add(CachedRun.argmax(run.logits()[i]) == run.labels()[i]);
      rows.add(i);
    }
    boolean[] c = new boolean[ok.size()];
    for (int i = 0; i < c.length; i++) c[i] = ok.get(i);
    return new FactorTable(List.copyOf(ids), c, List.copyOf(cols), fs.toArray(boolean[][]::new), null,
        rows.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Metadata columns of a run whose values are all 0/1 with at least one 1, in first-seen order. */
  public static List<String> binaryColumns(CachedRun run) {
    Map<String, int[]> state = new java.util.LinkedHashMap<>(); // [isBinary(1/0), seenOne]
    for (RunItem it : run.items()) {
      for (Map.Entry<String, String> e : it.metadata().entrySet()) {
        int[] st = state.computeIfAbsent(e.getKey(), k -> new int[] {1, 0});
        String s = e.getValue() == null ? "" : e.getValue().trim().toLowerCase(Locale.ROOT);
        if (ONE.contains(s)) st[1] = 1;
        else if (!ZERO.contains(s)) st[0] = 0;
      }
    }
    Map<String, Integer> present = new HashMap<>();
    for (RunItem it : run.items()) for (String k : it.metadata().keySet()) present.merge(k, 1, Integer::sum);
    List<String> out = new ArrayList<>();
    state.forEach((k, st) -> {
      if (st[0] == 1 && st[1] == 1 && present.get(k) == run.items().size()) out.add(k);
    });
    return out;
  }
}
