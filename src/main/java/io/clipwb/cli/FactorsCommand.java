package io.clipwb.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.eval.factors.FactorAnalysis;
import io.clipwb.core.eval.factors.FactorReport;
import io.clipwb.core.eval.factors.FactorTable;
import io.clipwb.core.eval.factors.FactorTrend;
import io.clipwb.core.eval.factors.ImageNetX;
import io.clipwb.core.eval.factors.ImageNetXJoin;
import io.clipwb.core.eval.factors.PredictionCsv;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clipwb factors}: ImageNet-X factor accuracy and error ratio, or 0/1 manifest factors of a run. */
@Command(
    name = "factors",
    mixinStandardHelpOptions = true,
    description = {
      "Per-factor accuracy and error ratio = (1 - factor acc) / (1 - overall acc), as ImageNet-X's"
          + " compute_factor_accuracies / error_ratio; worst factor; per metaclass.",
      "ImageNet-X: --annotations JSONL --predictions CSV... (file_name,predicted_class,predicted_probability"
          + " or with is_correct); several CSVs = several models, with a linear fit of factor vs overall"
          + " accuracy per --group.",
      "Generic: --run DIR uses the run's 0/1 manifest metadata columns (or --factor-columns) as factors.",
      "--annotations JSONL --run DIR joins a run over the 1000 ImageNet classes to the annotations by file name.",
      "--run DIR --export-predictions FILE writes the run's predictions in ImageNet-X's CSV format.",
      "Prints JSON to stdout; --out DIR writes factors.json and factors.csv."
    })
public final class FactorsCommand implements Callable<Integer> {
  @Option(names = "--annotations", paramLabel = "JSONL", description = "ImageNet-X annotations (top- or multi-factor JSONL)")
  Path annotations;

  @Option(names = "--predictions", arity = "1..*", paramLabel = "CSV", description = "prediction CSV(s); the model name is the file stem")
  List<Path> predictions;

  @Option(names = "--metaclasses", paramLabel = "CSV",
      description = "1000 -> metaclass CSV (default: imagenet_1k_classes_to_100_metaclasses.csv beside the annotations, if present)")
  Path metaclasses;

  @Option(names = "--prototypes", paramLabel = "CSV",
      description = "prototypical_paths.csv to remove (default: the one beside the annotations, if present)")
  Path prototypes;

  @Option(names = "--keep-prototypes", description = "do not remove prototype images (ImageNet-X removes them by default)")
  boolean keepPrototypes;

  @Option(names = "--group", paramLabel = "MODEL=GROUP", description = "model group for the multi-model fit (default: all)")
  Map<String, String> groups = new LinkedHashMap<>();

  @Option(names = "--run", paramLabel = "DIR", description = "a cached run folder (with --annotations: its predictions are joined by file name)")
  Path run;

  @Option(names = "--factor-columns", split = ",", paramLabel = "COL", description = "manifest metadata columns to use as factors (default: all 0/1 columns)")
  List<String> factorColumns;

  @Option(names = "--export-predictions", paramLabel = "FILE", description = "with --run: write ImageNet-X prediction CSV and stop")
  Path exportPredictions;

  @Option(names = "--strict", description = "fail on any malformed row (default: skip and list them, exit code 3)")
  boolean strict;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for factors.json and factors.csv")
  Path out;

