package io.clipwb.app.drill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.image.RgbImage;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Npy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-folder row source, sort/filter and thumbnail scaling, without a window. */
class RunFolderRowsTest {
  static Path runFolder(Path dir) {
    // 3 rows x 6 classes; row 2 has an unknown label
    float[][] logits = {
        {1, 5, 2, 0, 0, 3},
        {4, 1, 1, 1, 1, 1},
        {0, 0, 0, 0, 9, 0}};
    Npy.write(dir.resolve("logits.npy"), logits);
    Npy.write(dir.resolve("labels.npy"), new int[] {1, 2, -1});
    AtomicFiles.writeString(dir.resolve("manifest.json"), """
        {"dataset": {"name": "t", "root": "%s"},
         "classes": ["a", "b", "c", "d", "e", "f"],
         "items": [{"id": "x/0.png", "path": "x/0.png", "label": 1, "metadata": {"severity": "3"}},
                   {"id": "1.png", "path": "/abs/1.png", "label": 2},
                   {"id": "2.png", "path": "2.png", "label": -1}]}
        """.formatted(dataRoot(dir).toString().replace("\\", "/")));
    return dir;
  }

  /** The data set's root: an existing folder, as the resolver resolves relative paths only against one that exists. */
  static Path dataRoot(Path runDir) {
    try {
      return java.nio.file.Files.createDirectories(runDir.resolveSibling(runDir.getFileName() + "-data"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static double softmax(float[] z, int c) {
    double s = 0;
    for (float v : z) s += Math.exp(v);
    return Math.exp(z[c]) / s;
  }

  @Test
  void rowsCarryTopFiveProbabilitiesAndResolvedPaths(@TempDir Path dir) {
    RunFolderRows rows = RunFolderRows.load(runFolder(dir));
    assertEquals(3, rows.size());
    DrillItem r0 = rows.row(0);
    assertEquals(dataRoot(dir).resolve("x/0.png"), r0.image(), "relative paths resolve against dataset.root");
    assertEquals("b", r0.trueClass());
    assertEquals("b", r0.predicted());
    assertTrue(r0.correct());
    assertEquals(softmax(new float[] {1, 5, 2, 0, 0, 3}, 1), r0.confidence(), 1e-6);
    assertEquals(List.of("b", "f", "c", "a", "d"), r0.top5().stream().map(DrillItem.ClassProb::name).toList(),
        "ties (d, e at 0) keep the lower class first");
    assertEquals(softmax(new float[] {1, 5, 2, 0, 0, 3}, 5), r0.top5().get(1).probability(), 1e-6);
    assertEquals("3", r0.metadata().get("severity"));
    DrillItem r1 = rows.row(1);
    assertEquals(Path.of("/abs/1.png"), r1.image());
    assertEquals("c", r1.trueClass());
    assertEquals("a", r1.predicted());
    assertFalse(r1.correct());
    DrillItem r2 = rows.row(2);
    assertEquals("?", r2.trueClass());
    assertEquals("e", r2.predicted());
    assertFalse(r2.correct(), "an unknown label is never correct");
    assertThrows(IndexOutOfBoundsException.class, () -> rows.row(3));
  }

  @Test
  void rowSourceLoadsOnceAndForgetsFailures(@TempDir Path dir) throws Exception {
    AtomicInteger loads = new AtomicInteger();
    DrillRowSource source = new DrillRowSource(p -> {
      loads.incrementAndGet();
      return RunFolderRows.load(p);
    }, 1);
    Path run = runFolder(dir.resolve("run"));
    DrillRequest req = new DrillRequest("t", "m", "s", run, new int[] {2, 0, 2});
    List<DrillItem> items = source.resolve(req).get(30, TimeUnit.SECONDS);
    assertEquals(List.of(2, 0, 2), items.stream().map(DrillItem::row).toList());
    source.resolve(req).get(30, TimeUnit.SECONDS);
    assertEquals(1, loads.get(), "a run folder is read once");
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> source.rows(dir.resolve("missing")).get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("missing"), e.getCause().getMessage());
    assertEquals(0, source.cachedRuns(), "capacity 1: the failed load displaced the run, and is not kept itself");
  }

  @Test
  void queryFiltersAndSortsStably() {
    DrillItem a = new DrillItem(0, Path.of("a"), "cat", "cat", 0.9, true, java.util.Map.of(), List.of());
    DrillItem b = new DrillItem(1, Path.of("b"), "dog", "cat", 0.6, false, java.util.Map.of(), List.of());
    DrillItem c = new DrillItem(2, Path.of("c"), "cow", "cow", 0.6, true, java.util.Map.of(), List.of());
    List<DrillItem> all = List.of(c, b, a);
    assertEquals(List.of(a, b, c), DrillQuery.ALL.apply(all));
    assertEquals(List.of(b), new DrillQuery(DrillQuery.Outcome.WRONG, "", DrillQuery.Order.ROW).apply(all));
    assertEquals(List.of(c, b, a), new DrillQuery(DrillQuery.Outcome.ALL, " ", DrillQuery.Order.CONFIDENCE_ASC).apply(all));
    assertEquals(List.of(a, b), new DrillQuery(DrillQuery.Outcome.ALL, "CAT", DrillQuery.Order.PREDICTED_CLASS).apply(all));
    assertEquals(List.of(a, c, b), new DrillQuery(DrillQuery.Outcome.ALL, "", DrillQuery.Order.TRUE_CLASS).apply(all));
  }

  @Test
  void thumbnailScalingAveragesBoxes() {
    RgbImage im = RgbImage.blank(4, 2);
    for (int x = 0; x < 4; x++) {
      for (int y = 0; y < 2; y++) {
        im.set(x, y, 0, x < 2 ? 10 : 200);
        im.set(x, y, 1, 10 * (x + 4 * y));
        im.set(x, y, 2, 255);
      }
    }
    int[] out = ThumbnailService.scale(im, 2, 1);
    // left box: R 10, G mean(0,10,40,50) = 25; right box: R 200, G mean(20,30,60,70) = 45
    assertArrayEquals(new int[] {0xff000000 | 10 << 16 | 25 << 8 | 255, 0xff000000 | 200 << 16 | 45 << 8 | 255}, out);
  }
}
