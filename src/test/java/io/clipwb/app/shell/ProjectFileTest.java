package io.clipwb.app.shell;

import io.clipwb.app.state.Preferences;
import io.clipwb.app.state.PreferencesStore;
import io.clipwb.app.state.ProjectFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.app.state.ProjectService;
import io.clipwb.core.io.Json;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Project editing without a window: the sample project saved elsewhere reads back through
 * {@code Project.load} with the same entries (paths rewritten relative to the new folder, unknown
 * fields kept, {@code "version": 1}); a new project built from bundle and set folders loads; the
 * preferences survive a round trip; the output folder follows the documented convention.
 */
class ProjectFileTest {
  static final Path SAMPLE = Path.of("sample-data/project.json").toAbsolutePath();

  @Test
  void saveAsElsewhereReadsBackTheSameProject(@TempDir Path tmp) {
    Project p = Project.load(SAMPLE);
    ProjectFile pf = ProjectFile.of(p);
    Path target = tmp.resolve("copy/project.json");
    pf.save(target);
    assertFalse(pf.dirty());
    Project q = Project.load(target);
    assertEquals(p.name(), q.name());
    assertEquals(p.bundles(), q.bundles());
    assertEquals(p.datasets(), q.datasets());
    JsonNode raw = Json.read(target);
    assertEquals(1, raw.get("version").asInt());
    assertEquals("data/sample-world.json", raw.get("world").asText(), "unknown fields are kept");
    assertTrue(raw.get("bundles").get(0).get("path").asText().startsWith("../"), raw.get("bundles").get(0).toString());
    assertTrue(raw.get("datasets").get(10).has("captions"), "a set's unknown fields are kept");
  }

  @Test
  void promptSetsAreSavedAndReadBack(@TempDir Path tmp) {
    ProjectFile pf = ProjectFile.of(Project.load(SAMPLE));
    assertTrue(pf.promptSets().isEmpty(), "the sample has none");
    pf.putPromptSet("shapes", List.of("a drawing of a {c}.", "a {c} shape."));
    assertTrue(pf.dirty());
    Path target = tmp.resolve("copy/project.json");
    pf.save(target);
    JsonNode raw = Json.read(target);
    assertEquals("a {c} shape.", raw.get("prompt_sets").get("shapes").get(1).asText());
    assertEquals(1, raw.get("version").asInt(), "the field needs no new version: older readers ignore it");
    Project q = Project.load(target);
    assertEquals(Project.load(SAMPLE).datasets(), q.datasets(), "the caption file's path is rewritten relative to the new folder");
    ProjectFile again = ProjectFile.of(q);
    assertEquals(java.util.Map.of("shapes", List.of("a drawing of a {c}.", "a {c} shape.")), again.promptSets());
    assertThrows(ProjectException.class, () -> again.putPromptSet("empty", List.of()));
  }

  @Test
  void newProjectFromFolders(@TempDir Path tmp) {
    ProjectFile pf = ProjectFile.create("two models");
    pf.addBundle("vit", SAMPLE.resolveSibling("bundles/vit-default"));
    pf.addBundle("rn", SAMPLE.resolveSibling("bundles/rn-default"));
    pf.addDataset("test", Project.ROLE_ID, SAMPLE.resolveSibling("data/test/manifest.csv"), null);
    pf.addDataset("dark", Project.ROLE_SHIFT, SAMPLE.resolveSibling("data/dark/manifest.csv"), null);
    assertThrows(ProjectException.class, () -> pf.addBundle("vit", SAMPLE.resolveSibling("bundles/vit-small")));
    assertThrows(ProjectException.class, () -> pf.addDataset("test2", Project.ROLE_ID, SAMPLE.resolveSibling("data/test/manifest.csv"), null));
    pf.save(tmp.resolve("project.json"));
    Project q = Project.load(tmp.resolve("project.json"));
    assertEquals(List.of("vit", "rn"), q.bundles().stream().map(Project.BundleEntry::name).toList());
    assertEquals("dark", q.withRole(Project.ROLE_SHIFT).get(0).name());
    pf.remove("rn");
    assertTrue(pf.dirty());
    assertEquals(1, pf.project().bundles().size());
  }

  @Test
  void preferencesRoundTripAndOutputFolder(@TempDir Path tmp) {
    PreferencesStore store = new PreferencesStore(tmp);
    assertEquals(Preferences.defaults(), store.load());
    Preferences p = Preferences.defaults().withSettings("/x/cache", null, "cpu", 3, 16, "dark",
        new io.clipwb.app.export.FigureStyle(120, 80, 600, "DejaVu Serif", 9)).withProjectOpened(SAMPLE);
    store.save(p);
    Preferences q = store.load();
    assertEquals(p, q);
    assertEquals(Path.of("/x/cache"), q.cacheRoot());
    assertEquals(SAMPLE.toString(), q.recentProjects().get(0));
    Path out = ProjectService.outputsFor(tmp, Project.load(SAMPLE));
    assertTrue(out.getFileName().toString().matches("clipwb_sample_lab-[0-9a-f]{8}"), out.toString());
    assertEquals(tmp.resolve("projects"), out.getParent());
  }
}
