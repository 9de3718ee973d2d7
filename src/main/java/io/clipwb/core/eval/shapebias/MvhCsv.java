package io.clipwb.core.eval.shapebias;

import io.clipwb.core.io.Csv;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.eval.runio.RowProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes model-vs-human's per-trial CSV (bethgelab/model-vs-human raw-data format,
 * header {@code subj,session,trial,rt,object_response,category,condition,imagename}). Human
 * observers' trials and other tools' decisions come in this format; our own decisions go out in it
 * so that they can be dropped into model-vs-human's {@code raw-data/} folder or re-imported.
 */
public final class MvhCsv {
  /** The columns, in model-vs-human's order. */
  public static final List<String> HEADER =
      List.of("subj", "session", "trial", "rt", "object_response", "category", "condition", "imagename");

  private MvhCsv() {}

  /**
   * Reads one file. Columns are found by name (any order; extra columns ignored). A row with the
   * wrong number of fields or an empty {@code object_response}, {@code category} or
   * {@code imagename} is reported with its line number; the other rows are kept.
   */
  public static ImportResult<Trial> read(Path file) {
    Csv.Table t = Csv.readRagged(file, ',');
    int[] col = new int[HEADER.size()];
    for (int i = 0; i < HEADER.size(); i++) {
      String name = HEADER.get(i);
      col[i] = (name.equals("object_response") || name.equals("category") || name.equals("imagename"))
          ? t.requireColumn(name) : t.column(name);
    }
    List<Trial> rows = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    for (Csv.Row r : t.rows()) {
      if (r.values().size() != t.header().size()) {
        problems.add(new RowProblem(t.source(), r.line(),
            "expected " + t.header().size() + " fields (" + String.join(",", t.header()) + ") but found " + r.values().size()));
        continue;
      }
      String[] v = new String[HEADER.size()];
      for (int i = 0; i < v.length; i++) v[i] = col[i] < 0 ? "" : r.values().get(col[i]).trim();
      String missing = v[4].isEmpty() ? "object_response" : v[5].isEmpty() ? "category" : v[7].isEmpty() ? "imagename" : null;
      if (missing != null) {
        problems.add(new RowProblem(t.source(), r.line(), "empty field '" + missing + "'"));
        continue;
      }
      rows.add(new Trial(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
    }
    return new ImportResult<>(rows, problems);
  }

  /** Reads several files and pools their trials (problems of all files are collected). */
  public static ImportResult<Trial> readAll(List<Path> files) {
    List<Trial> rows = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    for (Path f : files) {
      ImportResult<Trial> r = read(f);
      rows.addAll(r.rows());
      problems.addAll(r.problems());
    }
    return new ImportResult<>(rows, problems);
  }

  /** Formats trials as model-vs-human CSV text. */
  public static String format(List<Trial> trials) {
    List<List<String>> rows = new ArrayList<>();
    for (Trial t : trials) {
      rows.add(List.of(t.subj(), t.session(), t.trial(), t.rt(), t.objectResponse(), t.category(), t.condition(), t.imagename()));
    }
    return Csv.format(HEADER, rows, ',');
  }

  /** Writes trials as model-vs-human CSV (atomically). */
  public static void write(Path file, List<Trial> trials) {
    io.clipwb.core.io.AtomicFiles.writeString(file, format(trials));
  }
}
