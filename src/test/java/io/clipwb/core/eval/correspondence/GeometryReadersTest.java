package io.clipwb.core.eval.correspondence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.io.Npy;
import io.clipwb.core.model.PatchFeatures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeometryReadersTest {
  @TempDir Path dir;

  @Test
  void trajectoryLogReadsPosesAndRejectsBrokenFiles() throws Exception {
    Path ok = dir.resolve("ok.log");
    Files.writeString(ok, "0 0 1\n1 0 0 0.5\n0 1 0 0\n0 0 1 2\n0 0 0 1\n\n1 1 2\n0 -1 0 0\n1 0 0 0\n0 0 1 0\n0 0 0 1\n");
    List<TrajectoryLog.Entry> e = TrajectoryLog.read(ok);
    assertEquals(2, e.size());
    assertArrayEquals(new int[] {1, 1, 2}, e.get(1).metadata());
    assertEquals(0.5, e.get(0).cameraToWorld().get(0, 3));
    assertEquals(90.0, Pose.rotationAngleDeg(e.get(0).cameraToWorld(), e.get(1).cameraToWorld()), 1e-9);
    assertMessage("0 0 1\n1 0 0 0\n0 1 0 0\n", "truncated: the pose after line 1 has 2 of 4 rows");
    assertMessage("0 0\n", "line 1: expected a metadata line of 3 integers");
    assertMessage("0 0 1\n1 0 0 0\n0 1 x 0\n0 0 1 0\n0 0 0 1\n", "line 3: not a number");
    assertMessage("0 0 1\n1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 1 1\n", "last row must be 0 0 0 1");
    assertMessage("0 0 1\n1 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1\n", "line 2: expected 4 numbers");
  }

  private void assertMessage(String text, String expected) throws Exception {
    Path p = dir.resolve("bad.log");
    Files.writeString(p, text);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> TrajectoryLog.read(p));
    assertTrue(ex.getMessage().contains(expected) && ex.getMessage().contains("bad.log"), ex.getMessage());
  }

  @Test
  void poseAlgebra() {
    Pose a = Pose.of(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, new double[] {1, 2, 3});
    double[] p = {0.3, -0.7, 2};
    double[] back = a.inverse().apply(a.apply(p));
    for (int i = 0; i < 3; i++) assertEquals(p[i], back[i], 1e-12);
    Pose b = Pose.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, 1});
    // a point of A's camera frame, seen from B: world = a(p), then b^-1
    double[] viaWorld = b.inverse().apply(a.apply(p));
    double[] viaRel = Pose.relative(a, b).apply(p);
    for (int i = 0; i < 3; i++) assertEquals(viaWorld[i], viaRel[i], 1e-12);
  }

  @Test
  void intrinsicsFromOpen3dJson() throws Exception {
    Path ok = dir.resolve("cam.json");
    Files.writeString(ok, "{\"width\": 64, \"height\": 48, \"intrinsic_matrix\": [50, 0, 0, 0, 51, 0, 31.5, 23.5, 1]}");
    Intrinsics k = Intrinsics.readOpen3d(ok);
    assertEquals(new Intrinsics(50, 51, 31.5, 23.5, 64, 48), k);
    double[] uv = k.project(0.2, -0.1, 2);
    double[] xyz = k.backProject(uv[0], uv[1], 2);
    assertEquals(0.2, xyz[0], 1e-12);
    assertEquals(-0.1, xyz[1], 1e-12);
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"width\": 64, \"height\": 48, \"intrinsic_matrix\": [50, 0, 31.5, 0, 51, 23.5, 0, 0, 1]}");
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Intrinsics.readOpen3d(bad));
    assertTrue(ex.getMessage().contains("column-major"), ex.getMessage());
    Files.writeString(bad, "{\"width\": 64, \"intrinsic_matrix\": [1,2,3]}");
    ex = assertThrows(IllegalArgumentException.class, () -> Intrinsics.readOpen3d(bad));
    assertTrue(ex.getMessage().contains("9 numbers"), ex.getMessage());
  }

  @Test
  void depthPngMustBe16Bit() throws Exception {
    BufferedImage img16 = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
    img16.getRaster().setSample(1, 0, 0, 1500);
    img16.getRaster().setSample(2, 1, 0, 65535);
    Path p16 = dir.resolve("d16.png");
    ImageIO.write(img16, "png", p16.toFile());
    DepthMap d = DepthMap.readPng16(p16, 1000, 65535);
    assertEquals(1.5f, d.at(1, 0));
    assertEquals(0f, d.at(0, 0));
    assertEquals(0f, d.at(2, 1)); // invalid marker
    assertEquals(65.535f, DepthMap.readPng16(p16, 1000, -1).at(2, 1), 1e-4);
    BufferedImage img8 = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    Path p8 = dir.resolve("d8.png");
    ImageIO.write(img8, "png", p8.toFile());
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> DepthMap.readPng16(p8, 1000, -1));
    assertTrue(ex.getMessage().contains("16-bit single-channel") && ex.getMessage().contains("d8.png"), ex.getMessage());
    Path txt = dir.resolve("x.png");
    Files.writeString(txt, "not a png");
    ex = assertThrows(IllegalArgumentException.class, () -> DepthMap.readPng16(txt, 1000, -1));
    assertTrue(ex.getMessage().contains("not a readable image"), ex.getMessage());
  }

  @Test
  void patchFeatureNpyShapes() throws Exception {
    Path seq = dir.resolve("seq.npy");
    float[][] tokens = new float[6][4];
    tokens[5][3] = 7f;
    Npy.write(seq, tokens);
    PatchFeatures pf = PatchFeatureFiles.read(seq, new int[] {2, 3});
    assertEquals(2, pf.gridHeight());
    assertEquals(3, pf.gridWidth());
    assertEquals(7f, pf.features()[0][5][3]);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> PatchFeatureFiles.read(seq, null));
    assertTrue(ex.getMessage().contains("give the patch grid"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> PatchFeatureFiles.read(seq, new int[] {2, 2}));
    assertTrue(ex.getMessage().contains("6 tokens do not fill a 2x2 grid"), ex.getMessage());
  }
}
