package io.clipwb.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.eval.shapebias.CueConflictRun;
import io.clipwb.core.eval.shapebias.MvhCsv;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.eval.shapebias.SixteenClassMapping;
import io.clipwb.core.eval.shapebias.Trial;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clipwb shape-bias}: texture-vs-shape bias of model-vs-human trials or of a cached run. */
@Command(
    name = "shape-bias",
    mixinStandardHelpOptions = true,
    description = {
      "Shape vs texture bias on the cue-conflict stimuli (model-vs-human's ShapeBias.analysis).",
      "--mvh-csv: pooled trials of model-vs-human per-trial CSVs (humans or models).",
      "--run: CLIP's 16-class decisions from a cached run (16 classes: direct; 1000 ImageNet classes:"
          + " mean probability per category), plus accuracy on edges and filled silhouettes.",
      "Prints JSON to stdout; with --out writes JSON + CSV files there (nothing is written without --out)."
    })
public final class ShapeBiasCommand implements Callable<Integer> {
  static final class Source {
    @Option(names = "--mvh-csv", arity = "1..*", paramLabel = "FILE",
        description = "model-vs-human per-trial CSV(s): subj,session,trial,rt,object_response,category,condition,imagename")
    List<Path> mvhCsv;

    @Option(names = "--run", paramLabel = "DIR", description = "a cached run folder (clipwb eval --out DIR)")
    Path run;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for shape_bias.json and the CSV files")
  Path out;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "16-class decision for --run: direct-16 or imagenet-1000-mean (default: from the run's classes)")
  String mode;

  @Option(names = "--imagenet-metadata", paramLabel = "FILE",
      description = "imagenet_metadata.json with 'sixteen_class' (default: the shared data folder)")
  Path imagenetMetadata;

  @Option(names = "--subject", paramLabel = "NAME", description = "subj written into the exported model-vs-human CSV (default: the model)")
  String subject;

  @Option(names = "--strict", description = "fail on any malformed row (default: skip and list them, exit code 3)")
  boolean strict;

  @Override
  public Integer call() {
    if (source.mvhCsv != null) return fromCsv();
    return fromRun();
  }

  private int fromCsv() {
    ImportResult<Trial> imp = MvhCsv.readAll(source.mvhCsv);
    List<Trial> trials = strict ? imp.orThrow() : imp.rows();
    ShapeBias.Result r = CtrlC.run(
        cancel -> ShapeBias.compute(trials, ShapeBias.Params.of("mvh-csv " + source.mvhCsv, "as given"), cancel));
    ObjectNode o = summary(r);
    o.put("n_trials", r.overall().nTrials());
    if (!imp.clean()) o.set("skipped_rows", Json.mapper().valueToTree(imp.problems().stream().map(Object::toString).toList()));
    if (out != null) {
      Json.write(out.resolve("shape_bias.json"), r);
      CueConflictRun.writeStatsCsv(out.resolve("shape_bias_per_category.csv"), r);
      o.put("out", out.toString());
    }
    System.out.println(Json.toString(o));
    return reportSkipped("shape-bias", imp.problems().stream().map(Object::toString).toList());
  }

  /**
   * Prints skipped input rows to stderr as errors; returns the exit code: 0 if none, 3 if some rows
   * were skipped (the results cover the others). Shared by the evaluation commands.
   */
  static int reportSkipped(String command, List<String> problems) {
    if (problems.isEmpty()) return 0;
    System.err.println("clipwb " + command + ": error: " + problems.size() + " input row(s) skipped, results cover the others:");
    problems.stream().limit(50).forEach(p -> System.err.println("  " + p));
    if (problems.size() > 50) System.err.println("  ... and " + (problems.size() - 50) + " more (all listed in the JSON)");
    return 3;
  }

  private int fromRun() {
    CachedRun run = CachedRun.load(source.run);
    SixteenClassMapping mapping = imagenetMetadata != null ? SixteenClassMapping.load(imagenetMetadata) : SixteenClassMapping.fromShared();
    CueConflictRun.Mode m = mode == null ? null : CueConflictRun.Mode.parse(mode);
    CueConflictRun.Result r = CtrlC.run(cancel -> CueConflictRun.compute(run, mapping,
        new CueConflictRun.Params(m, subject), new StderrProgress(new java.io.PrintWriter(System.err, true)), cancel));
    // files only under --out: a run folder is replaced as a whole and holds nothing else
    List<Path> files = out != null ? CueConflictRun.write(r, out) : List.of();
    ObjectNode o = r.shapeBias() != null ? summary(r.shapeBias()) : Json.object();
    o.put("model", r.model());
    o.put("decision_mode", r.decisionMode());
    ObjectNode acc = o.putObject("stimulus_accuracy");
    r.stimulusAccuracy().forEach((k, v) -> {
      ObjectNode a = acc.putObject(k);
      a.put("accuracy", v.accuracy());
      a.put("n", v.n());
      a.put("correct", v.correct());
    });
    o.put("n_skipped", r.nSkipped());
    o.set("files", Json.mapper().valueToTree(files.stream().map(Path::toString).toList()));
    System.out.println(Json.toString(o));
    return 0;
  }

  private static ObjectNode summary(ShapeBias.Result r) {
    ObjectNode o = Json.object();
    o.put("shape_bias", r.shapeBias());
    o.put("fraction_correct_shape", r.fractionCorrectShape());
    o.put("fraction_correct_texture", r.fractionCorrectTexture());
    ObjectNode per = o.putObject("per_category");
    r.perCategory().forEach((k, v) -> {
      ObjectNode c = per.putObject(k);
      c.put("shape_bias", v.shapeBias());
      c.put("fraction_correct_shape", v.fractionCorrectShape());
      c.put("fraction_correct_texture", v.fractionCorrectTexture());
      c.put("n_trials", v.nTrials());
    });
    return o;
  }
}
