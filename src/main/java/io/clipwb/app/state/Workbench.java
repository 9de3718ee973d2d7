package io.clipwb.app.state;

import io.clipwb.app.state.ProjectService;
import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.jobs.Job;
import io.clipwb.app.jobs.JobService;
import io.clipwb.app.jobs.Latest;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every view of the workbench gets: the open project, its output folder, the latest report,
 * the run status of each model x set pair, the preferences, the job service and the error sink.
 * A small context passed to views (not a static singleton, not the window), so a view can be built
 * and tested on its own. Properties are read and written on the FX thread; the methods that load
 * or compute hand the work to the job service and publish the latest result back.
 */
public final class Workbench {
  private static final Logger LOG = LoggerFactory.getLogger(Workbench.class);

  private final ObjectProperty<ProjectFile> projectFile = new SimpleObjectProperty<>(this, "projectFile");
  private final ObjectProperty<Project> project = new SimpleObjectProperty<>(this, "project");
  private final ObjectProperty<Path> outputs = new SimpleObjectProperty<>(this, "outputs");
  private final ObjectProperty<ProjectReport> report = new SimpleObjectProperty<>(this, "report");
  private final ObjectProperty<List<ProjectService.PairStatus>> runStatus = new SimpleObjectProperty<>(this, "runStatus", List.of());
  private final ObjectProperty<Preferences> preferences = new SimpleObjectProperty<>(this, "preferences");
  private final ObjectProperty<String> selectedModel = new SimpleObjectProperty<>(this, "selectedModel");
  private final JobService jobs;
  private final ErrorReporter errors;
  private final PreferencesStore store;
  private final Latest<Object[]> refresher;
  private Consumer<DrillRequest> drill = r -> {};

  public Workbench(JobService jobs, ErrorReporter errors, PreferencesStore store) {
    this.jobs = jobs;
    this.errors = errors;
    this.store = store;
    this.preferences.set(store.load());
    this.refresher = new Latest<>(jobs.background(), e -> errors.notifyError("Reading the project's results", e));
    jobs.setOnFailure(errors::notifyError);
  }

  public ObjectProperty<ProjectFile> projectFileProperty() {
    return projectFile;
  }

  /** The open project (null when none). */
  public ObjectProperty<Project> projectProperty() {
    return project;
  }

  /** The open project's output folder (run folders, report files). */
  public ObjectProperty<Path> outputsProperty() {
    return outputs;
  }

  /** The latest report over the finished pairs (null before the first pair finished). */
  public ObjectProperty<ProjectReport> reportProperty() {
    return report;
  }

  /** Complete / missing per model x set. */
  public ObjectProperty<List<ProjectService.PairStatus>> runStatusProperty() {
    return runStatus;
  }

  public ObjectProperty<Preferences> preferencesProperty() {
    return preferences;
  }

  /** The model picked in any view (e.g. a click on a scatter point), so the other views can follow; null when none. */
  public ObjectProperty<String> selectedModelProperty() {
    return selectedModel;
  }

  public JobService jobs() {
    return jobs;
  }

  public ErrorReporter errors() {
    return errors;
  }

  /** Opens the drill-down for {@code r} (the window installs the handler). */
  public void drillDown(DrillRequest r) {
    drill.accept(r);
  }

  public void setDrillHandler(Consumer<DrillRequest> h) {
    this.drill = h;
  }

  /** Replaces the preferences and stores them (the write is small; done in the background). */
  public void savePreferences(Preferences p) {
    preferences.set(p);
    jobs.background().execute(() -> {
      try {
        store.save(p);
      } catch (RuntimeException e) {
        errors.notifyError("Saving preferences", e);
      }
    });
  }

  /** Loads {@code file} in the background and makes it the open project (errors: dialog). */
  public void open(Path file) {
    jobs.background().execute(() -> {
      try {
        Project p = ProjectService.load(file);
        ProjectFile pf = ProjectFile.of(p);
        Platform.runLater(() -> {
          setProject(pf);
          savePreferences(preferences.get().withProjectOpened(p.file()));
        });
      } catch (RuntimeException e) {
        errors.showError("Cannot open " + file, e);
      }
    });
  }

  /** Makes {@code pf} the open project and re-reads what its output folder holds (FX thread). */
  public void setProject(ProjectFile pf) {
    projectFile.set(pf);
    Project p = pf == null ? null : pf.project();
    report.set(null);
    runStatus.set(List.of());
    outputs.set(p == null ? null : ProjectService.outputsFor(PreferencesStore.dataDir(), p));
    project.set(p); // after the outputs: listeners of the project may run it at once
    refresh(null);
  }

