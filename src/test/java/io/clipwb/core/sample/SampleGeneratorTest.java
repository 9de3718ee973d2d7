package io.clipwb.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample world's generator: determinism, manifests, depth maps, multi-view geometry. */
class SampleGeneratorTest {
  static final List<SampleSet> SETS = List.of(SampleSet.TEST, SampleSet.OOD,
      SampleSet.RGBD, SampleSet.MULTIVIEW, SampleSet.OUTLINE, SampleSet.CAPTIONS);

  @TempDir static Path tmp;
  static Path first;

  @BeforeAll
  static void generate() {
    first = tmp.resolve("a");
    SampleGenerator.generate(new SampleGenerator.Options(first, 7, 64, 1, 1, SETS, false), Progress.NONE, Cancellation.none());
    // 240 cue-conflict images: small ones keep the test fast
    SampleGenerator.generate(new SampleGenerator.Options(first, 7, 32, 1, 1, List.of(SampleSet.CUE_CONFLICT), false),
        Progress.NONE, Cancellation.none());
  }

  static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) m.put(root.relativize(p).toString(), Files.readAllBytes(p));
    }
    return m;
  }

  @Test
  void sameSeedGivesIdenticalBytesDifferentSeedDoesNot() throws IOException {
    Path again = tmp.resolve("b");
    List<SampleSet> some = List.of(SampleSet.TEST, SampleSet.OOD, SampleSet.RGBD, SampleSet.MULTIVIEW);
    SampleGenerator.generate(new SampleGenerator.Options(again, 7, 64, 1, 1, some, false), Progress.NONE, Cancellation.none());
    Map<String, byte[]> a = files(first), b = files(again);
    a.keySet().removeIf(k -> some.stream().noneMatch(s -> k.startsWith(s.id() + "/")));
    b.keySet().removeIf(k -> !k.contains("/"));
    assertEquals(a.keySet(), b.keySet());
    assertTrue(a.size() > 100, "expected many files, got " + a.size());
    for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), "file differs between runs: " + k);

    Path other = tmp.resolve("c");
    SampleGenerator.generate(new SampleGenerator.Options(other, 8, 64, 1, 1, List.of(SampleSet.TEST), false),
        Progress.NONE, Cancellation.none());
    assertFalse(java.util.Arrays.equals(a.get("test/images/00000_circle.png"),
        Files.readAllBytes(other.resolve("test/images/00000_circle.png"))), "another seed must give another image");
  }

  @Test
  void imageDoesNotDependOnWhichOtherSetsWereGenerated() throws IOException {
    Path solo = tmp.resolve("solo");
    SampleGenerator.generate(new SampleGenerator.Options(solo, 7, 64, 1, 1, List.of(SampleSet.RGBD), false),
        Progress.NONE, Cancellation.none());
    assertArrayEquals(Files.readAllBytes(first.resolve("rgbd/images/00005_heart.png")),
        Files.readAllBytes(solo.resolve("rgbd/images/00005_heart.png")));
  }

  @Test
  void manifestRoundTripsMetadata() throws IOException {
    List<Map<String, String>> rows = SampleManifest.read(first.resolve("test/manifest.csv"));
    assertEquals(16, rows.size());
    JsonNode classes = Json.read(first.resolve("test/classes.json"));
    assertEquals(SampleWorld.CLASSES.size(), classes.size());
    assertEquals(SampleGenerator.COLUMNS, new ArrayList<>(rows.get(0).keySet()));
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> r = rows.get(i);
      assertEquals(classes.get(i % 16).asText(), r.get("label"), "row " + i);
      assertEquals(r.get("label"), r.get("shape"));
      assertTrue(Files.isRegularFile(first.resolve("test").resolve(r.get("path"))), r.get("path"));
      assertEquals(SampleWorld.caption(r.get("style"), r.get("colour"), r.get("texture"), r.get("shape"),
          r.get("background"), Integer.parseInt(r.get("n_objects"))), r.get("caption"));
      assertTrue(SampleWorld.TEXTURES.contains(r.get("texture")));
      double occ = Double.parseDouble(r.get("occlusion"));
      assertTrue(occ >= 0 && occ <= 1);
      BufferedImage img = ImageIO.read(first.resolve("test").resolve(r.get("path")).toFile());
      assertEquals(64, img.getWidth());
    }
    // every caption word is in the vocabulary the sample models' tokenizer uses
    Set<String> vocab = new HashSet<>(SampleWorld.vocabulary());
    for (String set : List.of("test", "outline", "ood", "cue-conflict")) {
      for (Map<String, String> r : SampleManifest.read(first.resolve(set).resolve("manifest.csv"))) {
        for (String w : r.get("caption").split("[^a-z0-9]+")) assertTrue(vocab.contains(w), "'" + w + "' of " + r.get("caption"));
      }
    }
  }

  @Test
  void csvQuotingRoundTrips() throws IOException {
    Path f = tmp.resolve("q.csv");
    Map<String, String> row = new java.util.LinkedHashMap<>();
    row.put("path", "a,b.png");
    row.put("label", "say \"hi\"");
    row.put("note", "");
    Files.writeString(f, SampleManifest.toCsv(List.of("path", "label", "note"), List.of(row)));
    assertEquals(List.of(row), SampleManifest.read(f));
    Files.writeString(f, "path,label\nx.png,a,extra\n");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SampleManifest.read(f));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void cueConflictNamesAndLabels() {
    List<Map<String, String>> rows = SampleManifest.read(first.resolve("cue-conflict/manifest.csv"));
    assertEquals(16 * 15, rows.size());
    for (Map<String, String> r : rows) {
      String name = r.get("path").substring("images/".length());
      assertTrue(name.matches("[a-z]+\\d+-[a-z]+\\d+\\.png"), name);
      String shape = name.split("-")[0].replaceAll("\\d", ""), tex = name.split("-")[1].replaceAll("\\d|\\.png", "");
      assertEquals(shape, r.get("label"));
      assertEquals(tex, r.get("texture_class"));
      assertNotEquals(shape, tex);
      assertEquals(SampleWorld.TEXTURES.get(SampleWorld.CLASSES.indexOf(tex)), r.get("texture"));
    }
  }

  @Test
  void oodImagesHaveNoLabelAndForeignShapes() {
    for (Map<String, String> r : SampleManifest.read(first.resolve("ood/manifest.csv"))) {
      assertEquals("", r.get("label"));
      assertTrue(SampleWorld.OOD_SHAPES.contains(r.get("shape")));
    }
  }

  static int[] depth(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(BufferedImage.TYPE_USHORT_GRAY, img.getType(), "16-bit grayscale expected: " + png);
    Raster r = img.getRaster();
    int[] v = new int[img.getWidth() * img.getHeight()];
    r.getPixels(0, 0, img.getWidth(), img.getHeight(), v);
    return v;
  }

  @Test
  void depthMapsAreInRangeAndMatchTheObject() throws IOException {
    List<Map<String, String>> rows = SampleManifest.read(first.resolve("rgbd/manifest.csv"));
    assertEquals(16, rows.size());
    for (Map<String, String> r : rows) {
      assertEquals("0.001", r.get("depth_scale"));
      int[] d = depth(first.resolve("rgbd").resolve(r.get("depth")));
      int min = Integer.MAX_VALUE, max = 0;
      for (int v : d) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      // occluder >= 1.2 m, objects 1.6-2.4 m, tilted background 3.2-4.2 m at the centre: well inside (1 m, 8 m)
      assertTrue(min >= 1000 && max <= 8000, "depth range " + min + ".." + max + " in " + r.get("depth"));
      assertTrue(max - min > 500, "background must lie behind the object: " + r.get("depth"));
      // the object centre pixel, when not occluded and a single object, is at the stated depth
      // the (flat, camera-facing) object's visible pixels all lie exactly at its stated depth
      if ("1".equals(r.get("n_objects"))) {
        double want = Double.parseDouble(r.get("object_depth")) * 1000;
        long at = java.util.Arrays.stream(d).filter(v -> Math.abs(v - want) <= 1).count();
        double visible = Double.parseDouble(r.get("object_fraction")) * d.length;
        assertTrue(at >= 0.8 * visible && at > 10, at + " pixels at the object depth, " + visible + " visible object pixels: " + r.get("depth"));
      }
    }
  }

  @Test
  void multiViewDepthAndPosesAreConsistent() throws IOException {
    List<Map<String, String>> rows = SampleManifest.read(first.resolve("multiview/manifest.csv"));
    assertEquals(16, rows.size());
    int checked = 0, agree = 0;
    for (Map<String, String> r : rows) {
      JsonNode cam = Json.read(first.resolve("multiview").resolve(r.get("cameras")));
      double[][] k = matrix(cam.get("K")), a = matrix(cam.get("cam_from_world_a")), b = matrix(cam.get("cam_from_world_b"));
      int[] da = depth(first.resolve("multiview").resolve(r.get("depth")));
      int[] db = depth(first.resolve("multiview").resolve(r.get("depth_b")));
      for (int y = 4; y < 64; y += 8) {
        for (int x = 4; x < 64; x += 8) {
          double z = da[y * 64 + x] / 1000.0;
          // back-project pixel centre of view a, move to world, project into view b
          double[] pc = {(x + 0.5 - k[0][2]) / k[0][0] * z, (y + 0.5 - k[1][2]) / k[1][1] * z, z};
          double[] w = invRigid(a, pc);
          double[] q = rigid(b, w);
          double u = k[0][0] * q[0] / q[2] + k[0][2], v = k[1][1] * q[1] / q[2] + k[1][2];
          int ub = (int) Math.floor(u), vb = (int) Math.floor(v);
          if (ub < 0 || vb < 0 || ub >= 64 || vb >= 64) continue;
          checked++;
          if (Math.abs(db[vb * 64 + ub] / 1000.0 - q[2]) < 0.03) agree++;
        }
      }
    }
    assertTrue(checked > 500, "checked " + checked);
    // disagreements: depth edges and points hidden in view b
    assertTrue(agree > 0.9 * checked, agree + " of " + checked + " reprojected depths agree");
  }

  static double[][] matrix(JsonNode n) {
    double[][] m = new double[n.size()][];
    for (int i = 0; i < n.size(); i++) {
      m[i] = new double[n.get(i).size()];
      for (int j = 0; j < m[i].length; j++) m[i][j] = n.get(i).get(j).asDouble();
    }
    return m;
  }

  static double[] rigid(double[][] m, double[] p) {
    double[] o = new double[3];
    for (int i = 0; i < 3; i++) o[i] = m[i][0] * p[0] + m[i][1] * p[1] + m[i][2] * p[2] + m[i][3];
    return o;
  }

  static double[] invRigid(double[][] m, double[] p) {
    double[] t = {p[0] - m[0][3], p[1] - m[1][3], p[2] - m[2][3]};
    double[] o = new double[3];
    for (int i = 0; i < 3; i++) o[i] = m[0][i] * t[0] + m[1][i] * t[1] + m[2][i] * t[2];
    return o;
  }

  @Test
  void pngEncoderRoundTripsThroughImageIo() throws IOException {
    io.clipwb.core.image.RgbImage img = io.clipwb.core.image.RgbImage.blank(5, 3);
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int y = 0; y < 3; y++) for (int x = 0; x < 5; x++) for (int c = 0; c < 3; c++) img.set(x, y, c, r.nextInt(256));
    BufferedImage back = ImageIO.read(new java.io.ByteArrayInputStream(Png.encodeRgb(img)));
    for (int y = 0; y < 3; y++)
      for (int x = 0; x < 5; x++) {
        int rgb = back.getRGB(x, y);
        assertEquals(img.get(x, y, 0), (rgb >> 16) & 0xff);
        assertEquals(img.get(x, y, 1), (rgb >> 8) & 0xff);
        assertEquals(img.get(x, y, 2), rgb & 0xff);
      }
    int[] g = {0, 1, 255, 256, 65535, 1234};
    Path f = tmp.resolve("g.png");
    Files.write(f, Png.encodeGray16(3, 2, g));
    assertArrayEquals(g, depth(f));
  }

  @Test
  void everyClassShapeIsDrawnAndDistinct() {
    // each silhouette covers a sensible part of its unit disc, and no two classes share a mask
    Set<String> masks = new HashSet<>();
    for (String s : SampleWorld.CLASSES) {
      StringBuilder m = new StringBuilder();
      int in = 0;
      for (int y = 0; y < 24; y++)
        for (int x = 0; x < 24; x++) {
          boolean b = Shapes.inside(s, (x - 11.5) / 12, (y - 11.5) / 12);
          in += b ? 1 : 0;
          m.append(b ? '#' : '.');
        }
      assertTrue(in > 80 && in < 500, s + " covers " + in + " of 576 cells");
      assertTrue(masks.add(m.toString()), s + " duplicates another shape");
    }
  }
}
