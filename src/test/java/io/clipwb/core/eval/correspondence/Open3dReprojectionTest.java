package io.clipwb.core.eval.correspondence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.testing.Shared;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ground-truth reprojection on Open3D's real RGB-D frames (depth in mm, trajectory.log poses). */
@Tag("reference")
class Open3dReprojectionTest {
  static RgbdFrames frames;

  /** Opens the frames once; the shared-data gate runs before every test (skip or, in CI, fail). */
  @BeforeEach
  void open() {
    Path dir = Shared.path("data/rgbd/open3d");
    if (frames == null) frames = RgbdFrames.openOpen3d(dir);
  }

  @Test
  void readsIntrinsicsPosesAndDepth() {
    Intrinsics k = frames.intrinsics();
    assertEquals(525.0, k.fx());
    assertEquals(525.0, k.fy());
    assertEquals(319.5, k.cx());
    assertEquals(239.5, k.cy());
    assertEquals(640, k.width());
    assertEquals(5, frames.frames().size());
    assertEquals(-0.2739592186924325, frames.frame(0).cameraToWorld().get(0, 0));
    assertEquals(2.1203973483573484, frames.frame(4).cameraToWorld().get(2, 3));
    DepthMap d = frames.depth(0);
    assertEquals(480, d.height());
    long valid = 0;
    double sum = 0;
    for (float z : d.metres()) if (z > 0) { valid++; sum += z; }
    assertTrue(valid > 0.5 * d.metres().length, "most pixels have depth: " + valid);
    double mean = sum / valid;
    assertTrue(mean > 0.5 && mean < 6, "mean depth in metres is plausible for a room: " + mean);
  }

  /**
   * A pixel of A is sent to B with A's depth and the poses, then back to A with B's <em>measured</em>
   * depth at the landing point: when intrinsics, depth scale and the camera-to-world convention of
   * trajectory.log are right, it lands where it started.
   */
  @Test
  void pixelsProjectedToBAndBackLandWithinHalfAPixel() {
    Intrinsics k = frames.intrinsics();
    for (int[] ab : new int[][] {{0, 1}, {0, 4}, {3, 1}}) {
      DepthMap da = frames.depth(ab[0]);
      DepthMap db = frames.depth(ab[1]);
      Pose pa = frames.frame(ab[0]).cameraToWorld();
      Pose pb = frames.frame(ab[1]).cameraToWorld();
      Pose aToB = Pose.relative(pa, pb);
      Pose bToA = Pose.relative(pb, pa);
      int visible = 0;
      int within = 0;
      double maxExact = 0;
      double[] errs = new double[640 * 480];
      for (int v = 2; v < 480; v += 7) {
        for (int u = 3; u < 640; u += 7) {
          Reprojection.Transfer t = Reprojection.transfer(u, v, da.at(u, v), k, aToB, k, db, 0.02);
          if (!t.visible()) continue;
          // exact round trip with the transferred depth: pure geometry
          Reprojection.Transfer back = Reprojection.transfer(t.u(), t.v(), t.depthInB(), k, bToA, k, null, 0);
          maxExact = Math.max(maxExact, Math.hypot(back.u() - u, back.v() - v));
          // round trip with B's measured depth (bilinear at the landing point)
          double zb = bilinear(db, t.u(), t.v());
          if (!(zb > 0)) continue;
          Reprojection.Transfer back2 = Reprojection.transfer(t.u(), t.v(), zb, k, bToA, k, null, 0);
          double e = Math.hypot(back2.u() - u, back2.v() - v);
          errs[visible++] = e;
          if (e <= 0.5) within++;
        }
      }
      double[] sorted = Arrays.copyOf(errs, visible);
      Arrays.sort(sorted);
      double median = sorted[visible / 2];
      String msg = String.format("frames %d→%d: %d visible, %.4f within 0.5 px, median %.4f px, p90 %.4f px",
          ab[0], ab[1], visible, (double) within / visible, median, sorted[(int) (visible * 0.9)]);
      System.err.println(msg);
      assertTrue(visible > 1000, msg);
      assertTrue(maxExact < 1e-6, "exact round trip " + maxExact);
      assertTrue(median < 0.1, msg);
      assertTrue((double) within / visible > 0.95, msg);
    }
  }

  @Test
  void wrongPoseConventionFailsTheDepthCheck() {
    // guards the test above against passing for any pose: with world-to-camera read as camera-to-world
    // most transferred points disagree with B's depth
    Intrinsics k = frames.intrinsics();
    DepthMap da = frames.depth(0);
    DepthMap db = frames.depth(4);
    Pose right = Pose.relative(frames.frame(0).cameraToWorld(), frames.frame(4).cameraToWorld());
    Pose wrong = Pose.relative(frames.frame(0).cameraToWorld().inverse(), frames.frame(4).cameraToWorld().inverse());
    int okRight = 0;
    int okWrong = 0;
    int n = 0;
    for (int v = 5; v < 480; v += 11) {
      for (int u = 5; u < 640; u += 11) {
        if (!(da.at(u, v) > 0)) continue;
        n++;
        if (Reprojection.transfer(u, v, da.at(u, v), k, right, k, db, 0.02).visible()) okRight++;
        if (Reprojection.transfer(u, v, da.at(u, v), k, wrong, k, db, 0.02).visible()) okWrong++;
      }
    }
    assertTrue(okRight > 0.8 * n, "right convention: " + okRight + "/" + n);
    assertTrue(okWrong < okRight, "wrong convention: " + okWrong + " vs " + okRight);
  }

  static double bilinear(DepthMap d, double u, double v) {
    int u0 = (int) Math.floor(u);
    int v0 = (int) Math.floor(v);
    double fu = u - u0;
    double fv = v - v0;
    float a = d.at(u0, v0);
    float b = d.at(u0 + 1, v0);
    float c = d.at(u0, v0 + 1);
    float e = d.at(u0 + 1, v0 + 1);
    if (!(a > 0 && b > 0 && c > 0 && e > 0)) return 0;
    // reject depth edges: the four neighbours must agree within 1 cm
    float lo = Math.min(Math.min(a, b), Math.min(c, e));
    float hi = Math.max(Math.max(a, b), Math.max(c, e));
    if (hi - lo > 0.01) return 0;
    return (1 - fv) * ((1 - fu) * a + fu * b) + fv * ((1 - fu) * c + fu * e);
  }
}
