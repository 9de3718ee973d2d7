package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that must be refused (exit code, a message naming the file or field, no result files) and
 * results that would look valid but are not, through {@code clipwb eval} and {@code clipwb project run}
 * on the sample model.
 */
class BadInputCommandsTest {
  static final String MODEL = "sample-data/bundles/vit-default";
  static final Path TEST = Path.of("sample-data/data/test");

  /** A manifest folder with {@code n} sample test images (labelled) and the class list. */
  static Path dataFolder(Path dir, int n) throws Exception {
    Files.createDirectories(dir.resolve("img"));
    Files.copy(TEST.resolve("classes.json"), dir.resolve("classes.json"));
    List<String> lines = Files.readAllLines(TEST.resolve("manifest.csv"));
    StringBuilder m = new StringBuilder("path,label\n");
    for (int i = 1; i <= n; i++) {
      String[] f = lines.get(i).split(",");
      Path src = TEST.resolve(f[0]);
      Files.copy(src, dir.resolve("img").resolve(src.getFileName()));
      m.append("img/").append(src.getFileName()).append(',').append(f[1]).append('\n');
    }
    Files.writeString(dir.resolve("m.csv"), m);
    return dir.resolve("m.csv");
  }

  static boolean empty(Path dir) throws Exception {
    if (!Files.exists(dir)) return true;
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static EvalCommandsTest.Run eval(Path data, Path out, Path cache, String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("eval", "--model", MODEL, "--data", data.toString(), "--out", out.toString(),
        "--cache", cache.toString(), "--batch", "4", "--decode-threads", "1"));
    a.addAll(List.of(extra));
    return EvalCommandsTest.run(a.toArray(String[]::new));
  }

  @Test
  void containmentIsRefusedThenAllowedByTheOptionAndByTheProject(@TempDir Path tmp) throws Exception {
    Path m = dataFolder(tmp.resolve("data"), 4);
    Files.createDirectories(tmp.resolve("elsewhere"));
    Files.copy(tmp.resolve("data/img").resolve(Files.list(tmp.resolve("data/img")).sorted().findFirst().orElseThrow().getFileName()),
        tmp.resolve("elsewhere/outside.png"));
    Files.writeString(m, Files.readString(m) + "../elsewhere/outside.png,0\n");
    Path out = tmp.resolve("out");
    EvalCommandsTest.Run r = eval(m, out, tmp.resolve("cache"));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(m + " line 6: path '../elsewhere/outside.png' resolves outside the manifest's folder"), r.err());
    assertTrue(empty(out) && empty(tmp.resolve("cache")), "nothing written");

    EvalCommandsTest.Run ok = eval(m, out, tmp.resolve("cache"), "--allow-outside-root");
    assertEquals(0, ok.code(), ok.err());
    assertEquals(5, Json.read(out.resolve("manifest.json")).get("items").size());