  @Override
  public Integer call() {
    if (run != null && exportPredictions != null) return export();
    if (annotations == null) {
      if (run == null) throw new IllegalArgumentException("give --annotations JSONL with --predictions CSV... and/or --run DIR, or --run DIR alone");
      return fromRun();
    }
    if (predictions == null && run == null) throw new IllegalArgumentException("--annotations needs --predictions CSV... or --run DIR");
    ImageNetX.Annotations ann = ImageNetX.readAnnotations(annotations);
    List<String> skipped = new ArrayList<>();
    List<ImageNetX.Annotation> rows = strict ? ImageNetX.asImport(ann).orThrow() : ann.rows();
    ann.problems().forEach(p -> skipped.add(p.toString()));
    Path dir = annotations.toAbsolutePath().getParent();
    Path meta = metaclasses != null ? metaclasses : dir.resolve("imagenet_1k_classes_to_100_metaclasses.csv");
    String[] metaOf = Files.isRegularFile(meta) ? ImageNetX.readMetaclasses(meta) : null;
    Path proto = prototypes != null ? prototypes : dir.resolve("prototypical_paths.csv");
    Set<String> protos = !keepPrototypes && Files.isRegularFile(proto) ? ImageNetX.readPrototypes(proto) : Set.of();
    Map<String, List<PredictionCsv.Prediction>> byModel = new LinkedHashMap<>();
    Map<String, String> sourceOf = new LinkedHashMap<>();
    if (predictions != null) {
      for (Path p : predictions) {
        ImportResult<PredictionCsv.Prediction> imp = PredictionCsv.read(p);
        byModel.put(stem(p), strict ? imp.orThrow() : imp.rows());
        sourceOf.put(stem(p), p.toString());
        imp.problems().forEach(x -> skipped.add(x.toString()));
      }
    }
    if (run != null) {
      CachedRun r = CachedRun.load(run);
      byModel.put(r.model(), PredictionCsv.fromRun(r));
      sourceOf.put(r.model(), run.toString());
    }
    Map<String, FactorAnalysis.Result> models = new LinkedHashMap<>();
    Map<String, ImageNetXJoin.JoinStats> joins = new LinkedHashMap<>();
    List<FactorTrend.ModelPoint> points = new ArrayList<>();
    for (Map.Entry<String, List<PredictionCsv.Prediction>> e : byModel.entrySet()) {
      String model = e.getKey();
      ImageNetXJoin.Joined j = ImageNetXJoin.join(rows, e.getValue(), metaOf, protos);
      FactorAnalysis.Result r = CtrlC.run(cancel -> FactorAnalysis.compute(j.table(),
          new FactorAnalysis.Params(model, annotations.toString(), ann.variant(), sourceOf.get(model)), cancel));
      models.put(model, r);
      joins.put(model, j.stats());
      points.add(new FactorTrend.ModelPoint(model, groups.getOrDefault(model, "all"), r.factorAccuracy().get("average"), r.factorAccuracy()));
    }
    FactorTrend.Result trend = models.size() > 1 ? FactorTrend.compute(points, ImageNetX.FACTORS) : null;
    print(models, joins, trend, skipped, ann.variant());
    return ShapeBiasCommand.reportSkipped("factors", skipped);
  }

  private int export() {
    List<PredictionCsv.Prediction> preds = PredictionCsv.fromRun(CachedRun.load(run));
    PredictionCsv.write(exportPredictions, preds);
    ObjectNode o = Json.object();
    o.put("predictions", exportPredictions.toString());
    o.put("n", preds.size());
    System.out.println(Json.toString(o));
    return 0;
  }

  private int fromRun() {
    CachedRun r = CachedRun.load(run);
    FactorTable t = FactorTable.fromRun(r, factorColumns);
    FactorAnalysis.Result res = CtrlC.run(cancel -> FactorAnalysis.compute(t,
        new FactorAnalysis.Params(r.model(), "manifest metadata " + t.factorNames(), "manifest", run.toString()), cancel));
    Map<String, FactorAnalysis.Result> models = new LinkedHashMap<>();
    models.put(r.model(), res);
    print(models, Map.of(), null, List.of(), "manifest");
    return 0;
  }

  private void print(Map<String, FactorAnalysis.Result> models, Map<String, ImageNetXJoin.JoinStats> joins,
      FactorTrend.Result trend, List<String> skipped, String variant) {
    ObjectNode o = Json.object();
    o.put("variant", variant);
    if (models.size() == 1) {
      addModel(o, models.values().iterator().next());
      ImageNetXJoin.JoinStats js = joins.values().stream().findFirst().orElse(null);
      if (js != null) o.set("join", Json.mapper().valueToTree(js));
    } else {
      ObjectNode ms = o.putObject("models");
      models.forEach((k, v) -> {
        ObjectNode m = ms.putObject(k);
        addModel(m, v);
        m.set("join", Json.mapper().valueToTree(joins.get(k)));
      });
      o.set("trend", Json.mapper().valueToTree(trend.fits()));
    }
    if (!skipped.isEmpty()) o.set("skipped_rows", Json.mapper().valueToTree(skipped));
    if (out != null) {
      List<Path> files = FactorReport.write(new FactorReport.Report(models, joins, trend), out);
      o.set("files", Json.mapper().valueToTree(files.stream().map(Path::toString).toList()));
    }
    System.out.println(Json.toString(o));
  }

  private static void addModel(ObjectNode o, FactorAnalysis.Result r) {
    o.put("model", r.params().model());
    o.set("factor_accuracy", Json.mapper().valueToTree(r.factorAccuracy()));
    o.set("error_ratio", Json.mapper().valueToTree(r.errorRatio()));
    o.put("worst_factor_name", r.worstFactorName());
    o.put("n_images", r.overall().nImages());
    if (!r.perGroup().isEmpty()) {
      ObjectNode pm = o.putObject("per_metaclass");
      r.perGroup().forEach((g, a) -> pm.set(g, Json.mapper().valueToTree(a.factorAccuracy())));
    }
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
