package io.clipwb.core.eval.shapebias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeBiasTest {
  @TempDir Path tmp;

  @Test
  void textureCategoryFollowsModelVsHumanParsing() {
    assertEquals("bird", CueConflictNames.textureCategory("XXX_dog10-bird2.png"));
    assertEquals("bicycle", CueConflictNames.textureCategory("airplane1-bicycle2.png"));
    assertEquals("cat", CueConflictNames.textureCategory("0001_cl_s01_knife3-cat10.png"));
    assertEquals(new CueConflictNames.ShapeTexture("knife", "cat"), CueConflictNames.parse("0001_cl_knife3-cat10.png").orElseThrow());
    assertTrue(CueConflictNames.parse("cat10.png").isEmpty());
  }

  @Test
  void recipeRemovesNoConflictRowsFromNumeratorsOnly() {
    // 4 trials: shape, texture, other, no-conflict (answered with the shared class)
    List<Trial> t = List.of(
        Trial.ofDecision("m", 1, "cat", "cat", "cat1-dog1.png"),
        Trial.ofDecision("m", 2, "dog", "cat", "cat2-dog3.png"),
        Trial.ofDecision("m", 3, "car", "cat", "cat3-knife1.png"),
        Trial.ofDecision("m", 4, "cat", "cat", "cat4-cat2.png"));
    ShapeBias.Result r = ShapeBias.compute(t, ShapeBias.Params.of("t", "as given"), Cancellation.none());
    assertEquals(0.25, r.fractionCorrectShape(), 0.0);
    assertEquals(0.25, r.fractionCorrectTexture(), 0.0);
    assertEquals(0.5, r.shapeBias(), 0.0);
    assertEquals(List.of("shape", "texture", "other", "no-conflict"), r.trials().stream().map(ShapeBias.TrialOutcome::outcome).toList());
  }

  @Test
  void groupWithoutShapeOrTextureDecisionsIsNaN() {
    List<Trial> t = List.of(Trial.ofDecision("m", 1, "car", "cat", "cat1-dog1.png"));
    assertTrue(Double.isNaN(ShapeBias.compute(t, ShapeBias.Params.of("t", "x"), Cancellation.none()).shapeBias()));
    assertThrows(IllegalArgumentException.class, () -> ShapeBias.compute(List.of(), ShapeBias.Params.of("t", "x"), Cancellation.none()));
  }

  @Test
  void mvhCsvImportKeepsGoodRowsAndNamesBadLines() throws Exception {
    Path f = tmp.resolve("human.csv");
    Files.writeString(f, String.join("\n",
        "subj,session,trial,rt,object_response,category,condition,imagename",
        "subject-01,1,1,812.3,cat,cat,0,0001_cl_s01_cat1-dog1.png",
        "subject-01,1,2,700,dog,cat,0",                                   // line 3: missing field
        "subject-01,1,3,650,,cat,0,0003_cl_s01_cat3-knife1.png",          // line 4: empty response
        "subject-01,1,4,640,\"knife\",cat,0,0004_cl_s01_cat4-knife2.png", // quoted field is fine
        ""));
    ImportResult<Trial> r = MvhCsv.read(f);
    assertEquals(2, r.rows().size());
    assertEquals(List.of(3, 4), r.problems().stream().map(p -> p.line()).toList());
    assertTrue(r.problems().get(0).toString().contains("human.csv:3"), r.problems().get(0).toString());
    assertTrue(r.problems().get(1).reason().contains("object_response"));
    ImportResult.ImportException e = assertThrows(ImportResult.ImportException.class, r::orThrow);
    assertTrue(e.getMessage().contains(":3:") && e.getMessage().contains(":4:"), e.getMessage());
    assertEquals("knife", r.rows().get(1).objectResponse());
  }

  @Test
  void mvhCsvWithColumnsInAnotherOrderAndMissingRequiredColumn() throws Exception {
    Path f = tmp.resolve("reordered.csv");
    Files.writeString(f, "imagename,object_response,category\ncat1-dog1.png,dog,cat\n");
    ImportResult<Trial> r = MvhCsv.read(f);
    assertEquals("dog", r.orThrow().get(0).objectResponse());
    Path g = tmp.resolve("nocat.csv");
    Files.writeString(g, "imagename,object_response\ncat1-dog1.png,dog\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MvhCsv.read(g));
    assertTrue(e.getMessage().contains("nocat.csv") && e.getMessage().contains("category"), e.getMessage());
  }

  @Test
  void mvhCsvRoundTrip() {
    List<Trial> t = List.of(Trial.ofDecision("clip, ViT-B/32", 1, "cat", "cat", "cat1-dog1.png"),
        new Trial("s", "2", "7", "123.5", "dog", "cat", "c", "x_cat2-dog2.png"));
    Path f = tmp.resolve("rt.csv");
    MvhCsv.write(f, t);
    assertEquals(t, MvhCsv.read(f).orThrow());
  }

  @Test
  @Tag("reference")
  void pairwiseSumMatchesNumpyOrderAndTiesGoToLaterCategory() {
    double[] a = new double[300];
    for (int i = 0; i < a.length; i++) a[i] = 1.0 / (i + 1);
    // numpy 1.24: np.add.reduce(a) = 6.282663880299504; a sequential loop gives ...502
    assertEquals(6.282663880299504, SixteenClassMapping.pairwiseSum(a, 0, a.length), 0.0);
    assertEquals(1, SixteenClassMapping.argmaxLastOnTie(new double[] {0.5, 0.5, 0.1}));
    SixteenClassMapping m = new SixteenClassMapping(Map.of("b", new int[] {0, 1}, "a", new int[] {2}));
    double[] p = new double[1000];
    p[0] = 0.4; p[1] = 0.0; p[2] = 0.2; // means: a 0.2, b 0.2 -> tie -> later category "b"
    assertEquals("b", m.decide(p));
    p[2] = 0.21;
    assertEquals("a", m.decide(p));
  }
}
