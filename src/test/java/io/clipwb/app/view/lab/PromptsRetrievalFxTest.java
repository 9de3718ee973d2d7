package io.clipwb.app.view.lab;

import static io.clipwb.app.view.SampleRun.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.app.catalog.Views;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.jobs.Job;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.ProjectService;
import io.clipwb.app.view.FxViewTest;
import io.clipwb.app.view.SampleRun;
import io.clipwb.app.view.prompts.PromptComparison;
import io.clipwb.app.view.prompts.PromptLabView;
import io.clipwb.app.view.retrieval.RetrievalView;
import io.clipwb.core.io.Json;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.PromptLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The prompt lab and the retrieval view on a run of the sample project (two models; the ID, OOD,
 * cue-conflict and caption sets), headless. Prompt lab: switching the template set to
 * {@code imagenet-7} and applying shows, per model, the accuracy a {@code clipwb eval --templates
 * imagenet-7} of the same model on the ID set reports, and ECE/AUROC/shape-bias columns next to the
 * current prompts; the apply time is printed. Retrieval: the bars' recalls equal {@code clipwb
 * retrieval} on the model's caption embeddings, and clicking a caption in the query browser shows
 * k images with its own image marked.
 */
class PromptsRetrievalFxTest extends FxViewTest {
  static final Path SAMPLE = SampleRun.SAMPLE;
  static final Path CACHE = SampleRun.CACHE;
  static final List<String> MODELS = List.of("sample-vit-default", "sample-rn-default");
  static Path outputs;

  @BeforeAll
  static void runProject() throws Exception {
    outputs = ProjectService.outputsFor(PreferencesStore.dataDir(), Project.load(SAMPLE));
    SampleRun.deleteTree(outputs);
    SampleRun.cli("project", "run", SAMPLE.toString(), "--out", outputs.toString(), "--cache", CACHE.toString(),
        "--bundles", String.join(",", MODELS), "--datasets", "ood,cue-conflict,captions", "--batch", "32");
  }

  @Start
  void start(Stage stage) throws Exception {
    openSample(CACHE);
    startApp(stage);
  }

  @Test
  void promptLabMatchesEvalWithTheNewTemplates(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    waitFor(120, () -> fx(() -> wb.reportProperty().get() != null && wb.reportProperty().get().models().size() == 2));
    fx(() -> app.window().openView(Views.byId("prompts").orElseThrow()));
    PromptLabView lab = waitForValue(20, () -> fx(() -> robot.lookup("#prompts-view").tryQueryAs(PromptLabView.class).orElse(null)));
    waitFor(20, () -> fx(() -> lab.classNames().size() == 16));
    assertEquals(List.of("a photo of a {c}."), fx(lab::templates), "the project's prompts (single) to start with");

    fx(() -> {
      lab.chooseTemplateSet("imagenet-7");
      return null;
    });
    assertEquals(7, fx(() -> lab.templates().size()));
    PromptLab.Outcome first = applied(lab);
    PromptLab.Outcome second = applied(lab); // every prompt cached now: no tower opened
    assertEquals(0, second.promptsComputed());
    assertEquals(0, second.towersOpened());
    System.out.printf("prompt lab apply on the sample project (2 models x 3 sets): %.2f s with %d prompts encoded"
        + " (%d text towers opened), %.2f s from the cache%n", first.seconds(), first.promptsComputed(), first.towersOpened(),
        second.seconds());

    List<PromptComparison.Row> rows = fx(lab::rows);
    assertEquals(2, rows.size());
    List<String> labels = fx(lab::columnLabels);
    assertTrue(labels.contains("accuracy (test)") && labels.contains("ECE (test)") && labels.contains("AUROC (ood/mcm)")
        && labels.contains("shape bias (cue-conflict)"), labels.toString());
    PromptComparison.Column acc = new PromptComparison.Column("accuracy (test)", List.of("acc/test"), 1);
    for (PromptComparison.Row row : rows) {
      Path bundle = Project.load(SAMPLE).bundles().stream().filter(b -> b.name().equals(row.model())).findFirst().orElseThrow().path();
      Path evalOut = tmp.resolve(row.model());
      SampleRun.cli("eval", "--model", bundle.toString(), "--data", "sample-data/data/test/manifest.csv", "--templates", "imagenet-7",
          "--cache", CACHE.toString(), "--out", evalOut.toString(), "--batch", "32");
      JsonNode res = Json.read(evalOut.resolve("results.json"));
      assertEquals(res.get("metrics").get("acc1").asDouble(), row.next(acc), 1e-12, row.model() + " accuracy with imagenet-7");
      double current = Json.read(outputs.resolve("summary.json")).get("models").get(MODELS.indexOf(row.model())).get("accuracy")
          .get("test").asDouble();
      assertEquals(current, row.current(acc), 1e-12, row.model() + " accuracy with the current prompts");
    }
    WaitForAsyncUtils.waitForFxEvents();
    SampleRun.snapshot(robot, "prompt-lab.png");
  }

