package io.clipwb.core.eval.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.eval.runio.TestRuns;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactorsTest {
  @TempDir Path tmp;

  static String annotation(String file, int cls, String... factors) {
    StringBuilder sb = new StringBuilder("{\"file_name\":\"" + file + "\",\"class\":" + cls);
    for (String f : ImageNetX.FACTORS) sb.append(",\"").append(f).append("\":").append(List.of(factors).contains(f) ? 1 : 0);
    return sb.append(",\"justification\":\"x\",\"one_word\":\"y\"}").toString();
  }

  @Test
  void annotationImportNamesBadLinesAndKeepsTheRest() throws Exception {
    Path f = tmp.resolve("ann.jsonl");
    Files.writeString(f, String.join("\n",
        annotation("a.JPEG", 1, "pose"),
        "{not json",
        annotation("b.JPEG", 2, "pose", "color").replace("\"color\":1", "\"color\":2"),
        "{\"file_name\":\"c.JPEG\"}",
        annotation("d.JPEG", 3, "color"),
        ""));
    ImageNetX.Annotations a = ImageNetX.readAnnotations(f);
    assertEquals(List.of("a.JPEG", "d.JPEG"), a.rows().stream().map(ImageNetX.Annotation::fileName).toList());
    assertEquals(List.of(2, 3, 4), a.problems().stream().map(p -> p.line()).toList());
    assertTrue(a.problems().get(1).reason().contains("color"), a.problems().get(1).reason());
    assertEquals("top", a.variant());
    ImportResult.ImportException e = assertThrows(ImportResult.ImportException.class, () -> ImageNetX.asImport(a).orThrow());
    assertTrue(e.getMessage().contains("ann.jsonl:2"), e.getMessage());
  }

  @Test
  void predictionCsvWithClassOrIsCorrectAndBadRows() throws Exception {
    Path f = tmp.resolve("model.csv");
    Files.writeString(f, String.join("\n",
        "file_name,predicted_class,predicted_probability",
        "a.JPEG,1,0.9",
        "b.JPEG,abc,0.5",
        "c.JPEG,3",
        "d.JPEG,4.0,0.25",
        ""));
    ImportResult<PredictionCsv.Prediction> r = PredictionCsv.read(f);
    assertEquals(List.of("a.JPEG", "d.JPEG"), r.rows().stream().map(PredictionCsv.Prediction::fileName).toList());
    assertEquals(List.of(3, 4), r.problems().stream().map(p -> p.line()).toList());
    assertEquals(4, r.rows().get(1).predictedClass());
    Path g = tmp.resolve("correct.csv");
    Files.writeString(g, "file_name,is_correct\na.JPEG,True\nb.JPEG,false\nc.JPEG,maybe\n");
    ImportResult<PredictionCsv.Prediction> s = PredictionCsv.read(g);
    assertEquals(List.of(true, false), s.rows().stream().map(PredictionCsv.Prediction::isCorrect).toList());
    assertEquals(4, s.problems().get(0).line());
    // round trip
    Path h = tmp.resolve("rt.csv");
    List<PredictionCsv.Prediction> rows = List.of(new PredictionCsv.Prediction(2, "x.JPEG", 7, 0.125, true));
    PredictionCsv.write(h, rows);
    assertEquals(rows, PredictionCsv.read(h).orThrow());
  }

  @Test
  void analysisFollowsImageNetXDefinitions() {
    // rows: (correct, factors, metaclass)
    List<String> ids = List.of("a", "b", "c", "d", "e");
    boolean[] ok = {true, false, true, false, false};
    List<String> names = List.of("pose", "color", "style");
    boolean[][] f = {
        {true, false, false},
        {true, true, false},
        {false, false, false}, // no factor: counts in the average only
        {false, true, false},
        {false, true, false}};
    String[] g = {"dog", "dog", "dog", "bird", "bird"};
    FactorTable t = new FactorTable(ids, ok, names, f, g, new int[] {0, 1, 2, 3, 4});
    FactorAnalysis.Result r = FactorAnalysis.compute(t, new FactorAnalysis.Params("m", "a", "multi", "p"), Cancellation.none());
    assertEquals(0.5, r.factorAccuracy().get("pose"), 0.0);
    assertEquals(0.0, r.factorAccuracy().get("color"), 0.0);
    assertTrue(Double.isNaN(r.factorAccuracy().get("style")));
    assertEquals(0.0, r.factorAccuracy().get("worst_factor"), 0.0);
    assertEquals(0.4, r.factorAccuracy().get("average"), 0.0);
    assertEquals((1 - 0.5) / (1 - 0.4), r.errorRatio().get("pose"), 0.0);
    assertEquals("color", r.worstFactorName());
    assertEquals(List.of("dog", "bird"), new ArrayList<>(r.perGroup().keySet()));
    // bird has no correct image: as in the reference, its factor accuracies are NaN, average 0
    assertTrue(Double.isNaN(r.perGroup().get("bird").factorAccuracy().get("color")));
    assertEquals(0.0, r.perGroup().get("bird").factorAccuracy().get("average"), 0.0);
    assertEquals(2.0 / 3.0, r.perGroup().get("dog").factorAccuracy().get("average"), 0.0);
    assertTrue(java.util.Arrays.equals(new int[] {1, 3, 4}, r.factorRows().get("color")));
  }

  @Test
  void joinDropsPrototypesAndRejectsDuplicates() {
    List<ImageNetX.Annotation> ann = List.of(
        new ImageNetX.Annotation(1, "a", 5, new boolean[16]),
        new ImageNetX.Annotation(2, "b", 6, new boolean[16]),
        new ImageNetX.Annotation(3, "p", 6, new boolean[16]));
    List<PredictionCsv.Prediction> preds = List.of(
        new PredictionCsv.Prediction(2, "a", 5, 0.9, null),
        new PredictionCsv.Prediction(3, "b", 1, 0.9, null),
        new PredictionCsv.Prediction(4, "p", 6, 0.9, null),
        new PredictionCsv.Prediction(5, "zz", 6, 0.9, null));
    ImageNetXJoin.Joined j = ImageNetXJoin.join(ann, preds, null, Set.of("p"));
    assertEquals(2, j.stats().nJoined());
    assertEquals(1, j.stats().nPrototypesRemoved());
    assertEquals(2, j.stats().nPredictionsWithoutAnnotation());
    assertTrue(j.table().correct()[0]);
    assertTrue(!j.table().correct()[1]);
    assertNull(j.table().groups());
    List<PredictionCsv.Prediction> dup = new ArrayList<>(preds);
    dup.add(new PredictionCsv.Prediction(6, "a", 5, 0.9, null));
    assertThrows(IllegalArgumentException.class, () -> ImageNetXJoin.join(ann, dup, null, Set.of()));
  }

  @Test
  void manifestZeroOneColumnsAreFactors() throws Exception {
    List<TestRuns.Row> rows = List.of(
        new TestRuns.Row("a.png", 0, Map.of("occluded", "1", "dark", 0, "view", "front"), TestRuns.logits(2, 0)),
        new TestRuns.Row("b.png", 1, Map.of("occluded", "1", "dark", 1, "view", "side"), TestRuns.logits(2, 0)),
        new TestRuns.Row("c.png", 1, Map.of("occluded", "0", "dark", 0, "view", "side"), TestRuns.logits(2, 1)),
        new TestRuns.Row("d.png", -1, Map.of("occluded", "1", "dark", 1, "view", "side"), TestRuns.logits(2, 1)));
    CachedRun run = CachedRun.load(TestRuns.write(Files.createDirectory(tmp.resolve("run")), List.of("x", "y"), rows));
    List<String> cols = new ArrayList<>(FactorTable.binaryColumns(run));
    Collections.sort(cols);
    assertEquals(List.of("dark", "occluded"), cols);
    FactorTable t = FactorTable.fromRun(run, List.of("occluded", "dark"));
    assertEquals(3, t.size()); // the unlabelled row is left out
    FactorAnalysis.Result r = FactorAnalysis.compute(t, new FactorAnalysis.Params("m", "manifest", "manifest", "run"), Cancellation.none());
    assertEquals(0.5, r.factorAccuracy().get("occluded"), 0.0);
    assertEquals(0.0, r.factorAccuracy().get("dark"), 0.0);
    assertEquals(2.0 / 3.0, r.factorAccuracy().get("average"), 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactorTable.fromRun(run, List.of("view")));
    assertTrue(e.getMessage().contains("'view'"), e.getMessage());
  }

  @Test
  void trendFitsALinePerGroup() {
    List<FactorTrend.ModelPoint> pts = List.of(
        new FactorTrend.ModelPoint("m1", "clip", 0.5, Map.of("pose", 0.4)),
        new FactorTrend.ModelPoint("m2", "clip", 0.7, Map.of("pose", 0.6)),
        new FactorTrend.ModelPoint("m3", "clip", 0.9, Map.of("pose", 0.8)),
        new FactorTrend.ModelPoint("r1", "resnet", 0.6, Map.of("pose", 0.3)));
    FactorTrend.Result r = FactorTrend.compute(pts, List.of("pose"));
    FactorTrend.Fit f = r.fits().get("clip").get("pose");
    assertEquals(1.0, f.slope(), 1e-12);
    assertEquals(-0.1, f.intercept(), 1e-12);
    assertEquals(1.0, f.r2(), 1e-12);
    assertEquals(0.0, f.residuals().get("m2"), 1e-12);
    assertTrue(Double.isNaN(r.fits().get("resnet").get("pose").slope()));
  }

  @Test
  void runPredictionsJoinByFileNameAndExportAsImageNetXCsv() throws Exception {
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) classes.add("c" + i);
    List<TestRuns.Row> rows = List.of(
        new TestRuns.Row("val/n1/a.JPEG", 5, Map.of(), TestRuns.logits(1000, 5)),
        new TestRuns.Row("val/n2/b.JPEG", 6, Map.of(), TestRuns.logits(1000, 7)),
        new TestRuns.Row("val/n2/other.JPEG", 6, Map.of(), TestRuns.logits(1000, 6)));
    CachedRun run = CachedRun.load(TestRuns.write(Files.createDirectory(tmp.resolve("r1000")), classes, rows));
    List<PredictionCsv.Prediction> preds = PredictionCsv.fromRun(run);
    assertEquals("a.JPEG", preds.get(0).fileName());
    assertEquals(7, preds.get(1).predictedClass());
    boolean[] pose = new boolean[16];
    pose[0] = true;
    List<ImageNetX.Annotation> ann = List.of(new ImageNetX.Annotation(1, "a.JPEG", 5, pose), new ImageNetX.Annotation(2, "b.JPEG", 6, pose));
    ImageNetXJoin.Joined j = ImageNetXJoin.join(ann, preds, null, Set.of());
    assertEquals(2, j.stats().nJoined());
    assertEquals(1, j.stats().nPredictionsWithoutAnnotation());
    FactorAnalysis.Result r = FactorAnalysis.compute(j.table(), new FactorAnalysis.Params("m", "a", "top", "run"), Cancellation.none());
    assertEquals(0.5, r.factorAccuracy().get("pose"), 0.0);
    Path csv = tmp.resolve("export.csv");
    PredictionCsv.write(csv, preds);
    assertTrue(Files.readString(csv).startsWith("file_name,predicted_class,predicted_probability,is_correct\na.JPEG,5,"));
    assertEquals(preds.stream().map(PredictionCsv.Prediction::predictedClass).toList(),
        PredictionCsv.read(csv).orThrow().stream().map(PredictionCsv.Prediction::predictedClass).toList());
    CachedRun small = CachedRun.load(TestRuns.write(Files.createDirectory(tmp.resolve("r2")), List.of("x", "y"),
        List.of(new TestRuns.Row("a.png", 0, Map.of(), TestRuns.logits(2, 0)))));
    assertThrows(IllegalArgumentException.class, () -> PredictionCsv.fromRun(small));
  }
}
