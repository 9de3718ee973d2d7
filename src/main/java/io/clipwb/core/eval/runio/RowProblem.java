package io.clipwb.core.eval.runio;

import io.clipwb.core.io.Csv;
import java.util.ArrayList;
import java.util.List;

/**
 * One input row an importer could not use: the file, its 1-based line number and why. Importers
 * collect these instead of stopping at the first one, so a user sees every bad line at once and the
 * good rows are not lost.
 */
public record RowProblem(String source, int line, String reason) {
  /**
   * The rows of {@code t} that have as many fields as its header; each other row is added to
   * {@code problems} ("expected N fields but found M"), for importers of ragged third-party files.
   */
  public static List<Csv.Row> fullRows(Csv.Table t, List<RowProblem> problems) {
    List<Csv.Row> out = new ArrayList<>(t.rows().size());
    int width = t.header().size();
    for (Csv.Row r : t.rows()) {
      if (r.values().size() == width) {
        out.add(r);
      } else {
        problems.add(new RowProblem(t.source(), r.line(), "expected " + width + " fields but found " + r.values().size()));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return source + ":" + line + ": " + reason;
  }
}
