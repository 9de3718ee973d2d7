package io.clipwb.app.view;

import io.clipwb.app.Snapshots;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.app.state.Preferences;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.ProjectService;
import io.clipwb.cli.Main;
import io.clipwb.core.project.Project;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * A finished run of the committed sample project for the view tests, made the way a user makes it
 * ({@code clipwb project run}, through the CLI's command line) with an embedding cache under
 * target/ shared by the tests, so only the first test of a build encodes images. Plus the small
 * FX helpers the view tests share.
 */
public final class SampleRun {
  public static final Path SAMPLE = Path.of("sample-data/project.json").toAbsolutePath();
  public static final Path WORK = Path.of("target/test-views").toAbsolutePath();
  public static final Path CACHE = WORK.resolve("cache");
  public static final List<String> MODELS = List.of("sample-vit-default", "sample-vit-shape");

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

  /** Runs {@link #MODELS} on the ID, cue-conflict and OOD sets into {@code out} (emptied first). */
  public static void run(Path out) throws Exception {
    deleteTree(out);
    Files.createDirectories(WORK);
    cli("project", "run", SAMPLE.toString(), "--out", out.toString(), "--cache", CACHE.toString(), "--bundles", String.join(",", MODELS),
        "--datasets", "cue-conflict,ood", "--batch", "32");
  }

  /**
   * Runs the sample project into the workbench's own output folder and saves preferences that open
   * it, so a {@code WorkbenchApp} started next shows the finished run.
   */
  public static Path runForWorkbench() throws Exception {
    Path outputs = ProjectService.outputsFor(PreferencesStore.dataDir(), Project.load(SAMPLE));
    run(outputs);
    Preferences p = Preferences.defaults().withSettings(CACHE.toString(), null, "cpu", 2, 32, "light", FigureStyle.defaults())
        .withProjectOpened(SAMPLE);
    PreferencesStore.standard().save(p);
    return outputs;
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
    return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
  }

  public static <T> T waitForValue(int seconds, Callable<T> c) throws Exception {
    Object[] box = new Object[1];
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> (box[0] = c.call()) != null);
    @SuppressWarnings("unchecked")
    T t = (T) box[0];
    return t;
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

  public static void deleteTree(Path p) throws Exception {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }
}
