package io.clipwb.cli;

import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.eval.ood.Ood;
import io.clipwb.core.eval.ood.OodMetrics;
import io.clipwb.core.eval.ood.OodParams;
import io.clipwb.core.eval.ood.OodResult;
import io.clipwb.core.eval.ood.OodScore;
import io.clipwb.core.io.Npy;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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

  @Option(names = "--logit-scale", paramLabel = "S",
      description = "CLIP logit scale (default: the run manifest's logit_scale, else 100)")
  Double logitScale;

  @Option(names = "--tau", defaultValue = "1", description = "MCM temperature (default ${DEFAULT-VALUE})")
  double tau;

  @Option(names = "--scores", split = ",", paramLabel = "S", description = "msp,max_logit,energy,mcm (default: all)")
  List<String> scores = new ArrayList<>();

  @Option(names = "--tpr", defaultValue = "0.95", description = "TPR level of the FPR metrics (default ${DEFAULT-VALUE})")
  double tpr;

  @Option(names = "--histogram-bins", defaultValue = "50", description = "bins of the score histograms (default ${DEFAULT-VALUE})")
  int histogramBins;

  @Option(names = "--out", paramLabel = "DIR", description = "write ood.json, ood.csv, ROC CSVs and per-image scores (.npy)")
  Path out;

  @Override
  public Integer call() {
    List<OodScore> sel = scores.isEmpty() ? List.of(OodScore.values()) : scores.stream().map(OodScore::parse).toList();
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
    OodParams p = new OodParams(sel, scale, tau, tpr, histogramBins);
    List<OodResult> results = new ArrayList<>();
    for (Map.Entry<String, double[][]> e : oods.entrySet()) {
      results.add(Ood.compute(idName, id, idLabels, e.getKey(), e.getValue(), cosine, p,
          EvalFiles.stderrProgress(spec.commandLine().getErr()), Cancellation.none()));
    }
    if (out != null) write(results, out);
    EvalFiles.stdout(spec.commandLine().getOut(), Map.of("version", OodResult.VERSION, "results", results));
    return 0;
  }

  private static void putUnique(Map<String, double[][]> m, String name, double[][] v) {
    if (m.containsKey(name)) throw new IllegalArgumentException("two OOD sets are named " + name);
    m.put(name, v);
  }

  private static String stem(Path f) {
    return f.getFileName().toString().replaceFirst("\\.npy$", "");
  }

  static void write(List<OodResult> results, Path out) {
    EvalFiles.json(out, "ood.json", results);
    StringBuilder csv = new StringBuilder(
        "id_set,ood_set,score,n_id,n_ood,id_accuracy,auroc,aupr_in,aupr_out,fpr_openood,threshold_openood,"
            + "fpr_id_positive,threshold_id_positive,tpr_level\n");
    for (OodResult r : results) {
      String base = EvalFiles.safe(r.oodSet());
      for (OodResult.PerScore s : r.scores()) {
        OodMetrics.Metrics m = s.metrics();
        csv.append(String.join(",", EvalFiles.csv(r.idSet()), EvalFiles.csv(r.oodSet()), s.score().key(),
            Integer.toString(m.nId()), Integer.toString(m.nOod()), EvalFiles.num(r.idAccuracy()), EvalFiles.num(m.auroc()),
            EvalFiles.num(m.auprIn()), EvalFiles.num(m.auprOut()), EvalFiles.num(m.fprOpenOod()),
            EvalFiles.num(m.thresholdOpenOod()), EvalFiles.num(m.fprIdPositive()), EvalFiles.num(m.thresholdIdPositive()),
            EvalFiles.num(m.tprLevel()))).append('\n');
        Npy.write(out.resolve(base + "." + s.score().key() + ".id_scores.npy"), s.idScores());
        Npy.write(out.resolve(base + "." + s.score().key() + ".ood_scores.npy"), s.oodScores());
        StringBuilder roc = new StringBuilder("fpr_id_flagged,tpr_ood_flagged,threshold\n");
        OodMetrics.Roc c = s.roc();
        for (int i = 0; i < c.fpr().length; i++) {
          roc.append(EvalFiles.num(c.fpr()[i])).append(',').append(EvalFiles.num(c.tpr()[i])).append(',')
              .append(EvalFiles.num(c.threshold()[i])).append('\n');
        }
        EvalFiles.text(out, base + "." + s.score().key() + ".roc.csv", roc.toString());
      }
    }
    EvalFiles.text(out, "ood.csv", csv.toString());
  }
}
