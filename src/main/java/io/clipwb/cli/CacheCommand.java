package io.clipwb.cli;

import io.clipwb.core.sweep.SweepImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipwb cache}: the embedding cache's maintenance commands. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = "The embedding cache: import rows embedded elsewhere.",
    subcommands = {CacheCommand.Import.class})
public final class CacheCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code clipwb cache import}: merges a finished sweep's shards into the local cache. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Import the shards of a finished sweep (clipwb-spark's output folder) into the cache: only model folders with their"
          + " _SUCCESS marker, only the shards it lists, each checked (checksums, width, keys). Importing twice changes nothing."
          + " Exit code 1 when a folder was unfinished or a shard invalid.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, description = "the sweep's output folder (<fingerprint>/images/ + _SUCCESS per model)")
    Path from;

    @Option(names = "--cache", description = "embedding cache folder (default: $CLIPWB_CACHE or ~/.cache/clipwb)")
    Path cache;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      SweepImport.Result r = SweepImport.run(from, EvalCommand.cacheRoot(cache));
      for (SweepImport.ModelImport m : r.models()) {
        err.printf("%s %-24s %-10s shards %d: imported %d, already present %d, invalid %d; rows %d%s%n", m.folder(),
            m.model() == null ? "?" : m.model(), m.status(), m.shards(), m.imported(), m.present(), m.corrupt(), m.rows(),
            m.message() == null ? "" : " (" + m.message() + ")");
      }
      err.printf("imported %d shards (%d rows), %d already present, %d invalid%n", r.imported(), r.rows(), r.present(), r.corrupt());
      return r.clean() ? 0 : 1;
    }
  }
}
