package io.clipwb.cli;

import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.eval.calibration.Calibration;
import io.clipwb.core.eval.calibration.CalibrationFiles;
import io.clipwb.core.eval.calibration.CalibrationParams;
import io.clipwb.core.eval.calibration.CalibrationResult;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code clipwb calibrate}: calibration metrics, temperature scaling on an ID split and its effect on
 * shifted sets, from a cached run or from bare .npy arrays.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Calibration (ECE in 3 variants, MCE, NLL, Brier, reliability diagrams) and temperature scaling",
      "from cached logits: --run DIR, or --logits N_C.npy --labels N.npy. JSON summary to stdout."
    })
public final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Source {
    @Option(names = "--run", paramLabel = "DIR", description = "run folder (logits.npy, labels.npy, manifest.json)")
    Path run;

    @ArgGroup(exclusive = false)
    LogitsAndLabels arrays;
  }

  static final class LogitsAndLabels {
    @Option(names = "--logits", required = true, paramLabel = "FILE", description = "N x C logits (.npy, float32/float64)")
    Path logits;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "N labels (.npy, int32/int64, -1 = unknown)")
    Path labels;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--shift-run", paramLabel = "DIR", arity = "1..*", description = "shifted runs: T is applied to each")
  List<Path> shiftRuns = new ArrayList<>();

  @Mixin CalibrationOptions calibration;

  @Option(names = "--out", paramLabel = "DIR", description = "write calibration.json, calibration.csv, reliability.csv, per-sample .npy")
  Path out;

  @Override
  public Integer call() {
    CalibrationParams p = calibration.params();
    Calibration.Input id;
    if (source.run != null) {
      RunArrays r = RunArrays.load(source.run);
      id = new Calibration.Input(r.name(), r.logits(), r.labels(),
          calibration.groupBy.isEmpty() || r.items() == null ? Map.of() : r.groupsBy(calibration.groupBy));
    } else {
      double[][] z = RunArrays.readMatrix(source.arrays.logits);
      int[] y = RunArrays.readLabels(source.arrays.labels, z.length);
      String name = source.arrays.logits.getFileName().toString().replaceFirst("\\.npy$", "");
      id = new Calibration.Input(name, z, y);
    }
    List<Calibration.Input> shifted = new ArrayList<>();
    for (Path d : shiftRuns) {
      RunArrays r = RunArrays.load(d);
      if (r.logits()[0].length != id.logits()[0].length) {
        throw new IllegalArgumentException(d + ": " + r.logits()[0].length + " classes, but the ID set has " + id.logits()[0].length);
      }
      shifted.add(new Calibration.Input(r.name(), r.logits(), r.labels(),
          calibration.groupBy.isEmpty() || r.items() == null ? Map.of() : r.groupsBy(calibration.groupBy)));
    }
    CalibrationResult res = CtrlC.run(spec.commandLine().getErr(),
        cancel -> Calibration.compute(id, shifted, p, new StderrProgress(spec.commandLine().getErr()), cancel));
    if (out != null) CalibrationFiles.write(res, out);
    ConsoleOutput.stdout(spec.commandLine().getOut(), res.summary());
    return 0;
  }
}
