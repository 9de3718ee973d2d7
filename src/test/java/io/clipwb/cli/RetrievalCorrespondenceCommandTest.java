package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.eval.correspondence.RgbdFrames;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.testing.Shared;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RetrievalCorrespondenceCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Run(code, buf.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void retrievalWritesJsonAndPerQueryCsv() throws Exception {
    Path caps = dir.resolve("caps.csv");
    Files.writeString(caps, "image,caption\na.png,\"a red, round thing\"\nb.png,a blue cube\na.png,a red ball\n");
    // image a = axis 0, image b = axis 1; caption 1 ("a blue cube") points at a → rank 2 for that caption
    Npy.write(dir.resolve("img.npy"), new float[][] {{1, 0}, {0, 1}});
    Npy.write(dir.resolve("txt.npy"), new float[][] {{1, 0}, {0.8f, 0.6f}, {0.8f, 0.6f}});
    Path out = dir.resolve("out");
    Run r = run("retrieval", "--image-emb", dir.resolve("img.npy").toString(), "--text-emb", dir.resolve("txt.npy").toString(),
        "--captions", caps.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode s = Json.mapper().readTree(r.out());
    assertEquals(2.0 / 3, s.get("text_to_image").get("R@1").asDouble(), 1e-12);
    assertEquals(1.0, s.get("image_to_text").get("R@1").asDouble(), 1e-12);
    List<String> t2i = Files.readAllLines(out.resolve("text_to_image.csv"));
    assertEquals("caption_index,caption,image_index,image,rank,top1_image_index,top1_image,top_image_indices", t2i.get(0));
    assertEquals("0,\"a red, round thing\",0,a.png,1,0,a.png,0 1", t2i.get(1));
    assertEquals("1,a blue cube,1,b.png,2,0,a.png,0 1", t2i.get(2));
    JsonNode full = Json.read(out.resolve("retrieval.json"));
    assertEquals(3, full.get("result").get("text_to_image").get("ranks").size());
    assertTrue(Files.readString(out.resolve("image_to_text.csv")).contains("1,b.png,1,"));
  }

  @Test
  void retrievalRowMismatchIsAClearError() throws Exception {
    Path caps = dir.resolve("caps.jsonl");
    Files.writeString(caps, "{\"image\": \"a.png\", \"caption\": \"x\"}\n");
    Npy.write(dir.resolve("img.npy"), new float[][] {{1, 0}, {0, 1}});
    Npy.write(dir.resolve("txt.npy"), new float[][] {{1, 0}});
    Run r = run("retrieval", "--image-emb", dir.resolve("img.npy").toString(), "--text-emb", dir.resolve("txt.npy").toString(),
        "--captions", caps.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("has 2 rows but") && r.err().contains("1 images"), r.err());
  }

  /**
   * End to end on the real Open3D frames: patch features made from each cell's true world position
   * (back-projected with the frame's own depth and pose) must find the right place in the other view.
   */
  @Test
  void correspondenceOnOpen3dFramesWithPositionalFeatures() throws Exception {
    Path frames = Shared.path("data/rgbd/open3d");
    RgbdFrames seq = RgbdFrames.openOpen3d(frames);
    int gh = 60;
    int gw = 80;
    int dim = 64;
    Random rnd = new Random(2);
    double[][] omega = new double[dim][3];
    double[] phase = new double[dim];
    for (int j = 0; j < dim; j++) {
      for (int c = 0; c < 3; c++) omega[j][c] = rnd.nextGaussian() * 10;
      phase[j] = rnd.nextDouble() * 2 * Math.PI;
    }
    Path feats = dir.resolve("feats");
    Files.createDirectories(feats);
    for (int f : new int[] {0, 4}) {
      var depth = seq.depth(f);
      var k = seq.intrinsics();
      float[][] cells = new float[gh * gw][dim];
      for (int gy = 0; gy < gh; gy++) {
        for (int gx = 0; gx < gw; gx++) {
          int u = (int) Math.round((gx + 0.5) * 640 / gw - 0.5);
          int v = (int) Math.round((gy + 0.5) * 480 / gh - 0.5);
          float z = depth.at(u, v);
          if (!(z > 0)) {
            for (int j = 0; j < dim; j++) cells[gy * gw + gx][j] = (float) rnd.nextGaussian();
            continue;
          }
          double[] w = seq.frame(f).cameraToWorld().apply(k.backProject(u, v, z));
          for (int j = 0; j < dim; j++) {
            cells[gy * gw + gx][j] = (float) Math.cos(omega[j][0] * w[0] + omega[j][1] * w[1] + omega[j][2] * w[2] + phase[j]);
          }
        }
      }
      Npy.write(feats.resolve(seq.frame(f).name() + ".npy"), cells);
    }
    Path out = dir.resolve("out");
    Run r = run("correspondence", "--frames", frames.toString(), "--pairs", "0,4", "--patches-dir", feats.toString(),
        "--grid", "60x80", "--samples", "200", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode s = Json.mapper().readTree(r.out());
    System.err.println("open3d 0-4 positional features: " + s.get("recall") + " rotation " + s.get("per_pair").get(0).get("rotation_deg"));
    assertEquals(200, s.get("matches").asInt());
    assertTrue(s.get("recall").get("recall@10px").asDouble() > 0.9, s.toString());
    assertEquals(1, s.get("rotation_bins").get(0).get("pairs").asInt());
    List<String> csv = Files.readAllLines(out.resolve("matches.csv"));
    assertEquals(201, csv.size());
    assertTrue(csv.get(1).startsWith("00000-00004,00000,00004,"), csv.get(1));
    assertTrue(Files.exists(out.resolve("correspondence.json")));
  }

  @Test
  void correspondenceArgumentErrorsAreClear() {
    Run r = run("correspondence", "--patches-dir", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("give either --frames"), r.err());
    r = run("correspondence", "--spair", dir.toString());
    assertTrue(r.err().contains("exactly one feature source"), r.err());
  }
}
