package io.clipwb.cli;

import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.eval.corruption.CorruptionEval;
import io.clipwb.core.eval.corruption.CorruptionRun;
import io.clipwb.core.eval.shift.ShiftAccuracy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipwb corruption-eval}: accuracy, ECE and CE per corruption × severity and mCE of a cached
 * run over a corrupted set ({@code clipwb eval --data <corruption>/<severity>/<class>/*}).
 */
@Command(
    name = "corruption-eval",
    mixinStandardHelpOptions = true,
    description = {
      "Accuracy and ECE per corruption x severity, CE per corruption and mCE of a cached run over a corrupted set",
      "(ImageNet-C / 3DCC layout). With --baseline-errors, CE is normalised by the baseline's errors (Hendrycks &",
      "Dietterich 2019: AlexNet); else it is the mean error over severities. JSON summary to stdout."
    })
public final class CorruptionEvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder of `clipwb eval` over a corrupted set")
  Path run;

  @Option(names = "--clean-run", paramLabel = "DIR", description = "run folder of the same model on the clean set (accuracy drop, retention, relative CE)")
  Path cleanRun;

  @Option(names = "--baseline-errors", paramLabel = "CSV",
      description = "baseline top-1 errors: header corruption,1,2,3,4,5; one row per corruption; a row 'clean' with the clean error in column 1")
  Path baseline;

  @Option(names = "--mce-corruptions", split = ",", paramLabel = "NAME",
      description = "corruptions averaged into mCE (default: all present except speckle_noise, gaussian_blur, spatter, saturate)")
  List<String> mceCorruptions;

  @Option(names = "--bins", defaultValue = "15", description = "ECE bins per cell (default ${DEFAULT-VALUE})")
  int bins;

  @Option(names = "--out", paramLabel = "DIR", description = "write corruption_eval.json (cells with their item indices)")
  Path out;

  @Override
  public Integer call() {
    CorruptionRun r = CorruptionRun.read(run);
    Double clean = null;
    if (cleanRun != null) {
      RunArrays c = RunArrays.load(cleanRun);
      clean = ShiftAccuracy.compute(c.name(), c.logits(), c.labels(), null).accuracy();
    }
    CorruptionEval.Baseline base = baseline == null ? new CorruptionEval.Baseline(null, null) : CorruptionEval.readBaseline(baseline);
    CorruptionEval.Params p = new CorruptionEval.Params(base.errors(), base.cleanError(), clean, mceCorruptions, bins);
    CorruptionEval.Result res = CorruptionEval.compute(r.items(), r.correct(), r.confidence(), p);
    if (out != null) CorruptionEval.write(out, p, res);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("mce", res.mce());
    summary.put("ce_kind", res.ceKind());
    if (res.relativeMce() != null) summary.put("relative_mce", res.relativeMce());
    summary.put("clean_accuracy", res.cleanAccuracy());
    summary.put("items", res.items());
    summary.put("corruptions", res.corruptions());
    summary.put("accuracy", CorruptionEval.accuracyTable(res));
    ConsoleOutput.stdout(spec.commandLine().getOut(), summary);
    return 0;
  }
}
