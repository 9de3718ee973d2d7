package io.clipwb.cli;

import io.clipwb.core.io.Json;
import io.clipwb.core.sample.SampleGenerator;
import io.clipwb.core.sample.SampleSet;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code clipwb sample}: the procedural sample world (see docs/sample-lab.md). */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "The sample lab: a procedural image world for trying every evaluation offline.",
    subcommands = {SampleCommand.Generate.class})
public final class SampleCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /** {@code clipwb sample generate}: writes the sample sets (deterministic from the seed). */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Generate sample-world image sets (manifest.csv + classes.json per set). Same seed -> identical bytes.")
  static final class Generate implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "world seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--size", description = "images per class in each evaluation set (default: per set, e.g. test 20)")
    Integer size;

    @Option(names = "--train-size", description = "images per class in the train sets (default: 200)")
    Integer trainSize;

    @Option(names = "--image-size", defaultValue = "64", description = "image side in pixels (default: ${DEFAULT-VALUE})")
    int imageSize;

    @Option(names = "--sets", split = ",", description = "sets to write (default: all): ${COMPLETION-CANDIDATES}")
    List<String> sets;

    @Option(names = "--depth", description = "write depth maps for every set, not only rgbd and multiview")
    boolean depth;

    @Override
    public Integer call() {
      List<SampleSet> chosen = new ArrayList<>();
      if (sets == null || sets.isEmpty()) {
        chosen.addAll(List.of(SampleSet.values()));
      } else {
        for (String s : sets) {
          chosen.add(SampleSet.byId(s).orElseThrow(() -> new ParameterException(spec.commandLine(),
              "unknown set '" + s + "'; known: " + String.join(", ", SampleSet.ids()))));
        }
      }
      SampleGenerator.Options o = new SampleGenerator.Options(out, seed, imageSize, size, trainSize, chosen, depth);
      java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
      SampleGenerator.Summary summary = CtrlC.run(err, cancel -> SampleGenerator.generate(o, new StderrProgress(err), cancel));
      System.out.println(Json.toString(summary));
      return 0;
    }
  }
}
