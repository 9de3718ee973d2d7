package io.clipwb.cli;

import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.eval.ood.Ood;
import io.clipwb.core.eval.ood.OodFiles;
import io.clipwb.core.eval.ood.OodParams;
import io.clipwb.core.eval.ood.OodResult;
import io.clipwb.core.eval.ood.OodScore;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipwb ood}: OOD detection (MSP, max-logit, energy, MCM; AUROC, AUPR-In/Out, FPR@95 in
 * both conventions) from cached runs or bare .npy arrays.
 */
@Command(
    name = "ood",
    mixinStandardHelpOptions = true,
    description = {
      "OOD detection from cached logits or cosines: --id-run DIR --ood-run DIR..., or",
      "--id-logits A.npy --ood-logits B.npy [--cosine]. JSON summary to stdout."
    })
public final class OodCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Source {
    @ArgGroup(exclusive = false)
    Runs runs;

    @ArgGroup(exclusive = false)
    Files files;
  }

  static final class Runs {
    @Option(names = "--id-run", required = true, paramLabel = "DIR", description = "in-distribution run folder")
    Path idRun;

    @Option(names = "--ood-run", required = true, arity = "1..*", paramLabel = "DIR", description = "OOD run folder(s)")
    List<Path> oodRuns;
  }

  static final class Files {
    @Option(names = "--id-logits", required = true, paramLabel = "FILE", description = "ID N x C .npy (logits, or cosines with --cosine)")
    Path idLogits;

    @Option(names = "--ood-logits", required = true, arity = "1..*", paramLabel = "FILE", description = "OOD M x C .npy file(s)")
    List<Path> oodLogits;

    @Option(names = "--id-labels", paramLabel = "FILE", description = "ID labels .npy (only for the ID accuracy)")
    Path idLabels;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--cosine", description = "inputs are cosine similarities: MSP/max-logit/energy use logit scale x cosine, MCM cosine / tau")
  boolean cosine;

  @Option(names = "--force", description = "with --cosine: go on (with a warning) when values lie outside [-1, 1]")
  boolean force;

  @Option(names = "--logit-scale", paramLabel = "S",
      description = "CLIP logit scale (default: the run manifest's logit_scale, else 100)")
  Double logitScale;

  @Mixin OodOptions ood;

  @Option(names = "--histogram-bins", defaultValue = "50", description = "bins of the score histograms (default ${DEFAULT-VALUE})")
  int histogramBins;

  @Option(names = "--out", paramLabel = "DIR", description = "write ood.json, ood.csv, ROC CSVs and per-image scores (.npy)")
  Path out;

  @Override
  public Integer call() {
    List<OodScore> sel = ood.selected();
    String idName;
    double[][] id;
    int[] idLabels = null;
    Map<String, double[][]> oods = new LinkedHashMap<>();
    double scale = 100.0;
    if (source.runs != null) {
      RunArrays r = RunArrays.load(source.runs.idRun);
      idName = r.name();
      id = r.logits();
      idLabels = r.labels();
      if (!Double.isNaN(r.logitScale())) scale = r.logitScale();
      for (Path d : source.runs.oodRuns) {
        RunArrays o = RunArrays.load(d);
        putUnique(oods, o.name(), o.logits());
      }
    } else {
      idName = stem(source.files.idLogits);
      id = RunArrays.readMatrix(source.files.idLogits);
      if (source.files.idLabels != null) idLabels = RunArrays.readLabels(source.files.idLabels, id.length);
      for (Path f : source.files.oodLogits) putUnique(oods, stem(f), RunArrays.readMatrix(f));
    }
    if (logitScale != null) scale = logitScale;
    if (cosine) checkCosines(idName, id, oods);
    OodParams p = new OodParams(sel, scale, ood.tau, ood.tpr, histogramBins);
    List<OodResult> results = new ArrayList<>();
    StderrProgress progress = new StderrProgress(spec.commandLine().getErr());
    String idN = idName;
    double[][] idLogits = id;
    int[] idLab = idLabels;
    CtrlC.run(spec.commandLine().getErr(), cancel -> {
      for (Map.Entry<String, double[][]> e : oods.entrySet()) {
        results.add(Ood.compute(idN, idLogits, idLab, e.getKey(), e.getValue(), cosine, p, progress, cancel));
      }
      return results;
    });
    if (out != null) OodFiles.write(results, out);
    ConsoleOutput.stdout(spec.commandLine().getOut(), Map.of("version", OodResult.VERSION, "results", results));
    return 0;
  }

  /** Refuses (or, with --force, warns about) --cosine input that holds values no cosine can take. */
  private void checkCosines(String idName, double[][] id, Map<String, double[][]> oods) {
    List<String> bad = new ArrayList<>();
    Ood.notCosines(idName, id).ifPresent(bad::add);
    oods.forEach((n, m) -> Ood.notCosines(n, m).ifPresent(bad::add));
    if (bad.isEmpty()) return;
    if (!force) {
      throw new IllegalArgumentException("--cosine: " + String.join("; ", bad) + ". Drop --cosine for logits, or give --force to go on");
    }
    for (String b : bad) spec.commandLine().getErr().println("WARNING: --cosine with --force: " + b);
  }

  private static void putUnique(Map<String, double[][]> m, String name, double[][] v) {
    if (m.containsKey(name)) throw new IllegalArgumentException("two OOD sets are named " + name);
    m.put(name, v);
  }

  private static String stem(Path f) {
    return f.getFileName().toString().replaceFirst("\\.npy$", "");
  }
}
