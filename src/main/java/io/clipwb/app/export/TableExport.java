package io.clipwb.app.export;

import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.eval.runio.Csv;
import io.clipwb.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table export for every table the workbench shows: CSV (what analysis scripts read) and LaTeX with
 * booktabs rules (what a paper pastes in). One small table model, {@link Table}, is what a view's
 * {@code TableView} and both writers read, so the exported table is the table on screen.
 *
 * <p>CSV goes through the core's CSV writer ({@code runio.Csv}) with the report's number format
 * (10 significant digits, NaN as an empty field), so an exported table reads like the report's own
 * CSV files. LaTeX rounds numbers to a chosen number of decimals, escapes LaTeX's special
 * characters, right-aligns numeric columns and can set each column's best value in bold.
 */
public final class TableExport {
  private TableExport() {}

  /** The table formats. */
  public enum TableFormat {
    CSV, LATEX;

    /** The file extension: "csv" or "tex". */
    public String extension() {
      return this == CSV ? "csv" : "tex";
    }
  }

  /** Which value of a column is the best one (set in bold in LaTeX). */
  public enum Best { MAX, MIN }

  /**
   * A table: a header and rows of cells, each a {@link String}, a {@link Number} or null (empty).
   *
   * @param header column names
   * @param rows rows, each as wide as the header
   */
  public record Table(List<String> header, List<List<Object>> rows) {
    public Table {
      header = List.copyOf(header);
      List<List<Object>> copy = new ArrayList<>();
      for (int r = 0; r < rows.size(); r++) {
        List<Object> row = rows.get(r);
        if (row.size() != header.size()) {
          throw new IllegalArgumentException("row " + r + " has " + row.size() + " cells, the header " + header.size());
        }
        for (Object o : row) {
          if (o != null && !(o instanceof String) && !(o instanceof Number)) {
            throw new IllegalArgumentException("row " + r + ": a cell must be a String or a Number, got " + o.getClass().getName());
          }
        }
        copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
      }
      rows = List.copyOf(copy);
    }
  }

  /** The table as CSV text (header line first, '\n' line ends). */
  public static String csv(Table t) {
    List<List<String>> rows = new ArrayList<>();
    for (List<Object> row : t.rows()) {
      List<String> cells = new ArrayList<>();
      for (Object o : row) cells.add(csvCell(o));
      rows.add(cells);
    }
    return Csv.format(t.header(), rows, ',');
  }

  private static String csvCell(Object o) {
    if (o == null) return "";
    if (o instanceof Double || o instanceof Float) return ResultFiles.num(((Number) o).doubleValue());
    return o.toString();
  }

  /**
   * The table as a LaTeX {@code tabular} with booktabs rules ({@code \toprule}, {@code \midrule},
   * {@code \bottomrule}; the document loads the booktabs package).
   *
   * @param decimals decimals of floating-point cells (integers print as they are)
   * @param best per column name, which value is the best; those cells are set in {@code \textbf}
   *     (ties all bold; columns not named get no bold)
   */
  public static String latex(Table t, int decimals, Map<String, Best> best) {
    if (decimals < 0 || decimals > 12) throw new IllegalArgumentException("decimals must be in [0, 12], got " + decimals);
    int cols = t.header().size();
    StringBuilder spec = new StringBuilder();
    String[] bestText = new String[cols];
    for (int c = 0; c < cols; c++) {
      spec.append(numeric(t, c) ? 'r' : 'l');
      Best b = best.get(t.header().get(c));
      if (b != null) bestText[c] = bestOf(t, c, b, decimals);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("\\begin{tabular}{").append(spec).append("}\n\\toprule\n");
    List<String> head = new ArrayList<>();
    for (String h : t.header()) head.add(escape(h));
    sb.append(String.join(" & ", head)).append(" \\\\\n\\midrule\n");
    for (List<Object> row : t.rows()) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < cols; c++) {
        String text = latexCell(row.get(c), decimals);
        boolean bold = bestText[c] != null && row.get(c) instanceof Number && text.equals(bestText[c]);
        cells.add(bold ? "\\textbf{" + text + "}" : text);
      }
      sb.append(String.join(" & ", cells)).append(" \\\\\n");
    }
    sb.append("\\bottomrule\n\\end{tabular}\n");
    return sb.toString();
  }

  /** Writes the table to {@code file} (UTF-8, atomically); LaTeX with 3 decimals and no bold. */
  public static void write(Table t, Path file, TableFormat format) {
    AtomicFiles.writeString(file, format == TableFormat.CSV ? csv(t) : latex(t, 3, Map.of()));
  }

  /** Escapes LaTeX's special characters in text mode. */
  public static String escape(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\' -> b.append("\\textbackslash{}");
        case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(ch);
        case '~' -> b.append("\\textasciitilde{}");
        case '^' -> b.append("\\textasciicircum{}");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  private static boolean numeric(Table t, int c) {
    boolean any = false;
    for (List<Object> row : t.rows()) {
      Object o = row.get(c);
      if (o instanceof String) return false;
      if (o instanceof Number) any = true;
    }
    return any;
  }

  private static String latexCell(Object o, int decimals) {
    if (o == null) return "";
    if (o instanceof Double || o instanceof Float) {
      double v = ((Number) o).doubleValue();
      if (Double.isNaN(v)) return "--";
      if (Double.isInfinite(v)) return v > 0 ? "$\\infty$" : "$-\\infty$";
      String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
      return s.startsWith("-") ? "$-$" + s.substring(1) : s;
    }
    if (o instanceof Number n) return n.toString();
    return escape(o.toString());
  }

  /** The best value of column {@code c} as printed (so ties after rounding are all bold). */
  private static String bestOf(Table t, int c, Best best, int decimals) {
    double v = Double.NaN;
    Object at = null;
    for (List<Object> row : t.rows()) {
      if (!(row.get(c) instanceof Number n) || Double.isNaN(n.doubleValue())) continue;
      double x = n.doubleValue();
      if (Double.isNaN(v) || (best == Best.MAX ? x > v : x < v)) {
        v = x;
        at = row.get(c);
      }
    }
    return at == null ? null : latexCell(at, decimals);
  }
}
