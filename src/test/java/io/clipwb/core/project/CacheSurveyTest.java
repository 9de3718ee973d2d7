package io.clipwb.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import io.clipwb.djl.DjlClipModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run dialog's "images already cached" counts equal what a run then takes from the cache. */
class CacheSurveyTest {
  @Test
  void countsWhatARunWillTakeFromTheCache(@TempDir Path tmp) throws Exception {
    Project p = Project.load(ProjectReportPartialTest.project(tmp, ""));
    Path cache = tmp.resolve("cache");
    // totals from the manifests themselves (one line per image after the header), not from our reader
    int test = (int) Files.lines(Path.of("sample-data/data/test/manifest.csv")).skip(1).filter(l -> !l.isBlank()).count();
    List<CacheSurvey.Count> before = CacheSurvey.count(p, cache, Cancellation.none());
    assertEquals(3 * 3, before.size(), "3 models x 3 classification sets");
    before.forEach(c -> assertEquals(0, c.cached(), c.toString()));
    assertEquals(test, before.stream().filter(c -> c.set().equals("test")).findFirst().orElseThrow().total());

    ProjectRun.Summary s = ProjectRun.execute(p, ProjectParams.defaults().withSelection(List.of("a"), List.of("test")),
        DjlClipModel::load, cache, Map.of(), tmp.resolve("out"), Progress.NONE, Cancellation.none());
    int computed = s.runs().stream().filter(r -> r.model().equals("a") && r.set().equals("test")).findFirst().orElseThrow().computed();
    assertEquals(test, computed);

    for (CacheSurvey.Count c : CacheSurvey.count(p, cache, Cancellation.none())) {
      int expected = c.model().equals("a") && c.set().equals("test") ? test : 0;
      assertEquals(expected, c.cached(), c.toString());
    }
  }
}
