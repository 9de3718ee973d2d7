package io.clipwb.core.eval.runio;

import io.clipwb.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small RFC 4180 reader/writer (comma or tab separated) that keeps the physical line number of
 * every record. The evaluations import third-party tables (model-vs-human trials, ImageNet-X
 * predictions, VLMEvalKit sheets) and must name the exact line of a malformed row, which a generic
 * CSV library does not track; hence this class rather than a dependency.
 */
public final class Csv {
  private Csv() {}

  /** One data record: its 1-based line number in the file and its fields. */
  public record Row(int line, List<String> values) {}

  /** A parsed table: the header and its data rows in file order. */
  public record Table(String source, List<String> header, List<Row> rows) {
    /** Column index of {@code name} (case-insensitive, surrounding spaces ignored), or -1. */
    public int column(String name) {
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).trim().equalsIgnoreCase(name)) return i;
      }
      return -1;
    }

    /** Column index of {@code name}; a clear error naming the file when it is missing. */
    public int requireColumn(String name) {
      int c = column(name);
      if (c < 0) {
        throw new IllegalArgumentException(
            source + ": missing column '" + name + "' (header: " + String.join(",", header) + ")");
      }
      return c;
    }

    /** Header name to index map (lower case keys). */
    public Map<String, Integer> columns() {
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i < header.size(); i++) m.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
      return m;
    }
  }

  /** Reads a CSV ({@code ','}) or TSV ({@code '\t'}) file with a header line. */
  public static Table read(Path file, char sep) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": file not found", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text, sep, file.toString());
  }

  /** Parses CSV text; {@code source} names it in error messages. */
  public static Table parse(String text, char sep, String source) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
    List<Row> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean inQuotes = false;
    boolean fieldStarted = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            inQuotes = false;
          }
        } else {
          if (c == '\n') line++;
          cur.append(c);
        }
        continue;
      }
      if (c == '"' && cur.length() == 0 && !fieldStarted) {
        inQuotes = true;
        fieldStarted = true;
      } else if (c == sep) {
        fields.add(cur.toString());
        cur.setLength(0);
        fieldStarted = false;
      } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
        // handled by the '\n'
      } else if (c == '\n' || c == '\r') {
        fields.add(cur.toString());
        cur.setLength(0);
        fieldStarted = false;
        if (!(fields.size() == 1 && fields.get(0).isEmpty())) records.add(new Row(recordLine, List.copyOf(fields)));
        fields.clear();
        line++;
        recordLine = line;
      } else {
        cur.append(c);
        fieldStarted = true;
      }
    }
    if (inQuotes) {
      throw new IllegalArgumentException(source + ": line " + recordLine + ": unterminated quoted field");
    }
    if (fieldStarted || cur.length() > 0 || !fields.isEmpty()) {
      fields.add(cur.toString());
      records.add(new Row(recordLine, List.copyOf(fields)));
    }
    if (records.isEmpty()) throw new IllegalArgumentException(source + ": empty file (no header line)");
    List<String> header = new ArrayList<>();
    for (String h : records.get(0).values()) header.add(h.trim());
    return new Table(source, List.copyOf(header), List.copyOf(records.subList(1, records.size())));
  }

  /** Quotes a field when needed. */
  public static String quote(String v, char sep) {
    if (v == null) return "";
    boolean needs = v.indexOf(sep) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    return needs ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  /** Formats rows (header first) as CSV/TSV text with '\n' line ends. */
  public static String format(List<String> header, List<List<String>> rows, char sep) {
    StringBuilder sb = new StringBuilder();
    appendRow(sb, header, sep);
    for (List<String> r : rows) appendRow(sb, r, sep);
    return sb.toString();
  }

  private static void appendRow(StringBuilder sb, List<String> r, char sep) {
    for (int i = 0; i < r.size(); i++) {
      if (i > 0) sb.append(sep);
      sb.append(quote(r.get(i), sep));
    }
    sb.append('\n');
  }

  /** Writes rows atomically. */
  public static void write(Path file, List<String> header, List<List<String>> rows, char sep) {
    AtomicFiles.writeString(file, format(header, rows, sep));
  }

  /** Formats a double the way Python's {@code repr} reads back exactly (shortest round-trip). */
  public static String num(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return Double.toString(v);
  }
}
