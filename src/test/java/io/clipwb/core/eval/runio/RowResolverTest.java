package io.clipwb.core.eval.runio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.runfolder.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The row resolver on the committed fixture, checked against the fixture's predictions.csv, which
 * the release before the resolver wrote.
 */
class RowResolverTest {
  static final Path FIXTURE = Path.of("src/test/resources/run-fixture/v1");

  @Test
  void agreesWithTheOldPredictionsCsv() throws Exception {
    RowResolver r = RowResolver.of(RunFolder.read(FIXTURE.resolve("run")), FIXTURE.resolve("data"));
    List<String> lines = Files.readAllLines(FIXTURE.resolve("run/predictions.csv"));
    assertEquals(r.size() + 1, lines.size());
    for (int i = 0; i < r.size(); i++) {
      String[] f = lines.get(i + 1).split(",");
      RowResolver.Row row = r.row(i);
      assertEquals(f[0], row.id());
      assertEquals(f[1], row.labelName());
      assertEquals(f[2], row.predictedName());
      assertEquals(f[1].equals(f[2]), row.correct());
      assertEquals(f[7], String.format(Locale.ROOT, "%.6f", row.confidence()));
      for (int k = 0; k < 5; k++) {
        assertEquals(f[2 + k], row.top().get(k).className());
        assertEquals(f[7 + k], String.format(Locale.ROOT, "%.6f", row.top().get(k).probability()));
      }
      assertTrue(Files.isRegularFile(row.image()), row.image().toString());
    }
    RowResolver.Row heart = r.row(6);
    assertEquals(5, heart.label());
    assertEquals(15, heart.predicted());
    assertFalse(heart.correct());
    assertEquals("heart", heart.metadata().get("shape"));
    assertEquals(6, r.rowOf("images/outline_00005_heart.png").getAsInt());
    assertTrue(r.rowOf("images/broken.png").isEmpty());
  }

  @Test
  void recordedPathsAreKeptWithoutARelocation() {
    RowResolver r = RowResolver.load(FIXTURE.resolve("run"));
    assertEquals(Path.of("/tmp/fx/data/images/00000_circle.png"), r.image(0));
  }
}
