package io.clipwb.app.view;

import io.clipwb.app.Snapshots;
import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.jobs.JobService;
import io.clipwb.app.state.ErrorReporter;
import io.clipwb.app.state.Preferences;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.ProjectService;
import io.clipwb.app.state.Workbench;
import io.clipwb.cli.Main;
import io.clipwb.core.io.Csv;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectParams;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * The one fixture of the view tests: finished runs of the committed sample project made the way a
 * user makes them ({@code clipwb project run}, through the CLI's command line, in-process), each
 * made at most once per JVM under {@code target/test-views/} with one embedding cache shared by
 * all of them (so an image is encoded once per build), plus the small FX helpers the view tests
 * share. Two selections, because the tests' expected values depend on the models run:
 * <ul>
 *   <li>{@link #MODELS} on the cue-conflict and OOD sets ({@link #sampleRun()}; the shape-bias and
 *       OOD views, {@code clipwb figures} for them);
 *   <li>{@link #CROSS_MODELS} on the in-distribution set and one shifted set, {@code dark}
 *       ({@link #crossRun()}; the scatter, factor and shift views). Its own report files
 *       ({@code effective_robustness.csv}) and the sample manifests are the independent expected
 *       values.
 * </ul>
 */
public final class SampleRun {
  public static final Path SAMPLE = Path.of("sample-data/project.json").toAbsolutePath();
  public static final Path WORK = Path.of("target/test-views").toAbsolutePath();
  public static final Path CACHE = WORK.resolve("cache");
  /** The models of {@link #sampleRun()}. */
  public static final List<String> MODELS = List.of("sample-vit-default", "sample-vit-shape");
  /** The models of {@link #crossRun()}. */
  public static final List<String> CROSS_MODELS = List.of("sample-vit-default", "sample-rn-default", "sample-vit-small");
  /** The sets of {@link #crossRun()}. */
  public static final List<String> CROSS_SETS = List.of("test", "dark");
  private static Path sample;
  private static Path cross;
  private static ProjectReport crossReport;

  private SampleRun() {}

  /** Runs {@code clipwb} with these arguments; fails with its stderr unless it exits 0. Returns stdout. */
  public static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    if (code != 0) throw new AssertionError("clipwb " + String.join(" ", args) + " exited " + code + ": " + err);
    return out.toString();
  }

  private static Path run(String name, List<String> models, String datasets) {
    Path out = WORK.resolve(name);
    deleteTree(out);
    cli("project", "run", SAMPLE.toString(), "--out", out.toString(), "--cache", CACHE.toString(), "--bundles", String.join(",", models),
        "--datasets", datasets, "--batch", "32");
    return out;
  }

  /** The output folder of {@link #MODELS} run on the ID, cue-conflict and OOD sets (made once per JVM; read only). */
  public static synchronized Path sampleRun() {
    if (sample == null) sample = run("run-cue-ood", MODELS, "cue-conflict,ood");
    return sample;
  }

  /**
   * Copies {@link #sampleRun()} into the workbench's own output folder and saves preferences that
   * open it, so a {@code WorkbenchApp} started next shows the finished run.
   */
  public static Path runForWorkbench() throws Exception {
    Path outputs = ProjectService.outputsFor(PreferencesStore.dataDir(), Project.load(SAMPLE));
    copyTree(sampleRun(), outputs);
    Preferences p = Preferences.defaults().withSettings(CACHE.toString(), null, "cpu", 2, 32, "light", FigureStyle.defaults())
        .withProjectOpened(SAMPLE);
    PreferencesStore.standard().save(p);
    return outputs;
  }

  /** The output folder of {@link #CROSS_MODELS} run on {@link #CROSS_SETS} (runs/, effective_robustness.csv, ...; once per JVM). */
  public static synchronized Path crossRun() {
    if (cross == null) cross = run("run-cross", CROSS_MODELS, "dark");
    return cross;
  }

  public static Project project() {
    return Project.load(SAMPLE);
  }

  /** The report over {@link #crossRun()} (computed once). */
  public static synchronized ProjectReport crossReport() {
    if (crossReport == null) {
      crossReport = ProjectReport.compute(project(), ProjectParams.defaults().withSelection(CROSS_MODELS, List.of("dark")), crossRun(),
          Progress.NONE, Cancellation.none());
    }
    return crossReport;
  }

  /** A workbench holding the project, {@link #crossRun()} and its report (FX thread); drill requests go to {@code drills}. */
  public static Workbench crossWorkbench(List<DrillRequest> drills) {
    Workbench wb = new Workbench(new JobService(), new ErrorReporter(null), new PreferencesStore(WORK.resolve("config")));
    wb.outputsProperty().set(crossRun());
    wb.projectProperty().set(project());
    wb.reportProperty().set(crossReport());
    wb.setDrillHandler(drills::add);
    return wb;
  }

  /** The rows of a sample set's manifest.csv as column -> value maps (read with the core's CSV reader, not the views' code). */
  public static List<Map<String, String>> manifest(String set) {
    Csv.Table t = Csv.read(SAMPLE.getParent().resolve("data").resolve(set).resolve("manifest.csv"), ',');
    List<Map<String, String>> rows = new ArrayList<>();
    for (Csv.Row r : t.rows()) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < t.header().size(); i++) m.put(t.header().get(i), i < r.values().size() ? r.values().get(i) : "");
      rows.add(m);
    }
    return rows;
  }

  /**
   * A synthetic model-vs-human CSV over the sample's cue-conflict stimuli: three "observers", two of
   * whom always answer the shape class and one the texture class, so the humans' shape bias is
   * exactly 2/3 (no-conflict stimuli count in no numerator).
   */
  public static Path syntheticHumans(Path file) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("sample-data/data/cue-conflict/manifest.csv"));
    List<String> header = List.of(lines.get(0).split(",", -1));
    int path = header.indexOf("path");
    int shape = header.indexOf("shape");
    int texture = header.indexOf("texture_class");
    List<String> out = new ArrayList<>();
    out.add("subj,session,trial,rt,object_response,category,condition,imagename");
    int trial = 1;
    for (String subj : List.of("subject-01", "subject-02", "subject-03")) {
      for (String l : lines.subList(1, lines.size())) {
        String[] v = l.split(",", -1);
        String name = v[path].substring(v[path].lastIndexOf('/') + 1);
        String answer = subj.equals("subject-03") ? v[texture] : v[shape];
        out.add(String.join(",", subj, "1", Integer.toString(trial++), "NaN", answer, v[shape], "0", name));
      }
    }
    Files.createDirectories(file.getParent());
    Files.write(file, out);
    return file;
  }

  public static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
  }

  public static <T> T waitForValue(int seconds, Callable<T> c) throws Exception {
    Object[] box = new Object[1];
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> (box[0] = c.call()) != null);
    @SuppressWarnings("unchecked")
    T t = (T) box[0];
    return t;
  }

  /**
   * Clicks the first entity of {@code viewer} for which {@code f} answers (non-null), at the centre
   * of its area, and returns that answer; null when no entity answers.
   */
  public static <R> R click(FxRobot robot, ChartViewer viewer, Function<ChartEntity, R> f) throws Exception {
    Object[] hit = fx(() -> {
      for (Object o : viewer.getRenderingInfo().getEntityCollection().getEntities()) {
        ChartEntity e = (ChartEntity) o;
        R r = f.apply(e);
        if (r != null) {
          java.awt.geom.Rectangle2D b = e.getArea().getBounds2D();
          return new Object[] {r, viewer.getCanvas().localToScreen(b.getCenterX(), b.getCenterY())};
        }
      }
      return null;
    });
    if (hit == null) return null;
    robot.clickOn((Point2D) hit[1]);
    @SuppressWarnings("unchecked")
    R r = (R) hit[0];
    return r;
  }

  /** Saves the scene of {@code node} to {@code target/test-views/shots/<name>} (for looking at; not asserted). */
  public static void shot(Node node, String name) throws Exception {
    fx(() -> {
      Snapshots.save(node.getScene(), WORK.resolve("shots").resolve(name));
      return null;
    });
  }

  /** Saves every open window to a PNG under target/test-views/shots (for looking at; not asserted). */
  public static void snapshot(FxRobot robot, String name) throws Exception {
    fx(() -> {
      var windows = robot.listWindows();
      for (int i = 0; i < windows.size(); i++) {
        if (windows.get(i).getScene() == null || !windows.get(i).isShowing()) continue;
        Snapshots.save(windows.get(i).getScene(), WORK.resolve("shots").resolve(i == 0 ? name : name.replace(".png", "-" + i + ".png")));
      }
      return null;
    });
  }

  public static void deleteTree(Path p) {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code to} by a copy of the tree {@code from}. */
  public static void copyTree(Path from, Path to) {
    deleteTree(to);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path x : s.toList()) {
        Path y = to.resolve(from.relativize(x).toString());
        if (Files.isDirectory(x)) Files.createDirectories(y);
        else Files.copy(x, y);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
