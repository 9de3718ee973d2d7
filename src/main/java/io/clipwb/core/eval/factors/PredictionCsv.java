package io.clipwb.core.eval.factors;

import io.clipwb.core.util.Vectors;
import io.clipwb.core.io.Csv;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.eval.runio.RowProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ImageNet-X's per-model prediction CSV ({@code model_predictions/<group>/<model>.csv}:
 * {@code file_name,predicted_class,predicted_probability}), which its {@code load_model_predictions}
 * reads. A file may instead (or also) carry an {@code is_correct} column (True/False or 1/0);
 * then correctness is taken from it, otherwise from {@code predicted_class == class}.
 */
public final class PredictionCsv {
  private PredictionCsv() {}

  /** One prediction; absent fields are null. */
  public record Prediction(int line, String fileName, Integer predictedClass, Double predictedProbability, Boolean isCorrect) {}

  /** Reads a prediction CSV; bad rows (wrong field count, unparsable numbers) are reported by line, the rest kept. */
  public static ImportResult<Prediction> read(Path file) {
    Csv.Table t = Csv.readRagged(file, ',');
    int fn = t.requireColumn("file_name");
    int pc = t.column("predicted_class");
    int pp = t.column("predicted_probability");
    int ic = t.column("is_correct");
    if (pc < 0 && ic < 0) {
      throw new IllegalArgumentException(file + ": needs a 'predicted_class' or an 'is_correct' column (header: "
          + String.join(",", t.header()) + ")");
    }
    List<Prediction> rows = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    for (Csv.Row r : RowProblem.fullRows(t, problems)) {
      List<String> v = r.values();
      String name = v.get(fn).trim();
      if (name.isEmpty()) {
        problems.add(new RowProblem(t.source(), r.line(), "empty file_name"));
        continue;
      }
      try {
        Integer cls = pc < 0 || v.get(pc).isBlank() ? null : parseClass(v.get(pc));
        Double prob = pp < 0 || v.get(pp).isBlank() ? null : Double.parseDouble(v.get(pp).trim());
        Boolean ok = ic < 0 || v.get(ic).isBlank() ? null : parseBool(v.get(ic));
        if (cls == null && ok == null) throw new IllegalArgumentException("neither predicted_class nor is_correct given");
        rows.add(new Prediction(r.line(), name, cls, prob, ok));
      } catch (IllegalArgumentException e) {
        problems.add(new RowProblem(t.source(), r.line(), e.getMessage()));
      }
    }
    problems.sort(java.util.Comparator.comparingInt(RowProblem::line)); // one file: report in line order
    return new ImportResult<>(rows, problems);
  }

  private static int parseClass(String s) {
    String x = s.trim();
    try {
      double d = Double.parseDouble(x);
      if (d != Math.rint(d) || d < 0 || d >= 1000) throw new NumberFormatException();
      return (int) d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("predicted_class '" + x + "' is not a class index in [0, 1000)", e);
    }
  }

  static boolean parseBool(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "1.0", "yes" -> true;
      case "false", "0", "0.0", "no" -> false;
      default -> throw new IllegalArgumentException("is_correct '" + s.trim() + "' is not True/False/1/0");
    };
  }

  /**
   * A run's predictions in ImageNet-X's terms: file name of each item, arg-max class, its softmax
   * probability, and correctness where the item has a label. Needs a run over the 1,000 ImageNet
   * classes so that class indices mean the same as in the annotations.
   */
  public static List<Prediction> fromRun(io.clipwb.core.eval.runio.CachedRun run) {
    if (run.classes().size() != 1000) {
      throw new IllegalArgumentException(run.dir() + ": ImageNet-X predictions need a run over the 1000 ImageNet classes, this one has "
          + run.classes().size());
    }
    List<Prediction> preds = new ArrayList<>();
    for (int i = 0; i < run.items().size(); i++) {
      double[] p = Vectors.softmax(run.logits()[i]);
      int k = io.clipwb.core.eval.runio.CachedRun.argmax(p);
      Boolean ok = run.labels()[i] < 0 ? null : k == run.labels()[i];
      preds.add(new Prediction(i, run.items().get(i).fileName(), k, p[k], ok));
    }
    return preds;
  }

  /** Writes predictions in ImageNet-X's layout (plus {@code is_correct} when every row has it). */
  public static void write(Path file, List<Prediction> rows) {
    boolean withCorrect = !rows.isEmpty() && rows.stream().allMatch(p -> p.isCorrect() != null);
    List<String> header = new ArrayList<>(List.of("file_name", "predicted_class", "predicted_probability"));
    if (withCorrect) header.add("is_correct");
    List<List<String>> out = new ArrayList<>();
    for (Prediction p : rows) {
      List<String> r = new ArrayList<>();
      r.add(p.fileName());
      r.add(p.predictedClass() == null ? "" : Integer.toString(p.predictedClass()));
      r.add(p.predictedProbability() == null ? "" : Csv.exact(p.predictedProbability()));
      if (withCorrect) r.add(p.isCorrect() ? "True" : "False");
      out.add(r);
    }
    Csv.write(file, header, out, ',');
  }
}
