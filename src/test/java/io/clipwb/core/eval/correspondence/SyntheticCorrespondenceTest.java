package io.clipwb.core.eval.correspondence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.model.PatchFeatures;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Correspondence on a synthetic scene with exact depth and poses: a textured plane Z = 2 m seen by
 * cameras orbiting the point (0, 0, 2). Features made from the true 3D position of each patch centre
 * (random Fourier features of the world X, Y) must give recall ≈ 1; random features give ≈ chance.
 */
class SyntheticCorrespondenceTest {
  static final int W = 320;
  static final int H = 240;
  static final int GW = 64;
  static final int GH = 48;
  static final Intrinsics K = new Intrinsics(300, 300, 159.5, 119.5, W, H);

  /** Camera orbiting (0,0,2) at radius 2 by angle theta about the y axis, looking at it. */
  static Pose orbit(double thetaDeg) {
    double t = Math.toRadians(thetaDeg);
    double c = Math.cos(t);
    double s = Math.sin(t);
    return Pose.of(new double[] {c, 0, s, 0, 1, 0, -s, 0, c}, new double[] {-2 * s, 0, 2 - 2 * c});
  }

  /** Ray-plane intersection depth (z in the camera frame) of pixel (u, v); 0 when the plane is not hit. */
  static double planeDepth(Pose camToWorld, double u, double v) {
    double[] dc = {(u - K.cx()) / K.fx(), (v - K.cy()) / K.fy(), 1};
    double dz = camToWorld.get(2, 0) * dc[0] + camToWorld.get(2, 1) * dc[1] + camToWorld.get(2, 2) * dc[2];
    double s = (2 - camToWorld.get(2, 3)) / dz;
    return s > 0 ? s : 0;
  }

  static DepthMap depth(Pose p) {
    float[] d = new float[W * H];
    for (int v = 0; v < H; v++) for (int u = 0; u < W; u++) d[v * W + u] = (float) planeDepth(p, u, v);
    return new DepthMap(W, H, d);
  }

  /** Random Fourier features of the world (X, Y) of each patch centre. */
  static PatchFeatures positional(Pose p, double[][] omega, double[] phase) {
    float[][] cells = new float[GH * GW][omega.length];
    for (int gy = 0; gy < GH; gy++) {
      for (int gx = 0; gx < GW; gx++) {
        double u = (gx + 0.5) * W / GW - 0.5;
        double v = (gy + 0.5) * H / GH - 0.5;
        double z = planeDepth(p, u, v);
        double[] world = p.apply(K.backProject(u, v, z));
        for (int j = 0; j < omega.length; j++) {
          cells[gy * GW + gx][j] = (float) Math.cos(omega[j][0] * world[0] + omega[j][1] * world[1] + phase[j]);
        }
      }
    }
    return new PatchFeatures(GH, GW, new float[][][] {cells});
  }

  static PatchFeatures random(Random r, int dim) {
    float[][] cells = new float[GH * GW][dim];
    for (float[] c : cells) for (int j = 0; j < dim; j++) c[j] = (float) r.nextGaussian();
    return new PatchFeatures(GH, GW, new float[][][] {cells});
  }

  static Correspondence.View view(String name, Pose p, PatchFeatures f) {
    return new Correspondence.View(name, K, p, depth(p), new DenseFeatures(f, 0, GridFootprint.full(W, H), W, H));
  }

  static final Correspondence.Params PARAMS = Correspondence.Params.defaults().withSamples(300);

