package io.clipwb.app;

import io.clipwb.app.state.ProjectService;

import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.catalog.Views;
import io.clipwb.app.view.WorkbenchView;
import io.clipwb.core.eval.calibration.CalibrationParams;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectParams;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipwb figures}: the workbench's figures without a window, for scripts that regenerate a
 * paper's figures. It recomputes the project report in memory from a finished {@code clipwb project
 * run} output (no model is loaded) and draws every view that has data with the GUI's own chart and
 * export code: every {@link WorkbenchView} of {@link Views#ALL} (or those {@code --views} names) writes
 * its figures under {@code --out/<view id>/}. It never touches JavaFX and forces
 * {@code java.awt.headless}, so it runs on a server without a display.
 */
@Command(
    name = "figures",
    mixinStandardHelpOptions = true,
    description = "Write the workbench's figures (every view: reliability diagrams, ...) of a finished project run as"
        + " PNG/SVG/PDF, headless. Prints the files written.")
public final class FiguresCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--project", required = true, description = "project.json (or its folder)")
  Path project;

  @Option(names = "--out", required = true, description = "output folder of the figures")
  Path out;

  @Option(names = "--run-out",
      description = "the output folder of `clipwb project run --out` (default: where the workbench runs this project, "
          + "<data dir>/projects/<name>-<hash>)")
  Path runOut;

  @Option(names = "--views", split = ",", paramLabel = "ID",
      description = "only these views (default: all; ids: ${COMPLETION-CANDIDATES})", completionCandidates = ViewIds.class)
  List<String> views = new ArrayList<>();

  @Option(names = "--option", paramLabel = "KEY=VALUE",
      description = "a view-specific setting, repeatable (e.g. mvh_csv=PATH for the shape-bias plot's human data)")
  java.util.Map<String, String> viewOptions = new java.util.LinkedHashMap<>();

  /** The view ids, for picocli's help text. */
  static final class ViewIds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Views.ALL.stream().map(WorkbenchView::id).iterator();
    }
  }

  @Option(names = "--format", split = ",", defaultValue = "png,svg,pdf", paramLabel = "FMT",
      description = "png, svg, pdf (default ${DEFAULT-VALUE})")
  List<String> formats = new ArrayList<>();

  @Option(names = "--dpi", defaultValue = "300", description = "PNG resolution (default ${DEFAULT-VALUE})")
  int dpi;

  @Option(names = "--width-mm", defaultValue = "89", description = "figure width in mm (default ${DEFAULT-VALUE})")
  double widthMm;

  @Option(names = "--height-mm", defaultValue = "70", description = "figure height in mm (default ${DEFAULT-VALUE})")
  double heightMm;

  @Option(names = "--font-size", defaultValue = "8", description = "base font size in pt (default ${DEFAULT-VALUE})")
  double fontSize;

  @Option(names = "--font", defaultValue = "DejaVu Sans",
      description = "font family (default ${DEFAULT-VALUE}, bundled and embedded in PDFs; another family is drawn as"
          + " outlines in PDFs)")
  String font;

  @Option(names = "--bins", defaultValue = "15", description = "confidence bins (default ${DEFAULT-VALUE})")
  int bins;

  @Option(names = "--adaptive", description = "adaptive (equal-mass) bins instead of equal-width ones")
  boolean adaptive;

  @Option(names = "--calib-fraction", defaultValue = "0.5",
      description = "share of the ID set that fits the temperature, (0, 1] (default ${DEFAULT-VALUE})")
  double calibFraction;

  @Option(names = "--seed", defaultValue = "0", description = "seed of the calibration split (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--bundles", split = ",", paramLabel = "NAME", description = "only these bundles (default: all)")
  List<String> bundles = new ArrayList<>();

  @Option(names = "--datasets", split = ",", paramLabel = "NAME",
      description = "only these sets (the in-distribution set is always included; default: all the run has)")
  List<String> datasets = new ArrayList<>();

  @Override
  public Integer call() {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    PrintWriter err = spec.commandLine().getErr();
    List<FigureFormat> fmts = new ArrayList<>(new LinkedHashSet<>(formats.stream().map(FigureFormat::parse).toList()));
    FigureStyle style = new FigureStyle(widthMm, heightMm, dpi, font, fontSize);
    Project p = Project.load(project);
    ProjectParams params = ProjectParams.defaults().withSelection(bundles, datasets)
        .withCalibration(CalibrationParams.defaults().withBins(bins).withSplit(calibFraction, seed));
    long t0 = System.nanoTime();
    Path runs = runOut != null ? runOut : ProjectService.outputsFor(io.clipwb.app.state.PreferencesStore.dataDir(), p);
    ProjectReport report = ProjectReport.compute(p, params, runs,
        (done, total, message) -> err.printf(Locale.ROOT, "[%d/%d] %s%n", done, total, message), Cancellation.none());
    long t1 = System.nanoTime();
    java.util.Map<String, String> opts = new java.util.LinkedHashMap<>(viewOptions);
    opts.putIfAbsent("adaptive", Boolean.toString(adaptive));
    FigureContext ctx = new FigureContext(p, params, report, runs, out, fmts, style, opts, Cancellation.none());
    List<WorkbenchView> chosen = new ArrayList<>();
    for (String id : views) {
      chosen.add(Views.byId(id).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
          "unknown view '" + id + "' for --views (known: " + Views.ALL.stream().map(WorkbenchView::id).toList() + ")")));
    }
    if (chosen.isEmpty()) chosen.addAll(Views.ALL);
    List<Path> files = new ArrayList<>();
    for (WorkbenchView v : chosen) {
      try {
        files.addAll(v.writeFigures(ctx));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot write the " + v.id() + " figures: " + e.getMessage(), e);
      }
    }
    long t2 = System.nanoTime();
    PrintWriter o = spec.commandLine().getOut();
    for (Path f : files) o.println(f);
    o.flush();
    err.printf(Locale.ROOT, "%d figures written to %s (report %.1f s, figures %.1f s)%n", files.size(), out,
        (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    return 0;
  }
}
