package io.clipwb.cli;

import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.eval.shift.AccuracyTable;
import io.clipwb.core.eval.shift.ClassSubset;
import io.clipwb.core.eval.shift.EffectiveRobustness;
import io.clipwb.core.eval.shift.ErBaseline;
import io.clipwb.core.eval.shift.ShiftAccuracy;
import io.clipwb.core.eval.shift.ShiftFiles;
import io.clipwb.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipwb shift}: accuracy under distribution shift (with class subsets) from cached runs,
 * and effective robustness against a baseline accuracy table.
 */
@Command(
    name = "shift",
    mixinStandardHelpOptions = true,
    description = {
      "Accuracy on shifted sets (logits restricted to a class subset before the argmax) and effective",
      "robustness (logit and probit fits over the baseline models of --accuracy-table). JSON to stdout."
    })
public final class ShiftCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--id-run", paramLabel = "DIR", description = "in-distribution run folder")
  Path idRun;

  @Option(names = "--shift-run", arity = "1..*", paramLabel = "DIR", description = "shifted run folder(s)")
  List<Path> shiftRuns = new ArrayList<>();

  @Option(names = "--class-subset", arity = "1..*", paramLabel = "SUBSET",
      description = "imagenet-r, imagenet-a or a FILE of class indices/wnids: one for all shifted runs, or one per run")
  List<String> classSubsets = new ArrayList<>();

  @Option(names = "--metadata", paramLabel = "FILE",
      description = "imagenet_metadata.json (default: the shared data's imagenet-metadata/imagenet_metadata.json)")
  Path metadata;

  @Option(names = "--accuracy-table", paramLabel = "CSV", description = "baseline models: one row per model, one column per setting")
  Path accuracyTable;

  @Option(names = "--id-column", paramLabel = "NAME", description = "the table's ID setting (default: its first setting column)")
  String idColumn;

  @Option(names = "--shift-column", arity = "1..*", paramLabel = "NAME",
      description = "the table's column for each shifted run (default: the runs' names); without runs: the settings to fit")
  List<String> shiftColumns = new ArrayList<>();

  @Option(names = "--baseline-run", paramLabel = "NAME=ID_DIR,SHIFT_DIR",
      description = "a baseline model from the workbench's own runs (repeatable; the class subset of the first shifted run applies)")
  List<String> baselineRuns = new ArrayList<>();

  @Option(names = "--model", paramLabel = "NAME", defaultValue = "this model", description = "name of the evaluated model in the ER table")
  String model;

  @Option(names = "--out", paramLabel = "DIR", description = "write shift.json, shift.csv, effective_robustness.csv, predictions (.npy)")
  Path out;

  @Override
  public Integer call() {
    if (idRun == null && accuracyTable == null) {
      throw new IllegalArgumentException("give --id-run DIR --shift-run DIR..., and/or --accuracy-table CSV");
    }
    if (!baselineRuns.isEmpty() && accuracyTable != null) {
      throw new IllegalArgumentException("give the baseline either as --accuracy-table or as --baseline-run, not both");
    }
    if (!baselineRuns.isEmpty() && shiftRuns.size() != 1) {
      throw new IllegalArgumentException("--baseline-run needs exactly one --shift-run (the setting the baselines were run on)");
    }
    if (!shiftRuns.isEmpty() && idRun == null) throw new IllegalArgumentException("--shift-run needs --id-run");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("version", 1);
    ShiftAccuracy.Result idAcc = null;
    List<ShiftAccuracy.Result> shifts = new ArrayList<>();
    if (idRun != null) {
      RunArrays id = RunArrays.load(idRun);
      idAcc = ShiftAccuracy.compute(id.name(), id.logits(), id.labels(), null);
      report.put("id", idAcc);
      if (!classSubsets.isEmpty() && classSubsets.size() != 1 && classSubsets.size() != shiftRuns.size()) {
        throw new IllegalArgumentException("--class-subset: give one subset for all shifted runs or one per run ("
            + shiftRuns.size() + "), got " + classSubsets.size());
      }
      for (int i = 0; i < shiftRuns.size(); i++) {
        RunArrays r = RunArrays.load(shiftRuns.get(i));
        ClassSubset sub = classSubsets.isEmpty() ? null
            : subset(classSubsets.get(classSubsets.size() == 1 ? 0 : i), r.logits()[0].length);
        shifts.add(ShiftAccuracy.compute(r.name(), r.logits(), r.labels(), sub));
      }
      report.put("shifts", shifts);
    }
    List<EffectiveRobustness.Result> ers = new ArrayList<>();
    if (accuracyTable != null) {
      AccuracyTable t = AccuracyTable.read(accuracyTable);
      String idc = idColumn != null ? idColumn : t.settings().get(0);
      List<String> cols = new ArrayList<>(shiftColumns);
      if (cols.isEmpty()) {
        if (!shifts.isEmpty()) shifts.forEach(s -> cols.add(s.set()));
        else t.settings().stream().filter(s -> !s.equals(idc)).forEach(cols::add);
      }
      if (!shifts.isEmpty() && cols.size() != shifts.size()) {
        throw new IllegalArgumentException("--shift-column: give one table column per shifted run (" + shifts.size() + "), got " + cols.size());
      }
      for (int k = 0; k < cols.size(); k++) {
        List<EffectiveRobustness.ModelEr> own = shifts.isEmpty() ? List.of()
            : List.of(EffectiveRobustness.target(model, idAcc.accuracy(), shifts.get(k).accuracy()));
        ers.add(ErBaseline.fromTable(t, idc, cols.get(k)).fit(own));
      }
      report.put("effectiveRobustness", ers);
    }
    if (!baselineRuns.isEmpty()) {
      List<String> names = new ArrayList<>();
      double[] x = new double[baselineRuns.size()];
      double[] y = new double[baselineRuns.size()];
      for (int i = 0; i < baselineRuns.size(); i++) {
        String spec = baselineRuns.get(i);
        int eq = spec.indexOf('=');
        int comma = spec.indexOf(',', eq + 1);
        if (eq <= 0 || comma < 0) {
          throw new IllegalArgumentException("--baseline-run " + spec + ": expected NAME=ID_DIR,SHIFT_DIR");
        }
        RunArrays bi = RunArrays.load(Path.of(spec.substring(eq + 1, comma)));
        RunArrays bs = RunArrays.load(Path.of(spec.substring(comma + 1)));
        ClassSubset sub = classSubsets.isEmpty() ? null : subset(classSubsets.get(0), bs.logits()[0].length);
        names.add(spec.substring(0, eq));
        x[i] = ShiftAccuracy.compute(bi.name(), bi.logits(), bi.labels(), null).accuracy();
        y[i] = ShiftAccuracy.compute(bs.name(), bs.logits(), bs.labels(), sub).accuracy();
      }
      ers.add(new ErBaseline(idAcc.set(), shifts.get(0).set(), names, x, y)
          .fit(List.of(EffectiveRobustness.target(model, idAcc.accuracy(), shifts.get(0).accuracy()))));
      report.put("effectiveRobustness", ers);
    }
    if (out != null) ShiftFiles.write(idAcc, shifts, ers, out);
    ConsoleOutput.stdout(spec.commandLine().getOut(), report);
    return 0;
  }

  private ClassSubset subset(String s, int numClasses) {
    Path meta = metadata != null ? metadata : SharedData.resolve("data/imagenet-metadata/imagenet_metadata.json").orElse(null);
    String k = s.toLowerCase(java.util.Locale.ROOT);
    if (k.equals("imagenet-r") || k.equals("imagenet-a") || k.equals("imagenet-o")) {
      if (meta == null || !Files.exists(meta)) {
        throw new IllegalArgumentException("--class-subset " + s + " needs imagenet_metadata.json: give --metadata FILE");
      }
      if (numClasses != 1000) {
        throw new IllegalArgumentException("--class-subset " + s + " indexes the 1,000 ImageNet classes but the run has " + numClasses);
      }
      return ClassSubset.imagenet(meta, k);
    }
    Path f = Path.of(s);
    if (!Files.exists(f)) throw new IllegalArgumentException("--class-subset " + s + ": neither imagenet-r/imagenet-a nor an existing file");
    return ClassSubset.fromFile(f, meta, numClasses);
  }
}