  @Test
  void retrievalBarsEqualTheCommandAndTheBrowserMarksTheTruth(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    waitFor(120, () -> fx(() -> wb.reportProperty().get() != null && wb.reportProperty().get().models().size() == 2
        && !wb.reportProperty().get().models().get(0).retrieval().isEmpty()));
    fx(() -> app.window().openView(Views.byId("retrieval").orElseThrow()));
    RetrievalView view = waitForValue(20, () -> fx(() -> robot.lookup("#retrieval-view").tryQueryAs(RetrievalView.class)
        .filter(v -> v.viewers().size() == 2).orElse(null)));
    for (String m : MODELS) {
      Path run = outputs.resolve("runs").resolve(m).resolve("captions");
      SampleRun.cli("retrieval", "--image-emb", run.resolve("image_embeddings.npy").toString(), "--text-emb",
          run.resolve("text_embeddings.npy").toString(), "--captions", "sample-data/data/captions/captions.csv", "--out",
          tmp.resolve(m).toString());
      JsonNode expected = Json.read(tmp.resolve(m).resolve("retrieval.json")).get("result");
      for (int d = 0; d < 2; d++) {
        var chart = fx(() -> view.viewers()).get(d).getChart();
        var data = ((org.jfree.chart.plot.CategoryPlot) chart.getPlot()).getDataset();
        String dir = d == 0 ? "image_to_text" : "text_to_image";
        for (int k : new int[] {1, 5, 10}) {
          assertEquals(expected.get(dir).get("recall").get("R@" + k).asDouble(), data.getValue("R@" + k, m).doubleValue(), 1e-12,
              m + " " + dir + " R@" + k);
        }
      }
    }

    // caption → images: click a caption whose image is retrieved within the top 5
    fx(() -> {
      view.show(MODELS.get(0), true);
      view.setK(5);
      return null;
    });
    var eval = fx(() -> wb.reportProperty().get().models().get(0).retrieval().get("captions"));
    int[] ranks = eval.result().textToImage().ranks();
    int query = 0;
    while (ranks[query] > 5) query++;
    int q = query;
    fx(() -> {
      view.queries().scrollTo(q);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    Node cell = waitForValue(10, () -> fx(() -> robot.lookup("#retrieval-queries .list-cell").queryAllAs(ListCell.class).stream()
        .filter(c -> c.getIndex() == q && !c.isEmpty()).findFirst().orElse(null)));
    robot.clickOn(cell);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(q, (int) fx(() -> view.queries().getSelectionModel().getSelectedIndex()));
    List<int[]> hits = fx(view::shownHits);
    assertEquals(5, hits.size(), "k = 5 images");
    int own = eval.captions().textToImage()[q];
    assertEquals(1, hits.stream().filter(h -> h[1] == 1).count(), "exactly one ground truth marked");
    assertEquals(own, hits.stream().filter(h -> h[1] == 1).findFirst().orElseThrow()[0], "the marked image is the caption's own");
    assertEquals(own, hits.get(ranks[q] - 1)[0], "at its rank");
    Thread.sleep(800);
    WaitForAsyncUtils.waitForFxEvents();
    SampleRun.snapshot(robot, "retrieval-view.png");

    // image → captions: the image's own captions are marked
    fx(() -> {
      view.show(MODELS.get(0), false);
      view.queries().getSelectionModel().select(0);
      return null;
    });
    List<int[]> caps = fx(view::shownHits);
    assertEquals(5, caps.size());
    for (int[] h : caps) assertEquals(eval.captions().textToImage()[h[0]] == 0 ? 1 : 0, h[1], "caption " + h[0]);

    for (FigureFormat f : FigureFormat.values()) {
      Path out = tmp.resolve("retrieval." + f.extension());
      view.export(out, f);
      assertTrue(Files.size(out) > 1000, out + " has " + Files.size(out) + " bytes");
    }
  }

  private PromptLab.Outcome applied(PromptLabView lab) throws Exception {
    Job<PromptLab.Outcome> job = fx(lab::apply);
    assertNotNull(job);
    waitFor(300, () -> fx(job::isDone));
    assertEquals(Worker.State.SUCCEEDED, fx(job::getState), () -> String.valueOf(job.getException()));
    waitFor(120, () -> fx(() -> lab.outcome() == job.getValue()));
    return fx(job::getValue);
  }

  static void waitFor(double seconds, Callable<Boolean> cond) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (!cond.call()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out after " + seconds + " s");
      Thread.sleep(100);
    }
  }

  static <T> T waitForValue(double seconds, Callable<T> c) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (true) {
      T v = c.call();
      if (v != null) return v;
      if (System.nanoTime() > end) throw new AssertionError("timed out after " + seconds + " s");
      Thread.sleep(100);
    }
  }
}
