package io.clipwb.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one CSV (and TSV) reader and writer of the workbench. Manifests, caption files, accuracy
 * tables and third-party prediction sheets all come through here, so they share one dialect: RFC
 * 4180 quoting (separators, quotes and line breaks inside quoted fields, {@code ""} for a quote), a
 * leading UTF-8 byte-order mark ignored, LF or CRLF line ends, blank lines skipped. Every record
 * keeps the physical line it starts on, so a malformed row is reported as {@code file: line N}; a
 * generic CSV library does not track that, hence this class rather than a dependency.
 *
 * <p>Reading is strict: a quote inside an unquoted field, text after a closing quote, an unclosed
 * quote and a record whose field count differs from the header's are errors. Writing quotes a
 * field only when it must, and writes numbers one way: an empty cell is NaN (pandas reads it back
 * as NaN).
 */
public final class Csv {
  private Csv() {}

  /** One data record: the 1-based line it starts on and its fields. */
  public record Row(int line, List<String> values) {
    /** Field {@code i}. */
    public String get(int i) {
      return values.get(i);
    }

    /** Number of fields. */
    public int size() {
      return values.size();
    }
  }

  /**
   * A parsed table.
   *
   * @param source the file (or name) the text came from, used in error messages
   * @param header the header fields, surrounding spaces removed
   * @param rows the data records in file order (blank lines left out)
   */
  public record Table(String source, List<String> header, List<Row> rows) {
    /** Column index of {@code name} (case-insensitive, surrounding spaces ignored), or -1. */
    public int column(String name) {
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).equalsIgnoreCase(name.trim())) return i;
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

    /** Header name (lower case) to column index. */
    public Map<String, Integer> columns() {
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i < header.size(); i++) m.put(header.get(i).toLowerCase(Locale.ROOT), i);
      return m;
    }

    /** The rows as maps from header name to field, in column order. */
    public List<Map<String, String>> maps() {
      List<Map<String, String>> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) m.put(header.get(i), r.get(i));
        out.add(m);
      }
      return out;
    }

    /** {@code source: line N} of a row, for error messages. */
    public String where(Row r) {
      return source + ": line " + r.line();
    }
  }

  /** Reads a comma-separated file with a header line. */
  public static Table read(Path file) {
    return read(file, ',');
  }

  /** Reads a CSV ({@code ','}) or TSV ({@code '\t'}) file with a header line. */
  public static Table read(Path file, char sep) {
    return parse(text(file), sep, file.toString());
  }

  /**
   * Reads a file whose rows may have fewer or more fields than the header: for importers of
   * third-party tables that report such a row as a row problem and go on, rather than failing.
   * Quoting errors still fail.
   */
  public static Table readRagged(Path file, char sep) {
    return table(records(text(file), sep, file.toString()), file.toString());
  }

  /** A UTF-8 text file's content ({@link TextFiles#read}: BOM dropped, encoding errors and NUL named by line). */
  static String text(Path file) {
    return TextFiles.read(file);
  }

  /**
   * Parses CSV/TSV text with a header line; {@code source} names it in error messages.
   *
   * @throws IllegalArgumentException for an empty text, malformed quoting or a row whose field
   *     count differs from the header's, naming {@code source} and the line
   */
  public static Table parse(String text, char sep, String source) {
    Table t = table(records(text, sep, source), source);
    for (Row r : t.rows()) {
      if (r.size() != t.header().size()) {
        throw new IllegalArgumentException(source + ": line " + r.line() + ": " + r.size() + " fields, the header has "
            + t.header().size());
      }
    }
    return t;
  }

  private static Table table(List<Row> records, String source) {
    if (records.isEmpty()) throw new IllegalArgumentException(source + ": empty file (no header line)");
    List<String> header = new ArrayList<>();
    for (String h : records.get(0).values()) header.add(h.trim());
    return new Table(source, List.copyOf(header), List.copyOf(records.subList(1, records.size())));
  }

  /** Splits text into records (no header handling, rows may differ in length); blank lines skipped. */
  public static List<Row> records(String text, char sep, String source) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
    List<Row> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean inQuotes = false;
    boolean closed = false; // the current field was quoted and its closing quote seen
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
            closed = true;
          }
        } else {
          if (c == '\n' || (c == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) line++;
          cur.append(c);
        }
        continue;
      }
      if (c == sep) {
        fields.add(cur.toString());
        cur.setLength(0);
        closed = false;
      } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
        continue; // the '\n' ends the record
      } else if (c == '\n' || c == '\r') {
        fields.add(cur.toString());
        cur.setLength(0);
        if (!(fields.size() == 1 && fields.get(0).isBlank() && !closed)) {
          records.add(new Row(recordLine, List.copyOf(fields)));
        }
        fields.clear();
        closed = false;
        line++;
        recordLine = line;
      } else if (closed) {
        if (c != ' ' && c != '\t') {
          throw new IllegalArgumentException(source + ": line " + line + ": text after the closing quote of a quoted field");
        }
      } else if (c == '"') {
        if (!cur.toString().isBlank()) {
          throw new IllegalArgumentException(source + ": line " + line + ": quote inside an unquoted field (quote the whole field)");
        }
        cur.setLength(0); // spaces before the opening quote are not part of the field
        inQuotes = true;
      } else {
        cur.append(c);
      }
    }
    if (inQuotes) {
      throw new IllegalArgumentException(source + ": line " + recordLine + ": unterminated quoted field");
    }
    if (closed || !fields.isEmpty() || !cur.toString().isBlank()) {
      fields.add(cur.toString());
      records.add(new Row(recordLine, List.copyOf(fields)));
    }
    return records;
  }

  // ---------------------------------------------------------------- writing

  /** A comma-separated field, quoted when it holds a comma, quote or line break; null is empty. */
  public static String field(String s) {
    return quote(s, ',');
  }

  /** A field for separator {@code sep}, quoted when it holds {@code sep}, a quote or a line break. */
  public static String quote(String v, char sep) {
    if (v == null) return "";
    boolean needs = v.indexOf(sep) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    return needs ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  /** One comma-separated record (no line end). */
  public static String line(List<String> fields) {
    return line(fields, ',');
  }

  /** One record with separator {@code sep} (no line end). */
  public static String line(List<String> fields, char sep) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) b.append(sep);
      b.append(quote(fields.get(i), sep));
    }
    return b.toString();
  }

  /** Formats rows (header first) as CSV/TSV text with '\n' line ends. */
  public static String format(List<String> header, List<List<String>> rows, char sep) {
    StringBuilder sb = new StringBuilder();
    sb.append(line(header, sep)).append('\n');
    for (List<String> r : rows) sb.append(line(r, sep)).append('\n');
    return sb.toString();
  }

  /** Writes rows (header first) atomically. */
  public static void write(Path file, List<String> header, List<List<String>> rows, char sep) {
    AtomicFiles.writeString(file, format(header, rows, sep));
  }

  /** A number with 10 significant digits ({@code %.10g}); empty for NaN. */
  public static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.10g", v);
  }

  /**
   * A number that reads back exactly (shortest round-trip form, as Python's {@code repr});
   * empty for NaN, {@code inf}/{@code -inf} for infinities.
   */
  public static String exact(double v) {
    if (Double.isNaN(v)) return "";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return Double.toString(v);
  }
}
