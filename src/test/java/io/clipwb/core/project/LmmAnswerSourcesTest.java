package io.clipwb.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code lmm_answers} list of {@code project.json}. */
class LmmAnswerSourcesTest {
  @Test
  void theSampleListsItsSyntheticAnswers() {
    List<LmmAnswerSources.Source> s = LmmAnswerSources.read(Project.load(Path.of("sample-data/project.json")));
    assertEquals(1, s.size());
    LmmAnswerSources.Source a = s.get(0);
    assertTrue(a.synthetic());
    assertEquals("sample-vit-default", a.clipModel());
    assertEquals("test", a.set());
    assertEquals("plain", a.format());
    assertTrue(Files.isRegularFile(a.file()) && a.file().isAbsolute(), a.file().toString());
  }

  @Test
  void absentIsEmptyAndAMissingFileIsNamed(@TempDir Path tmp) throws Exception {
    Path sample = Path.of("sample-data").toAbsolutePath();
    String base = "{\"name\": \"t\", \"bundles\": [{\"name\": \"m\", \"path\": \"" + sample.resolve("bundles/vit-small") + "\"}],"
        + " \"datasets\": [{\"name\": \"test\", \"role\": \"in-distribution\", \"manifest\": \"" + sample.resolve("data/test/manifest.csv") + "\"}]";
    Path p = tmp.resolve("project.json");
    Files.writeString(p, base + "}");
    assertEquals(List.of(), LmmAnswerSources.read(Project.load(p)));
    Files.writeString(p, base + ", \"lmm_answers\": [{\"file\": \"nope.jsonl\"}]}");
    ProjectException e = assertThrows(ProjectException.class, () -> LmmAnswerSources.read(Project.load(p)));
    assertTrue(e.getMessage().contains("lmm_answers[0].file") && e.getMessage().contains("nope.jsonl"), e.getMessage());
    Files.writeString(tmp.resolve("a.jsonl"), "{}\n");
    Files.writeString(p, base + ", \"lmm_answers\": [{\"file\": \"a.jsonl\"}]}");
    LmmAnswerSources.Source s = LmmAnswerSources.read(Project.load(p)).get(0);
    assertEquals("test", s.set(), "defaults to the in-distribution set");
    assertEquals("auto", s.format());
  }
}
