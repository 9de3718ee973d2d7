package io.clipwb.core.eval.shift;

import io.clipwb.core.io.Csv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accuracies of many models in many evaluation settings, as published robustness test beds ship
 * them (e.g. modestyachts/imagenet-testbed's result tables): CSV, one row per model, first column
 * the model name, one column per setting. Values are fractions in [0, 1] or percentages in
 * [0, 100]: if any value exceeds 1 the whole table is read as percent. Empty cells, "nan", "NA" and
 * "-" are missing.
 *
 * @param models model names (row order)
 * @param settings setting names (column order, without the model column)
 * @param values accuracies as fractions; NaN = missing
 * @param percent whether the file held percentages
 */
public record AccuracyTable(List<String> models, List<String> settings, double[][] values, boolean percent) {

  /** Reads a CSV file; errors name the line and column. */
  public static AccuracyTable read(Path csv) {
    return of(Csv.read(csv));
  }

  /** Parses CSV lines; {@code name} appears in error messages. */
  public static AccuracyTable parse(List<String> lines, String name) {
    return of(Csv.parse(String.join("\n", lines), ',', name));
  }

  private static AccuracyTable of(Csv.Table t) {
    String name = t.source();
    List<String> header = t.header();
    if (header.size() < 2) throw new IllegalArgumentException(name + ": header needs a model column and at least one setting");
    List<String> settings = header.subList(1, header.size());
    List<String> models = new ArrayList<>();
    double[][] v = new double[t.rows().size()][settings.size()];
    double max = 0;
    for (int r = 0; r < t.rows().size(); r++) {
      Csv.Row f = t.rows().get(r);
      models.add(f.get(0).trim());
      for (int c = 1; c < f.size(); c++) {
        String s = f.get(c).trim();
        double x;
        if (s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na") || s.equals("-")) {
          x = Double.NaN;
        } else {
          try {
            x = Double.parseDouble(s.endsWith("%") ? s.substring(0, s.length() - 1) : s);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " line " + f.line() + ", column '" + settings.get(c - 1)
                + "': '" + s + "' is not a number");
          }
          if (!(x >= 0 && x <= 100)) {
            throw new IllegalArgumentException(name + " line " + f.line() + ", column '" + settings.get(c - 1)
                + "': accuracy " + s + " outside [0, 1] (fraction) or [0, 100] (percent)");
          }
          max = Math.max(max, x);
        }
        v[r][c - 1] = x;
      }
    }
    if (models.isEmpty()) throw new IllegalArgumentException(name + ": no model rows");
    boolean pct = max > 1;
    if (pct) for (double[] row : v) for (int c = 0; c < row.length; c++) row[c] /= 100.0;
    return new AccuracyTable(List.copyOf(models), List.copyOf(settings), v, pct);
  }

  /** The column of one setting (fractions, NaN = missing). */
  public double[] column(String setting) {
    int c = settings.indexOf(setting);
    if (c < 0) {
      throw new IllegalArgumentException("accuracy table has no column '" + setting + "' (columns: " + String.join(", ", settings) + ")");
    }
    double[] out = new double[models.size()];
    for (int r = 0; r < out.length; r++) out[r] = values[r][c];
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "AccuracyTable[%d models x %d settings]", models.size(), settings.size());
  }
}
