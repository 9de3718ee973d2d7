package io.clipwb.app.view.factors;

import io.clipwb.app.view.scatter.ScatterData;
import io.clipwb.core.eval.factors.FactorAnalysis;
import io.clipwb.core.eval.factors.FactorTable;
import io.clipwb.core.eval.factors.FactorTrend;
import io.clipwb.core.eval.factors.ImageNetX;
import io.clipwb.core.eval.factors.ImageNetXJoin;
import io.clipwb.core.eval.factors.PredictionCsv;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.project.MetricTable;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The visual-factor analysis of every model of a report on one set, without any window: what
 * {@code clipwb factors} computes, through the same core code ({@link ImageNetXJoin},
 * {@link FactorAnalysis}, {@link FactorTrend}). The factors come either from an imported ImageNet-X
 * annotation file joined to each model's run by file name, or from the run's own 0/1 manifest
 * columns (the sample world's {@code factor_*} columns mirror ImageNet-X's factors). Each model keeps
 * the run row of every table row, so a bar drills down into run images.
 */
public final class FactorData {
  private FactorData() {}

  /** Where the factors come from: an ImageNet-X annotation file, or null for the runs' manifest columns. */
  public record Source(Path annotations, ImageNetX.Annotations rows, String[] metaclasses, Set<String> prototypes) {
    /** The manifest columns of the runs. */
    public static Source manifest() {
      return new Source(null, null, null, Set.of());
    }

    /** Reads an annotation JSONL, with the metaclass map and prototype list beside it when present (as {@code clipwb factors}). */
    public static Source imagenetX(Path jsonl) {
      ImageNetX.Annotations a = ImageNetX.readAnnotations(jsonl);
      Path dir = jsonl.toAbsolutePath().getParent();
      Path meta = dir.resolve("imagenet_1k_classes_to_100_metaclasses.csv");
      Path proto = dir.resolve("prototypical_paths.csv");
      return new Source(jsonl, a, Files.isRegularFile(meta) ? ImageNetX.readMetaclasses(meta) : null,
          Files.isRegularFile(proto) ? ImageNetX.readPrototypes(proto) : Set.of());
    }

    public boolean isManifest() {
      return annotations == null;
    }
  }

  /** One model's analysis and the run row of each table row. */
  public record ModelResult(String model, FactorAnalysis.Result result, int[] runRows, MetricTable.ModelFactors factors) {
    /** The run rows of the images carrying {@code factor}. */
    public int[] rowsWith(String factor) {
      int[] t = result.factorRows().get(factor);
      if (t == null) return new int[0];
      int[] out = new int[t.length];
      for (int i = 0; i < t.length; i++) out[i] = runRows[t[i]];
      return out;
    }
  }

  /** The analysis of all models, the factor names, the trend and what could not be analysed. */
  public record Outcome(String set, List<String> factors, List<ModelResult> models, FactorTrend.Result trend, List<String> notes) {}

  /** The manifest columns used as factors: every {@code factor_*} column when there are some, else every 0/1 column. */
  public static List<String> manifestFactors(CachedRun run) {
    List<String> all = FactorTable.binaryColumns(run);
    List<String> prefixed = all.stream().filter(c -> c.startsWith("factor_")).toList();
    return prefixed.isEmpty() ? all : prefixed;
  }

  /** A factor's display name ({@code factor_} prefix and underscores dropped). */
  public static String display(String factor) {
    return (factor.startsWith("factor_") ? factor.substring(7) : factor).replace('_', ' ');
  }

