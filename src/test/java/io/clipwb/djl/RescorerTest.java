package io.clipwb.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clipwb.core.data.Dataset;
import io.clipwb.core.data.Datasets;
import io.clipwb.core.eval.zeroshot.ZeroShot;
import io.clipwb.core.io.Npy;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.TestBundles;
import io.clipwb.core.run.ImageEmbedder;
import io.clipwb.core.run.Rescorer;
import io.clipwb.core.run.TestImages;
import io.clipwb.core.run.ZeroShotRun;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-scoring a run with template set B from its cached image embeddings gives exactly what a fresh
 * full zero-shot run with set B gives (tiny ViT bundle, seeded images), with the text tower alone.
 */
class RescorerTest {
  private static String savedHashCache;

  @TempDir Path tmp;

  @BeforeAll
  static void noDiskDigestCache() {
    savedHashCache = System.getProperty("clipwb.hashCache");
    System.setProperty("clipwb.hashCache", "off");
  }

  @AfterAll
  static void restore() {
    if (savedHashCache == null) System.clearProperty("clipwb.hashCache");
    else System.setProperty("clipwb.hashCache", savedHashCache);
  }

  @Test
  void rescoringEqualsAFreshRunWithTheNewTemplates() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 3, 4);
    Dataset ds = Datasets.open(data, Optional.empty());
    assertEquals(3, ds.classes().size());
    Bundle bundle = BundleLoader.load(TestBundles.fixture("tiny-vit"));
    Path cache = tmp.resolve("cache");
    List<String> setA = List.of("a photo of a {c}.");
    List<String> setB = List.of("a drawing of a {c}.", "itap of the {c}.", "a {c} in the dark.");
    Path runA = tmp.resolve("runA");
    Path runB = tmp.resolve("runB");
    try (ClipModel full = DjlClipModel.load(bundle)) {
      ZeroShotRun.execute(spec(ds, "A", setA, cache), full, runA, Progress.NONE, Cancellation.none());
    }

    Rescorer.Result r;
    try (ClipModel text = DjlClipModel.loadTextOnly(bundle)) {
      assertFalse(((DjlClipModel) text).hasImageTower());
      assertThrows(IllegalStateException.class, text::newImageEncoder);
      r = Rescorer.rescore(runA, null, setB, text, cache, Progress.NONE, Cancellation.none());
      assertEquals(3 * 3, r.promptsComputed(), "the nine new prompts were encoded");
      Rescorer.Result again = Rescorer.rescore(runA, null, setB, text, cache, Progress.NONE, Cancellation.none());
      assertEquals(0, again.promptsComputed(), "second time every prompt comes from the text cache");
    }

    try (ClipModel full = DjlClipModel.load(bundle)) {
      ZeroShotRun.execute(spec(ds, "B", setB, cache), full, runB, Progress.NONE, Cancellation.none());
    }
    float[][] want = Npy.read(runB.resolve("logits.npy")).asFloatMatrix();
    assertEquals(want.length, r.logits().length);
    for (int i = 0; i < want.length; i++) assertArrayEquals(want[i], r.logits()[i], "row " + i);
    assertArrayEquals(Npy.read(runB.resolve("labels.npy")).asIntVector(), r.labels());
    float[][] weights = Npy.read(runB.resolve("text_embeddings.npy")).asFloatMatrix();
    for (int c = 0; c < weights.length; c++) assertArrayEquals(weights[c], r.classWeights()[c]);
    ZeroShot.Metrics fresh = ZeroShot.metrics(want, r.labels());
    assertEquals(fresh, r.metrics());
    assertEquals(setB, r.templates());

    float[][] a = Npy.read(runA.resolve("logits.npy")).asFloatMatrix();
    assertFalse(Arrays.equals(a[0], r.logits()[0]), "set B scores differ from set A");
  }

  @Test
  void newClassNamesMustKeepTheCount() throws Exception {
    Path data = TestImages.folder(tmp.resolve("data"), 2, 2);
    Dataset ds = Datasets.open(data, Optional.empty());
    Bundle bundle = BundleLoader.load(TestBundles.fixture("tiny-vit"));
    Path cache = tmp.resolve("cache");
    Path run = tmp.resolve("run");
    try (ClipModel full = DjlClipModel.load(bundle)) {
      ZeroShotRun.execute(spec(ds, "A", List.of("{c}"), cache), full, run, Progress.NONE, Cancellation.none());
      Rescorer.Result renamed = Rescorer.rescore(run, List.of("cat", "dog"), null, full, cache, Progress.NONE, Cancellation.none());
      assertEquals(List.of("cat", "dog"), renamed.classNames());
      assertEquals(List.of("{c}"), renamed.templates(), "templates default to the run's");
      assertEquals(2, renamed.promptsComputed(), "two new prompts");
      assertThrows(IllegalArgumentException.class,
          () -> Rescorer.rescore(run, List.of("cat"), null, full, cache, Progress.NONE, Cancellation.none()));
    }
  }

  private static ZeroShotRun.Spec spec(Dataset ds, String name, List<String> templates, Path cache) {
    return new ZeroShotRun.Spec(ds, name, templates, cache, new ImageEmbedder.Options(4, 1), Map.of());
  }
}
