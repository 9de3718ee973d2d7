package io.clipwb.core.sample;

import io.clipwb.core.io.Csv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workbench's data-set manifest as the sample world writes it: {@code manifest.csv} with the
 * header {@code path,label,<metadata columns...>} (paths relative to the manifest's folder, label =
 * class name, empty when unknown) next to {@code classes.json} (the label space, a JSON list of
 * class names in index order). RFC 4180 quoting.
 */
public final class SampleManifest {
  private SampleManifest() {}

  static String toCsv(List<String> columns, List<Map<String, String>> rows) {
    List<List<String>> out = new ArrayList<>(rows.size());
    for (Map<String, String> row : rows) out.add(columns.stream().map(row::get).toList());
    return Csv.format(columns, out, ',');
  }

  /**
   * Reads a manifest CSV into rows keyed by column name, in file order.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed row
   */
  public static List<Map<String, String>> read(Path csv) {
    Csv.Table t = Csv.read(csv);
    List<String> header = t.header();
    if (header.size() < 2 || !header.get(0).equals("path") || !header.get(1).equals("label")) {
      throw new IllegalArgumentException(csv + ": header must start with path,label but is " + header);
    }
    return t.maps();
  }
}
