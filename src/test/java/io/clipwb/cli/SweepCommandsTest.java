package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.sweep.SweepPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clipwb sweep plan} and {@code clipwb cache import} as a user calls them: the plan lists
 * every image of the chosen sets the cache lacks, with the cluster's paths and a copied bundle, and
 * lists nothing once a project run filled the cache; an import of an unfinished sweep folder
 * imports nothing and says so with exit code 1. (The Spark job between the two is tested in
 * {@code spark/}: SparkSweepTest.)
 */
class SweepCommandsTest {
  @Test
  void planListsWhatTheCacheLacksAsTheClusterSeesIt(@TempDir Path tmp) throws Exception {
    Path cache = tmp.resolve("cache");
    Path plan = tmp.resolve("plan");
    Path data = Path.of("sample-data").toAbsolutePath();
    EvalCommandsTest.Run r = EvalCommandsTest.run("sweep", "plan", "--project", ProjectCommandTest.PROJECT.toString(), "--out",
        plan.toString(), "--cache", cache.toString(), "--bundles", "sample-vit-small", "--datasets", "dark", "--copy-bundles",
        "--path-map", data + "=/mnt/cluster/sample");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("640 images"), r.err());
    SweepPlan.Plan p = SweepPlan.read(plan);
    assertEquals(1, p.models().size());
    SweepPlan.Model m = p.models().get(0);
    assertEquals(640, m.images());
    assertEquals(List.of("test", "dark"), m.sets().stream().map(SweepPlan.SetCount::set).toList());
    assertTrue(m.bundleCopied());
    assertTrue(Files.isRegularFile(plan.resolve(m.bundle()).resolve("bundle.json")), m.bundle());
    List<String> lines = Files.readAllLines(plan.resolve(m.imagesFile()));
    assertEquals(640, lines.size());
    SweepPlan.Image first = SweepPlan.parseLine(lines.get(0));
    assertTrue(first.path().startsWith("/mnt/cluster/sample/data/"), first.path());
    Path localFile = data.resolve(first.path().substring("/mnt/cluster/sample/".length()));
    assertEquals(Files.size(localFile), first.size());
    assertEquals(64, first.key().length());
    JsonNode raw = Json.read(plan.resolve("plan.json"));
    assertTrue(raw.get("text_embeddings").asText().contains("desktop"));

    // once a project run filled the cache, nothing is left to plan
    EvalCommandsTest.Run run = EvalCommandsTest.run("project", "run", ProjectCommandTest.PROJECT.toString(), "--out", tmp.resolve("out").toString(),
        "--cache", cache.toString(), "--bundles", "sample-vit-small", "--datasets", "dark");
    assertEquals(0, run.code(), run.err());
    EvalCommandsTest.Run again = EvalCommandsTest.run("sweep", "plan", "--project", ProjectCommandTest.PROJECT.toString(), "--out",
        plan.toString(), "--cache", cache.toString(), "--bundles", "sample-vit-small", "--datasets", "dark");
    assertEquals(0, again.code(), again.err());
    assertEquals(0, SweepPlan.read(plan).images());
  }

  @Test
  void importOfAnUnfinishedSweepImportsNothing(@TempDir Path tmp) throws Exception {
    Path sweep = tmp.resolve("sweep");
    Files.createDirectories(sweep.resolve("0123456789abcdef/images"));
    Files.write(sweep.resolve("0123456789abcdef/images/shard-x.npy"), new byte[] {1, 2, 3});
    EvalCommandsTest.Run r = EvalCommandsTest.run("cache", "import", "--from", sweep.toString(), "--cache", tmp.resolve("cache").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("unfinished"), r.err());
    assertTrue(r.err().contains("imported 0 shards"), r.err());
  }
}
