package io.clipwb.app;

import io.clipwb.app.state.ProjectService;

import io.clipwb.app.jobs.JobService;
import io.clipwb.app.state.ErrorReporter;
import io.clipwb.app.shell.MainWindow;
import io.clipwb.app.state.Preferences;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: builds the job service, the error reporter, the {@link Workbench} context
 * and the main window, then opens the project named on the command line, else the last one, else the
 * sample project. With {@code -Dclipwb.gui.bench=true} it logs start-up to first frame and the worst
 * gap between FX pulses when it exits; {@code -Dclipwb.gui.snapshot=FILE} (with
 * {@code clipwb.gui.snapshot.after} seconds, default 8) saves the window to a PNG, for looking at it
 * on a machine without a screen; {@code -Dclipwb.gui.views=id,id} opens those views' tabs at start
 * (the last one selected), for snapshots of a given view.
 */
public final class WorkbenchApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);
  private JobService jobs;
  private Workbench workbench;
  private MainWindow window;
  private final PulseBench bench = new PulseBench();

  @Override
  public void start(Stage stage) {
    jobs = new JobService();
    ErrorReporter errors = new ErrorReporter(stage);
    Thread.setDefaultUncaughtExceptionHandler(errors::uncaught);
    Thread.currentThread().setUncaughtExceptionHandler(errors::uncaught);
    workbench = new Workbench(jobs, errors, PreferencesStore.standard());
    window = new MainWindow(stage, workbench);
    if (Boolean.getBoolean("clipwb.gui.bench")) {
      bench.start();
      if (Boolean.getBoolean("clipwb.gui.bench.run")) benchRun();
    }
    stage.show();
    ClassPreloader.start();
    List<String> args = getParameters() == null ? List.of() : getParameters().getRaw();
    Path initial = initialProject(args, workbench.preferencesProperty().get());
    if (initial != null) workbench.open(initial);
    String open = System.getProperty("clipwb.gui.views");
    if (open != null) {
      for (String id : open.split(",")) {
        io.clipwb.app.catalog.Views.byId(id.trim()).ifPresentOrElse(window::openView, () -> LOG.warn("no view '{}'", id));
      }
    }
    String snap = System.getProperty("clipwb.gui.snapshot");
    if (snap != null) Snapshots.after(stage, Path.of(snap), Double.parseDouble(System.getProperty("clipwb.gui.snapshot.after", "8")));
  }

  /** The context (tests drive the app through it). */
  public Workbench workbench() {
    return workbench;
  }

  public MainWindow window() {
    return window;
  }

  /** The project to open first: the argument, else the last project, else the sample project (or none). */
  static Path initialProject(List<String> args, Preferences prefs) {
    if (!args.isEmpty()) return Path.of(args.get(0));
    if (prefs.lastProject() != null && Files.exists(Path.of(prefs.lastProject()))) return Path.of(prefs.lastProject());
    String sample = System.getProperty("clipwb.sample");
    if (sample != null && Files.exists(Path.of(sample))) return Path.of(sample);
    Path local = Path.of("sample-data", "project.json");
    return Files.exists(local) ? local.toAbsolutePath() : null;
  }

  /**
   * Bench: runs the whole project once it is open, logs the figures, and quits. The run starts
   * {@code clipwb.gui.bench.runDelay} ms (default 2000) after the project opened, as a user's
   * "Run all" would, so the run's figures are not the project-open work's (the tree, the first
   * view's tab and its CSS): that is logged on its own line first. 0 starts the run in the same
   * event as the opening.
   */
  private void benchRun() {
    workbench.projectProperty().addListener((o, a, p) -> {
      if (p == null || a != null) return;
      long delay = Long.getLong("clipwb.gui.bench.runDelay", 2000);
      if (delay <= 0) {
        benchStartRun();
        return;
      }
      javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.millis(delay));
      wait.setOnFinished(e -> {
        LOG.info("bench: project open until the run starts ({} ms): {}", delay, bench.summary());
        benchStartRun();
      });
      wait.play();
    });
  }

  private void benchStartRun() {
    Preferences pr = workbench.preferencesProperty().get();
    bench.reset();
    var job = workbench.run(new ProjectService.RunRequest(List.of(), List.of(), null, pr.batch(), pr.effectiveThreads(), false));
    job.stateProperty().addListener((oo, x, st) -> {
      if (io.clipwb.app.jobs.Job.finished(st)) {
        LOG.info("bench: run {} in {} s; during the run: {}", st, String.format("%.1f", job.seconds()), bench.summary());
        javafx.animation.PauseTransition t = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(3));
        t.setOnFinished(e -> window.stage().close());
        t.play();
      }
    });
  }

  /** The worst pulse gap so far, ms (bench mode only). */
  public double worstPulseGapMs() {
    return bench.worstGapMs();
  }

  /** Start-up to first frame, ms from JVM start (bench mode only; -1 before the first frame). */
  public long firstFrameMs() {
    return bench.firstFrameMs();
  }

  @Override
  public void stop() {
    if (Boolean.getBoolean("clipwb.gui.bench")) {
      LOG.info("bench: start-up to first frame {} ms; worst FX pulse gap {} ms", bench.firstFrameMs(), String.format("%.1f", worstPulseGapMs()));
    }
    if (jobs != null) jobs.close();
  }
}
