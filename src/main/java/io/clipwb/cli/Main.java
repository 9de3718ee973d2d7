package io.clipwb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code clipwb}: the headless front end of the workbench. Every sub-command is a thin wrapper over
 * the core API (the GUI calls the same API): it parses options, runs core work with a stderr
 * progress printer, and writes JSON to stdout and files to {@code --out}.
 */
@Command(
    name = "clipwb",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "CLIP Robustness Workbench (headless).",
    subcommands = {CommandLine.HelpCommand.class, EvalCommand.class, BenchCommand.class, ModelCommand.class, CalibrateCommand.class, OodCommand.class, ShiftCommand.class, ShapeBiasCommand.class, FactorsCommand.class, LmmCommand.class, CorruptCommand.class, RetrievalCommand.class, CorrespondenceCommand.class, SampleCommand.class, ProjectCommand.class, CorruptionEvalCommand.class, SweepCommand.class, CacheCommand.class, io.clipwb.app.GuiCommand.class, io.clipwb.app.FiguresCommand.class})
public final class Main implements Runnable {
  /** Inherited by every sub-command, so both {@code clipwb --verbose eval} and {@code clipwb eval --verbose} work. */
  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "also show the libraries' INFO logging (DJL start-up, GPU detection) and clipwb's DEBUG lines on stderr")
  boolean verbose;

  /** {@code clipwb --version}: the pom's version ({@link io.clipwb.core.util.Version}). */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"clipwb " + io.clipwb.core.util.Version.current()};
    }
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.err);
  }

  public static void main(String[] args) {
    io.clipwb.djl.DjlClipModel.configureOffline();
    io.clipwb.core.cache.CacheLocation.configureNativeCaches();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (tests call it in-process). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cl.setExecutionStrategy(parseResult -> {
      CliLogging.configure(verbose(parseResult));
      return run.execute(parseResult);
    });
    OptionChecks.install(cl);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          // a clear one-line message for the user; the stack trace only with CLIPWB_DEBUG=1
          cmd.getErr().println("clipwb " + cmd.getCommandName() + ": error: " + messageOf(ex));
          if (System.getenv("CLIPWB_DEBUG") != null) ex.printStackTrace(cmd.getErr());
          return 2;
        });
    return cl;
  }

  /** Whether {@code --verbose} was given on the command or any of its parents. */
  static boolean verbose(ParseResult pr) {
    for (ParseResult p = pr; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) return true;
    }
    return false;
  }

  static String messageOf(Throwable ex) {
    String m = ex.getMessage();
    return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
  }
}