  /**
   * @param groupBy the card factor grouping the trend's fits ({@link ScatterData#FACTORS} or {@link ScatterData#NO_FACTOR})
   */
  public static Outcome compute(ProjectReport r, Path out, String set, Source src, String groupBy, Cancellation cancel) {
    List<ModelResult> models = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> factors = null;
    MetricTable t = r.metrics();
    for (int i = 0; i < r.models().size(); i++) {
      cancel.check();
      String m = r.models().get(i).model();
      Path dir = ProjectRun.runDir(out, m, set);
      if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
        notes.add(m + ": no run on " + set);
        continue;
      }
      try {
        CachedRun run = CachedRun.load(dir);
        FactorTable table;
        int[] runRows;
        if (src.isManifest()) {
          List<String> cols = factors != null ? factors : manifestFactors(run);
          if (cols.isEmpty()) {
            notes.add(m + " / " + set + ": the manifest has no 0/1 factor column");
            continue;
          }
          table = FactorTable.fromRun(run, cols);
          runRows = table.rows();
        } else {
          Map<String, Integer> rowOf = new HashMap<>();
          for (int k = 0; k < run.items().size(); k++) rowOf.putIfAbsent(run.items().get(k).fileName(), k);
          ImageNetXJoin.Joined j = ImageNetXJoin.join(src.rows().rows(), predictions(run), src.metaclasses(), src.prototypes());
          table = j.table();
          if (table.size() == 0) {
            notes.add(m + " / " + set + ": none of the " + run.items().size() + " images is annotated in " + src.annotations().getFileName());
            continue;
          }
          runRows = table.ids().stream().mapToInt(rowOf::get).toArray();
        }
        FactorAnalysis.Result res = FactorAnalysis.compute(table, new FactorAnalysis.Params(m,
            src.isManifest() ? "manifest metadata" : src.annotations().toString(), src.isManifest() ? "manifest" : src.rows().variant(),
            dir.toString()), cancel);
        factors = table.factorNames();
        models.add(new ModelResult(m, res, runRows, t.factors().get(t.models().indexOf(m))));
      } catch (IllegalArgumentException e) {
        notes.add(m + " / " + set + ": " + e.getMessage());
      }
    }
    List<String> fs = factors == null ? List.of() : factors;
    List<FactorTrend.ModelPoint> points = new ArrayList<>();
    for (ModelResult mr : models) {
      points.add(new FactorTrend.ModelPoint(mr.model(), ScatterData.factorValue(mr.factors(), groupBy),
          mr.result().factorAccuracy().get("average"), mr.result().factorAccuracy()));
    }
    FactorTrend.Result trend = FactorTrend.compute(points, fs);
    return new Outcome(set, fs, List.copyOf(models), trend, List.copyOf(notes));
  }

  /**
   * A run's predictions for the join: ImageNet-X's own for a 1,000-class run
   * ({@link PredictionCsv#fromRun}); for any other class list the correctness of the run's own
   * labels (annotations' class indices then mean nothing, only their file names and factors).
   */
  static List<PredictionCsv.Prediction> predictions(CachedRun run) {
    if (run.classes().size() == 1000) return PredictionCsv.fromRun(run);
    List<PredictionCsv.Prediction> out = new ArrayList<>();
    for (int i = 0; i < run.items().size(); i++) {
      if (run.labels()[i] < 0) continue;
      int k = CachedRun.argmax(run.logits()[i]);
      out.add(new PredictionCsv.Prediction(i, run.items().get(i).fileName(), null, null, k == run.labels()[i]));
    }
    return out;
  }

  /** Mean error ratio per factor over the models (NaN ratios skipped), factors sorted largest first. */
  public static List<String> byMeanErrorRatio(Outcome o) {
    Map<String, Double> mean = new LinkedHashMap<>();
    for (String f : o.factors()) {
      double s = 0;
      int n = 0;
      for (ModelResult m : o.models()) {
        Double v = m.result().errorRatio().get(f);
        if (v != null && Double.isFinite(v)) {
          s += v;
          n++;
        }
      }
      if (n > 0) mean.put(f, s / n);
    }
    List<String> out = new ArrayList<>(mean.keySet());
    out.sort((a, b) -> Double.compare(mean.get(b), mean.get(a)));
    return out;
  }
}