  /** After an edit of the project file: republish the project (FX thread). */
  public void projectEdited() {
    ProjectFile pf = projectFile.get();
    if (pf == null) return;
    Project p = pf.project();
    project.set(p);
    if (outputs.get() == null) outputs.set(ProjectService.outputsFor(PreferencesStore.dataDir(), p));
    refresh(null);
  }

  /**
   * Re-reads the run status and recomputes the report over the finished pairs, in the background;
   * only the latest request's result is published.
   *
   * @param sets restrict the report to these sets (null: all)
   */
  public void refresh(List<String> sets) {
    refresh(sets, true);
  }

  /** As {@link #refresh(List)}; without {@code withReport} only the run status is re-read. */
  private void refresh(List<String> sets, boolean withReport) {
    Project p = project.get();
    Path out = outputs.get();
    if (p == null || out == null) return;
    refresher.request(() -> {
      List<ProjectService.PairStatus> st = ProjectService.status(p, out);
      ProjectReport r = withReport && st.stream().anyMatch(ProjectService.PairStatus::complete) && !p.datasets().isEmpty()
          ? ProjectService.reportOfFinished(p, sets, out, Cancellation.none()) : null;
      return new Object[] {st, r};
    }, res -> {
      if (p != project.get()) return;
      @SuppressWarnings("unchecked")
      List<ProjectService.PairStatus> st = (List<ProjectService.PairStatus>) res[0];
      runStatus.set(st);
      // the views' refill and redraw in a pulse of their own, after the tree's (issue 13)
      if (res[1] != null) io.clipwb.app.jobs.NextFrame.run(() -> {
        if (p == project.get()) report.set((ProjectReport) res[1]);
      });
    });
  }

  /** Pending throttled refresh during a run (FX thread only). */
  private javafx.animation.PauseTransition pendingRefresh;

  /** How long a run's finished pairs are gathered before the report is recomputed and the views redrawn. */
  static final javafx.util.Duration REFRESH_THROTTLE = javafx.util.Duration.seconds(2);

  /**
   * A refresh at most every {@link #REFRESH_THROTTLE} while a run finishes pairs: each refresh
   * recomputes the report (competing with the run for the cores) and redraws every open view, so
   * pairs finishing a second apart are shown together (FX thread).
   */
  private void refreshSoon(List<String> sets) {
    if (pendingRefresh != null) return;
    pendingRefresh = new javafx.animation.PauseTransition(REFRESH_THROTTLE);
    pendingRefresh.setOnFinished(e -> {
      pendingRefresh = null;
      refresh(sets);
    });
    pendingRefresh.play();
  }

  /** Queues a run of the open project; views fill in as pairs finish. */
  public Job<ProjectRun.Summary> run(ProjectService.RunRequest req) {
    Project p = project.get();
    Path out = outputs.get();
    Path cache = preferences.get().cacheRoot();
    String title = "Run " + p.name();
    LOG.info("run {}: {} models x {} sets into {}", p.name(), req.models().size(), req.sets().size(), out);
    Job<ProjectRun.Summary> job = jobs.submit(title, (progress, cancel) -> ProjectService.run(p, req, cache, out, progress, cancel,
        pair -> Platform.runLater(() -> refreshSoon(req.sets()))), s -> summary(s));
    job.setOnSucceeded(e -> {
      if (pendingRefresh != null) {
        pendingRefresh.stop();
        pendingRefresh = null;
      }
      if (p == project.get()) {
        // the run computed the final report already: only the run status is re-read
        report.set(job.getValue().report());
        refresh(req.sets(), false);
      }
    });
    job.setOnCancelled(e -> refresh(req.sets()));
    job.setOnFailed(e -> refresh(req.sets()));
    return job;
  }

  static String summary(ProjectRun.Summary s) {
    long models = s.runs().stream().map(ProjectRun.PairRun::model).distinct().count();
    long sets = s.runs().stream().map(ProjectRun.PairRun::set).distinct().count();
    int images = s.runs().stream().mapToInt(ProjectRun.PairRun::images).sum();
    return String.format(Locale.ROOT, "%d models × %d sets: %,d images, %,d computed, %,d from cache, %.0f s", models, sets, images,
        s.computed(), s.fromCache(), s.seconds());
  }
}