    String project = """
        {"name": "p", %s "bundles": [{"name": "vit", "path": "%s"}],
         "datasets": [{"name": "test", "role": "in-distribution", "manifest": "%s"}]}""";
    Files.writeString(tmp.resolve("project.json"), project.formatted("", Path.of(MODEL).toAbsolutePath(), m));
    EvalCommandsTest.Run p = EvalCommandsTest.run("project", "run", tmp.resolve("project.json").toString(), "--out",
        tmp.resolve("pout").toString(), "--cache", tmp.resolve("cache").toString());
    assertEquals(2, p.code(), p.err());
    assertTrue(p.err().contains("data set \"test\"") && p.err().contains("--allow-outside-root"), p.err());
    assertTrue(empty(tmp.resolve("pout")), "nothing written");
    Files.writeString(tmp.resolve("project.json"), project.formatted("\"allow_outside_root\": true,", Path.of(MODEL).toAbsolutePath(), m));
    EvalCommandsTest.Run p2 = EvalCommandsTest.run("project", "run", tmp.resolve("project.json").toString(), "--out",
        tmp.resolve("pout").toString(), "--cache", tmp.resolve("cache").toString());
    assertEquals(0, p2.code(), p2.err());
  }

  @Test
  void aRunWithNoImageEmbeddedIsAnErrorAndWritesNoResults(@TempDir Path tmp) throws Exception {
    Path m = dataFolder(tmp.resolve("data"), 3);
    // every row names a file that is not there
    Files.writeString(m, Files.readString(m).replace("img/", "missing/"));
    Path out = tmp.resolve("out");
    EvalCommandsTest.Run r = eval(m, out, tmp.resolve("cache"));
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("no image of data set m could be embedded (3 of 3 failed"), r.err());
    assertTrue(r.err().contains("file not found"), r.err());
    assertTrue(empty(out), "no result files");
  }

  @Test
  void aSecretNamedAsAnImageIsFailedWithoutQuotingIt(@TempDir Path tmp) throws Exception {
    Path m = dataFolder(tmp.resolve("data"), 2);
    Files.writeString(tmp.resolve("data/img/secret.png"), "root:x:0:0:root:/root:/bin/bash\n");
    Files.writeString(m, Files.readString(m) + "img/secret.png,0\n");
    Path out = tmp.resolve("out");
    EvalCommandsTest.Run r = eval(m, out, tmp.resolve("cache"));
    assertEquals(0, r.code(), r.err());
    String manifest = Files.readString(out.resolve("manifest.json"));
    JsonNode failed = Json.read(out.resolve("manifest.json")).get("failed");
    assertEquals(1, failed.size());
    assertTrue(failed.get(0).get("reason").asText().contains("not an image"), failed.toString());
    assertFalse(manifest.contains("root:") || r.err().contains("root:"), "the file's content is never echoed");
  }

  @Test
  void mostRowsFailingGivesALoudWarningWithTheCount(@TempDir Path tmp) throws Exception {
    Path m = dataFolder(tmp.resolve("data"), 2);
    Files.writeString(m, Files.readString(m) + "gone1.png,0\ngone2.png,0\ngone3.png,1\n");
    EvalCommandsTest.Run r = eval(m, tmp.resolve("out"), tmp.resolve("cache"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("WARNING: 3 of 5 images could not be embedded"), r.err());
  }

  @Test
  void skippedFolderEntriesAreListedInTheRunManifest(@TempDir Path tmp) throws Exception {
    Path src = dataFolder(tmp.resolve("data"), 4);
    Path ds = tmp.resolve("folder");
    List<String> rows = Files.readAllLines(src);
    for (int i = 1; i < rows.size(); i++) {
      String[] f = rows.get(i).split(",");
      String cls = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("data/classes.json").toFile())
          .get(Integer.parseInt(f[1].matches("\\d+") ? f[1] : "0")).asText();
      Path dst = ds.resolve(f[1].matches("\\d+") ? cls : f[1]).resolve(Path.of(f[0]).getFileName());
      Files.createDirectories(dst.getParent());
      Files.copy(tmp.resolve("data").resolve(f[0]), dst);
    }
    Path someClass = Files.list(ds).sorted().findFirst().orElseThrow();
    Files.writeString(someClass.resolve(".DS_Store"), "x");
    Files.writeString(someClass.resolve("._a.png"), "x");
    Files.createDirectories(someClass.resolve("folder.jpg"));
    Path out = tmp.resolve("out");
    EvalCommandsTest.Run r = eval(ds, out, tmp.resolve("cache"), "--classes", TEST.resolve("classes.json").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("3 folder entries passed over"), r.err());
    JsonNode d = Json.read(out.resolve("manifest.json")).get("dataset");
    assertEquals(3, d.get("skipped_count").asInt(), d.toString());
    assertEquals(3, d.get("skipped").size());
    assertTrue(d.get("skipped").toString().contains("AppleDouble"), d.toString());
  }

  @Test
  void aCacheShardOfTheWrongWidthIsRecomputedAndTheResultsAreUnchanged(@TempDir Path tmp) throws Exception {
    Path m = dataFolder(tmp.resolve("data"), 4);
    Path cache = tmp.resolve("cache");
    assertEquals(0, eval(m, tmp.resolve("a"), cache).code());
    // replace every image shard by one of width 65 (another model's), with a valid checksum and the same keys
    List<Path> indices;
    try (Stream<Path> s = Files.walk(cache)) {
      indices = s.filter(p -> p.getParent().getFileName().toString().equals("images") && p.getFileName().toString().startsWith("shard-")
          && p.toString().endsWith(".json")).toList();
    }
    assertTrue(!indices.isEmpty());
    for (Path idx : indices) {
      Path npy = Path.of(idx.toString().replaceFirst("\\.json$", ".npy"));
      float[][] rows = io.clipwb.core.io.Npy.read(npy).asFloatMatrix();
      float[][] wide = new float[rows.length][65];
      byte[] bytes = io.clipwb.core.io.Npy.encode(wide);
      Files.write(npy, bytes);
      com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(idx);
      n.put("sha256", io.clipwb.core.cache.EmbeddingCache.sha256(bytes));
      Json.write(idx, n);
    }
    EvalCommandsTest.Run r = eval(m, tmp.resolve("b"), cache);
    assertEquals(0, r.code(), r.err());
    JsonNode c = Json.read(tmp.resolve("b/manifest.json")).get("cache");
    assertEquals(indices.size(), c.get("corrupt_shards_discarded").asInt(), c.toString());
    assertEquals(4, c.get("images_computed").asInt(), c.toString());
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a/logits.npy")), Files.readAllBytes(tmp.resolve("b/logits.npy"))),
        "recomputed embeddings give the same logits");
  }

  @Test
  void projectRunChecksClassSubsetsAndPromptsBeforeAnyModelWork(@TempDir Path tmp) throws Exception {
    Path m = dataFolder(tmp.resolve("data"), 2);
    Files.writeString(tmp.resolve("subset.txt"), "0\n1\nzebra\n");
    String project = """
        {"name": "p", "bundles": [{"name": "vit", "path": "%s"}, {"name": "rn", "path": "%s"}],
         "datasets": [{"name": "test", "role": "in-distribution", "manifest": "%s"},
                      {"name": "shifted", "role": "shift", "manifest": "%s", "class_subset": "subset.txt"}]}"""
        .formatted(Path.of(MODEL).toAbsolutePath(), Path.of("sample-data/bundles/rn-default").toAbsolutePath(), m, m);
    Files.writeString(tmp.resolve("project.json"), project);
    Path out = tmp.resolve("out");
    EvalCommandsTest.Run r = EvalCommandsTest.run("project", "run", tmp.resolve("project.json").toString(), "--out", out.toString(),
        "--cache", tmp.resolve("cache").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("data set \"shifted\": class_subset: " + tmp.resolve("subset.txt") + " line 3"), r.err());
    assertTrue(empty(out) && empty(tmp.resolve("cache")), "no model ran, nothing written");

    Files.writeString(tmp.resolve("subset.txt"), "0\n1\n");
    Files.writeString(tmp.resolve("project.json"), project.replace("\"name\": \"p\",", "\"name\": \"p\", \"prompts\": \"nosuch.json\","));
    EvalCommandsTest.Run t = EvalCommandsTest.run("project", "run", tmp.resolve("project.json").toString(), "--out", out.toString(),
        "--cache", tmp.resolve("cache").toString());
    assertEquals(2, t.code(), t.err());
    assertTrue(t.err().contains("prompts \"nosuch.json\""), t.err());
    assertTrue(empty(out) && empty(tmp.resolve("cache")), "no model ran, nothing written");
  }
}
