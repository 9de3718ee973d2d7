package io.clipwb.core.eval.shapebias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.runio.TestRuns;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import io.clipwb.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CueConflictRunTest {
  @TempDir Path tmp;

  static final List<String> CATS = List.of("airplane", "bear", "bicycle", "bird", "boat", "bottle", "car", "cat",
      "chair", "clock", "dog", "elephant", "keyboard", "knife", "oven", "truck");

  static SixteenClassMapping mapping() {
    // a small stand-in for model-vs-human's mapping: category k <- ImageNet indices {10k, 10k+1}
    Map<String, int[]> m = new HashMap<>();
    for (int k = 0; k < CATS.size(); k++) m.put(CATS.get(k), new int[] {10 * k, 10 * k + 1});
    return new SixteenClassMapping(m);
  }

  @Test
  void direct16RunGivesShapeBiasAndStimulusAccuracy() throws Exception {
    // run classes in a different order than the sorted categories, to check the column mapping
    List<String> classes = new ArrayList<>(CATS);
    java.util.Collections.reverse(classes);
    int cat = classes.indexOf("cat");
    int dog = classes.indexOf("dog");
    int knife = classes.indexOf("knife");
    List<TestRuns.Row> rows = List.of(
        new TestRuns.Row("cue/cat/cat1-dog1.png", cat, Map.of(), TestRuns.logits(16, cat)),      // shape
        new TestRuns.Row("cue/cat/cat2-dog2.png", cat, Map.of(), TestRuns.logits(16, dog)),      // texture
        new TestRuns.Row("cue/cat/cat3-knife1.png", cat, Map.of(), TestRuns.logits(16, knife)),  // texture
        new TestRuns.Row("cue/cat/cat4-cat1.png", cat, Map.of(), TestRuns.logits(16, cat)),      // no conflict
        new TestRuns.Row("edges/dog/dog1.png", dog, Map.of(), TestRuns.logits(16, dog)),
        new TestRuns.Row("edges/dog/dog2.png", dog, Map.of(), TestRuns.logits(16, cat)),
        new TestRuns.Row("filled-silhouettes/knife/knife1.png", knife, Map.of(), TestRuns.logits(16, knife)),
        new TestRuns.Row("misc/photo.png", -1, Map.of(), TestRuns.logits(16, knife)));
    Path dir = TestRuns.write(Files.createDirectory(tmp.resolve("run16")), classes, rows);
    CachedRun run = CachedRun.load(dir);
    CueConflictRun.Result r = CueConflictRun.compute(run, mapping(), new CueConflictRun.Params(null, null), Progress.NONE, Cancellation.none());
    assertEquals("direct-16", r.decisionMode());
    assertEquals("direct-16", r.shapeBias().params().decisionMode());
    assertEquals(0.25, r.shapeBias().fractionCorrectShape(), 0.0);
    assertEquals(0.5, r.shapeBias().fractionCorrectTexture(), 0.0);
    assertEquals(1.0 / 3.0, r.shapeBias().shapeBias(), 1e-15);
    assertEquals(0.5, r.stimulusAccuracy().get("edges").accuracy(), 0.0);
    assertEquals(List.of(4, 5), r.stimulusAccuracy().get("edges").rows());
    assertEquals(1.0, r.stimulusAccuracy().get("filled-silhouettes").accuracy(), 0.0);
    assertEquals(1, r.nSkipped());
    List<Path> files = CueConflictRun.write(r, tmp.resolve("out"));
    assertTrue(files.stream().allMatch(Files::isRegularFile));
    // our exported model-vs-human CSV gives the same shape bias when read back
    List<Trial> back = MvhCsv.read(tmp.resolve("out/mvh_cue-conflict.csv")).orThrow();
    assertEquals(4, back.size());
    assertEquals("test-model", back.get(0).subj());
    assertEquals(r.shapeBias().shapeBias(), ShapeBias.compute(back, ShapeBias.Params.of("x", "y"), Cancellation.none()).shapeBias(), 0.0);
  }

  @Test
  void imagenet1000RunUsesMeanProbabilityMapping() throws Exception {
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) classes.add("c" + i);
    float[] l = new float[1000];
    // category "airplane" (indices 0, 1): one very likely index; "bear" (10, 11): two fairly likely
    l[0] = 5f; l[1] = -20f; l[10] = 4.6f; l[11] = 4.6f;
    List<TestRuns.Row> rows = List.of(new TestRuns.Row("cue/airplane/airplane1-bear2.png", 0, Map.of(), l));
    CachedRun run = CachedRun.load(TestRuns.write(Files.createDirectory(tmp.resolve("run1000")), classes, rows));
    CueConflictRun.Result r = CueConflictRun.compute(run, mapping(), new CueConflictRun.Params(null, "clip"), Progress.NONE, Cancellation.none());
    assertEquals("imagenet-1000-mean", r.decisionMode());
    // mean(airplane) = (p0 + ~0)/2 < mean(bear) = p10 since p10 = p0 * e^-0.4 > p0 / 2
    assertEquals("bear", r.decisions().get(0).response());
    assertEquals("texture", r.shapeBias().trials().get(0).outcome());
    assertThrows(IllegalArgumentException.class, () -> CueConflictRun.compute(run, mapping(),
        new CueConflictRun.Params(CueConflictRun.Mode.DIRECT_16, null), Progress.NONE, Cancellation.none()));
  }

  @Test
  void runWithOtherClassesIsRejectedClearly() throws Exception {
    List<TestRuns.Row> rows = List.of(new TestRuns.Row("a/cat1-dog1.png", 0, Map.of(), new float[] {1, 0}));
    CachedRun run = CachedRun.load(TestRuns.write(Files.createDirectory(tmp.resolve("r2")), List.of("x", "y"), rows));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        CueConflictRun.compute(run, mapping(), new CueConflictRun.Params(null, null), Progress.NONE, Cancellation.none()));
    assertTrue(e.getMessage().contains("neither the 16"), e.getMessage());
  }

  @Test
  void realStimulusLayoutIsRecognised() throws Exception {
    Path root = Shared.path("data/texture-vs-shape");
    List<Path> files;
    try (var w = Files.walk(root)) {
      files = w.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    java.util.Random rnd = new java.util.Random(42);
    List<TestRuns.Row> rows = new ArrayList<>();
    for (Path f : files) {
      float[] l = new float[16];
      for (int k = 0; k < 16; k++) l[k] = (float) rnd.nextGaussian();
      rows.add(new TestRuns.Row(root.relativize(f).toString(), -1, Map.of(), l));
    }
    CachedRun run = CachedRun.load(TestRuns.write(Files.createDirectory(tmp.resolve("real")), CATS, rows));
    CueConflictRun.Result r = CueConflictRun.compute(run, SixteenClassMapping.fromShared(), new CueConflictRun.Params(null, null),
        Progress.NONE, Cancellation.none());
    assertEquals(0, r.nSkipped());
    assertEquals(1280, r.shapeBias().overall().nTrials());
    assertEquals(80, r.shapeBias().overall().nNoConflict());
    assertEquals(160, r.stimulusAccuracy().get("edges").n());
    assertEquals(160, r.stimulusAccuracy().get("filled-silhouettes").n());
    assertEquals(16, r.stimulusAccuracy().get("edges").perCategory().size());
    for (CueConflictRun.Decision d : r.decisions()) {
      String folder = Path.of(d.path()).getParent().getFileName().toString();
      assertEquals(folder, d.category(), d.path());
    }
  }
}
