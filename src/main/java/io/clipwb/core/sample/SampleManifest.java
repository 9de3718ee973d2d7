package io.clipwb.core.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  /** Quotes one CSV field when it needs it. */
  static String field(String s) {
    if (s == null) return "";
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  static String toCsv(List<String> columns, List<Map<String, String>> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.join(",", columns.stream().map(SampleManifest::field).toList())).append('\n');
    for (Map<String, String> row : rows) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) b.append(',');
        b.append(field(row.get(columns.get(i))));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /**
   * Reads a manifest CSV into rows keyed by column name, in file order.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed row
   */
  public static List<Map<String, String>> read(Path csv) {
    String text;
    try {
      text = Files.readString(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + csv + ": " + e.getMessage(), e);
    }
    List<List<String>> records = parse(text, csv);
    if (records.isEmpty()) throw new IllegalArgumentException(csv + ": empty manifest (no header)");
    List<String> header = records.get(0);
    if (header.size() < 2 || !header.get(0).equals("path") || !header.get(1).equals("label")) {
      throw new IllegalArgumentException(csv + ": header must start with path,label but is " + header);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> rec = records.get(i);
      if (rec.size() == 1 && rec.get(0).isEmpty()) continue;
      if (rec.size() != header.size()) {
        throw new IllegalArgumentException(csv + ": row " + (i + 1) + " has " + rec.size() + " fields, header has " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int j = 0; j < header.size(); j++) row.put(header.get(j), rec.get(j));
      rows.add(row);
    }
    return rows;
  }

  private static List<List<String>> parse(String text, Path file) {
    List<List<String>> out = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false, any = false;
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') line++;
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == ',') {
        rec.add(f.toString());
        f.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
        rec.add(f.toString());
        f.setLength(0);
        out.add(rec);
        rec = new ArrayList<>();
        any = false;
        line++;
      } else {
        f.append(c);
        any = true;
      }
    }
    if (quoted) throw new IllegalArgumentException(file + ": unterminated quote near line " + line);
    if (any || f.length() > 0) {
      rec.add(f.toString());
      out.add(rec);
    }
    return out;
  }
}
