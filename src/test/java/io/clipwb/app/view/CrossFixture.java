package io.clipwb.app.view;

import io.clipwb.app.jobs.JobService;
import io.clipwb.app.state.ErrorReporter;
import io.clipwb.app.state.PreferencesStore;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * A finished project run for the cross-model view tests: {@code clipwb project run} of three sample
 * models on the in-distribution set and one shifted set ({@code dark}), in-process, once per JVM,
 * under {@code target/} (the embedding cache is kept between builds, the outputs are rewritten).
 * The run's own report files ({@code effective_robustness.csv}) and the sample manifests are the
 * independent expected values.
 */
public final class CrossFixture {
  public static final Path PROJECT = Path.of("sample-data/project.json").toAbsolutePath();
  public static final List<String> MODELS = List.of("sample-vit-default", "sample-rn-default", "sample-vit-small");
  public static final List<String> SETS = List.of("test", "dark");
  static final Path BASE = Path.of("target", "cross-fixture").toAbsolutePath();
  private static Path out;
  private static ProjectReport report;

  private CrossFixture() {}

  /** The run's output folder (runs/, effective_robustness.csv, ...). */
  public static synchronized Path runOut() {
    if (out != null) return out;
    Path o = BASE.resolve("run");
    deleteTree(o);
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("project", "run", PROJECT.toString(), "--out", o.toString(), "--cache", BASE.resolve("cache").toString(),
        "--bundles", String.join(",", MODELS), "--datasets", "dark", "--batch", "32");
    if (code != 0) throw new IllegalStateException("clipwb project run failed (" + code + "): " + err);
    out = o;
    return out;
  }

  public static Project project() {
    return Project.load(PROJECT);
  }

  /** The report over the fixture's run (computed once). */
  public static synchronized ProjectReport report() {
    if (report == null) {
      report = ProjectReport.compute(project(), ProjectParams.defaults().withSelection(MODELS, List.of("dark")), runOut(), Progress.NONE,
          Cancellation.none());
    }
    return report;
  }

  /** A workbench holding the fixture's project, outputs and report (FX thread); drill requests go to {@code drills}. */
  public static Workbench workbench(List<io.clipwb.app.drill.DrillRequest> drills) {
    Workbench wb = new Workbench(new JobService(), new ErrorReporter(null), new PreferencesStore(BASE.resolve("config")));
    wb.outputsProperty().set(runOut());
    wb.projectProperty().set(project());
    wb.reportProperty().set(report());
    wb.setDrillHandler(drills::add);
    return wb;
  }

  /** The rows of a sample set's manifest.csv as column -> value maps (read with the core's CSV reader, not the views' code). */
  public static List<Map<String, String>> manifest(String set) {
    Csv.Table t = Csv.read(PROJECT.getParent().resolve("data").resolve(set).resolve("manifest.csv"), ',');
    List<Map<String, String>> rows = new ArrayList<>();
    for (Csv.Row r : t.rows()) {
      Map<String, String> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < t.header().size(); i++) m.put(t.header().get(i), i < r.values().size() ? r.values().get(i) : "");
      rows.add(m);
    }
    return rows;
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
  public static <R> R click(org.testfx.api.FxRobot robot, org.jfree.chart.fx.ChartViewer viewer,
      java.util.function.Function<org.jfree.chart.entity.ChartEntity, R> f) throws Exception {
    Object[] hit = fx(() -> {
      for (Object o : viewer.getRenderingInfo().getEntityCollection().getEntities()) {
        org.jfree.chart.entity.ChartEntity e = (org.jfree.chart.entity.ChartEntity) o;
        R r = f.apply(e);
        if (r != null) {
          java.awt.geom.Rectangle2D b = e.getArea().getBounds2D();
          return new Object[] {r, viewer.getCanvas().localToScreen(b.getCenterX(), b.getCenterY())};
        }
      }
      return null;
    });
    if (hit == null) return null;
    robot.clickOn((javafx.geometry.Point2D) hit[1]);
    @SuppressWarnings("unchecked")
    R r = (R) hit[0];
    return r;
  }

  /** Saves the scene of {@code node} to {@code target/test-gui/shots/<name>} (for looking at; not asserted). */
  public static void shot(javafx.scene.Node node, String name) throws Exception {
    fx(() -> {
      io.clipwb.app.Snapshots.save(node.getScene(), Path.of("target", "test-gui", "shots").toAbsolutePath().resolve(name));
      return null;
    });
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