  @Test
  void featuresOfTrue3dPositionsGiveRecallNearOne() {
    Random r = new Random(11);
    int dim = 96;
    double[][] omega = new double[dim][2];
    double[] phase = new double[dim];
    for (int j = 0; j < dim; j++) {
      omega[j][0] = r.nextGaussian() * 8; // rad per metre: kernel width ≈ 12 cm
      omega[j][1] = r.nextGaussian() * 8;
      phase[j] = r.nextDouble() * 2 * Math.PI;
    }
    Pose a = orbit(0);
    List<Correspondence.Pair> pairs = List.of(
        new Correspondence.Pair("0-8", view("0", a, positional(a, omega, phase)), view("8", orbit(8), positional(orbit(8), omega, phase))),
        new Correspondence.Pair("0-20", view("0", a, positional(a, omega, phase)), view("20", orbit(20), positional(orbit(20), omega, phase))),
        new Correspondence.Pair("0-40", view("0", a, positional(a, omega, phase)), view("40", orbit(40), positional(orbit(40), omega, phase))));
    Correspondence.Result res = Correspondence.compute(pairs, PARAMS, Progress.NONE, Cancellation.none());
    System.err.println("synthetic positional features: " + res.summary());
    assertEquals(900, res.matches());
    assertTrue(res.recall().get("recall@5px") > 0.9, res.recall().toString());
    assertTrue(res.recall().get("recall@10px") > 0.97, res.recall().toString());
    assertTrue(res.recall().get("recall@20px") > 0.99, res.recall().toString());
    // rotation bins: 8° → [0,15), 20° → [15,30), 40° → [30,60), none in [60,180]
    assertEquals(8.0, res.pairs().get(0).rotationDeg(), 1e-9);
    assertEquals(40.0, res.pairs().get(2).rotationDeg(), 1e-9);
    int[] perBin = res.rotationBins().stream().mapToInt(Correspondence.Bin::pairs).toArray();
    assertEquals(List.of(1, 1, 1, 0), java.util.Arrays.stream(perBin).boxed().toList());
    assertEquals(null, res.rotationBins().get(3).recall());
    for (Correspondence.Match m : res.pairs().get(1).matches()) {
      // ground truth of the synthetic scene: re-derive B's pixel independently of Reprojection
      double z = planeDepth(a, m.ua(), m.va());
      double[] world = a.apply(K.backProject(m.ua(), m.va(), z));
      double[] inB = orbit(20).inverse().apply(world);
      double[] uv = K.project(inB[0], inB[1], inB[2]);
      assertEquals(uv[0], m.gtU(), 1e-6);
      assertEquals(uv[1], m.gtV(), 1e-6);
    }
  }

  @Test
  void randomFeaturesGiveChance() {
    Random r = new Random(5);
    Pose a = orbit(0);
    Pose b = orbit(10);
    Correspondence.Pair pair = new Correspondence.Pair("rand", view("a", a, random(r, 32)), view("b", b, random(r, 32)));
    Correspondence.Result res = Correspondence.compute(List.of(pair), PARAMS, Progress.NONE, Cancellation.none());
    // chance of landing within 10 px of the truth: π·10² / (320·240) ≈ 0.4 %
    assertTrue(res.recall().get("recall@10px") < 0.05, res.recall().toString());
    assertTrue(res.recall().get("recall@20px") < 0.1, res.recall().toString());
  }

  @Test
  void samplingIsSeededAndStrideChangesLittle() {
    Random r = new Random(3);
    double[][] omega = new double[48][2];
    double[] phase = new double[48];
    for (int j = 0; j < 48; j++) {
      omega[j][0] = r.nextGaussian() * 8;
      omega[j][1] = r.nextGaussian() * 8;
      phase[j] = r.nextDouble() * 6.28;
    }
    Pose a = orbit(0);
    Pose b = orbit(12);
    Correspondence.Pair pair = new Correspondence.Pair("p", view("a", a, positional(a, omega, phase)), view("b", b, positional(b, omega, phase)));
    Correspondence.Params p = PARAMS.withSamples(100);
    Correspondence.Result r1 = Correspondence.compute(List.of(pair), p, Progress.NONE, Cancellation.none());
    Correspondence.Result r2 = Correspondence.compute(List.of(pair), p, Progress.NONE, Cancellation.none());
    assertEquals(r1.pairs().get(0).matches(), r2.pairs().get(0).matches());
    Correspondence.Result coarse = Correspondence.compute(List.of(pair), p.withStride(4), Progress.NONE, Cancellation.none());
    assertEquals(r1.pairs().get(0).matches().get(0).ua(), coarse.pairs().get(0).matches().get(0).ua());
    assertTrue(coarse.recall().get("recall@10px") > 0.9, coarse.recall().toString());
    for (Correspondence.Match m : coarse.pairs().get(0).matches()) {
      assertEquals(0, ((int) m.predU()) % 4);
    }
  }
}
