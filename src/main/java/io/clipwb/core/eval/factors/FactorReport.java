package io.clipwb.core.eval.factors;

import io.clipwb.core.io.Csv;
import io.clipwb.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes factor results: {@code factors.json} (everything, per model) and
 * {@code factors.csv} (one row per model x group x factor: accuracy, error ratio, counts).
 */
public final class FactorReport {
  private FactorReport() {}

  /** All outputs of one {@code clipwb factors} call. */
  public record Report(Map<String, FactorAnalysis.Result> models, Map<String, ImageNetXJoin.JoinStats> joins, FactorTrend.Result trend) {}

  public static List<Path> write(Report r, Path out) {
    Path json = out.resolve("factors.json");
    Json.write(json, r);
    List<List<String>> rows = new ArrayList<>();
    r.models().forEach((model, res) -> {
      addRows(rows, model, "all", res.overall());
      res.perGroup().forEach((g, a) -> addRows(rows, model, g, a));
    });
    Path csv = out.resolve("factors.csv");
    Csv.write(csv, List.of("model", "metaclass", "factor", "accuracy", "error_ratio", "n_images", "n_correct"), rows, ',');
    return List.of(json, csv);
  }

  private static void addRows(List<List<String>> rows, String model, String group, FactorAnalysis.Accuracies a) {
    a.factorAccuracy().forEach((f, acc) -> {
      Double er = a.errorRatio().get(f);
      Integer n = a.factorCount().get(f);
      Integer c = a.factorCorrect().get(f);
      boolean avg = f.equals("average");
      rows.add(List.of(model, group, f, Csv.exact(acc), er == null ? "" : Csv.exact(er),
          n != null ? n.toString() : avg ? Integer.toString(a.nImages()) : "",
          c != null ? c.toString() : avg ? Integer.toString(a.nCorrect()) : ""));
    });
  }
}
