package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample project's {@code captions} set scored by {@code clipwb project run}: Recall@1/5/10 both
 * ways in {@code summary.json}, {@code summary.csv} ({@code retrieval_*} columns, after all others)
 * and {@code retrieval.csv} equal {@code clipwb retrieval} on the same run folder's embeddings, and
 * text→image Recall@1 equals a brute-force arg-max computed here from the {@code .npy} files and
 * the caption CSV.
 */
class ProjectRetrievalTest {
  @Test
  void captionSetIsScoredLikeTheRetrievalCommand(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    EvalCommandsTest.Run r = EvalCommandsTest.run("project", "run", "sample-data/project.json", "--out", out.toString(),
        "--cache", tmp.resolve("cache").toString(), "--bundles", "sample-vit-default", "--datasets", "captions", "--batch", "32");
    assertEquals(0, r.code(), r.err());
    Path run = out.resolve("runs/sample-vit-default/captions");
    JsonNode rec = Json.read(out.resolve("project-run.json"));
    assertEquals(2, rec.get("runs").size(), "test + captions");
    assertEquals("captions", rec.get("runs").get(1).get("role").asText());
    assertEquals(160, rec.get("runs").get(1).get("computed").asInt());

    Path caps = Path.of("sample-data/data/captions/captions.csv");
    EvalCommandsTest.Run cli = EvalCommandsTest.run("retrieval", "--image-emb", run.resolve("image_embeddings.npy").toString(),
        "--text-emb", run.resolve("text_embeddings.npy").toString(), "--captions", caps.toString(), "--out", tmp.resolve("cli").toString());
    assertEquals(0, cli.code(), cli.err());
    JsonNode expected = Json.read(tmp.resolve("cli/retrieval.json")).get("result");

    JsonNode model = Json.read(out.resolve("summary.json")).get("models").get(0);
    JsonNode got = model.get("retrieval").get("captions");
    io.clipwb.core.io.Csv.Table table = io.clipwb.core.io.Csv.read(out.resolve("summary.csv"));
    List<String> header = table.header();
    Map<String, String> csv = table.maps().get(0);
    assertTrue(header.get(header.size() - 1).equals("retrieval_t2i_r10_captions"), "retrieval columns come last: " + header);
    for (String dir : List.of("image_to_text", "text_to_image")) {
      for (int k : new int[] {1, 5, 10}) {
        double e = expected.get(dir).get("recall").get("R@" + k).asDouble();
        assertEquals(e, got.get(dir).get("R@" + k).asDouble(), 0, dir + " R@" + k);
        String col = "retrieval_" + (dir.startsWith("image") ? "i2t" : "t2i") + "_r" + k + "_captions";
        assertEquals(e, Double.parseDouble(csv.get(col)), 1e-12, col);
      }
    }
    List<String> long_ = Files.readAllLines(out.resolve("retrieval.csv"));
    assertEquals(3, long_.size(), String.join("\n", long_));
    assertTrue(long_.get(1).startsWith("sample-vit-default,captions,image_to_text,160,"), long_.get(1));
    assertTrue(Files.isRegularFile(out.resolve("models/sample-vit-default/retrieval/captions/text_to_image.csv")));

    // independent: text→image R@1 by brute force (first maximum wins, as a stable sort)
    float[][] img = Npy.read(run.resolve("image_embeddings.npy")).asFloatMatrix();
    float[][] txt = Npy.read(run.resolve("text_embeddings.npy")).asFloatMatrix();
    List<String> lines = Files.readAllLines(caps);
    List<String> images = new ArrayList<>();
    int hits = 0;
    for (int t = 0; t < lines.size() - 1; t++) {
      String image = lines.get(t + 1).substring(0, lines.get(t + 1).indexOf(','));
      if (!images.contains(image)) images.add(image);
      int own = images.indexOf(image);
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < img.length; i++) {
        double s = 0;
        for (int j = 0; j < img[i].length; j++) s += img[i][j] * txt[t][j];
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
      if (best == own) hits++;
    }
    assertEquals(160, img.length);
    assertEquals(hits / 160.0, got.get("text_to_image").get("R@1").asDouble(), 1e-12);
    assertTrue(hits > 16, "the sample model retrieves far better than chance: " + hits + "/160");
  }
}
