package io.clipwb.core.eval.correspondence;

/**
 * Ground-truth correspondence between two calibrated views: a pixel of view A with depth is
 * back-projected to A's camera frame, moved to B's camera frame with the relative pose, and
 * projected with B's intrinsics. Visibility in B requires positive depth in B's frame, a projection
 * inside B's image, and — when B's depth map is given and the tolerance is positive — that B's
 * measured depth at the nearest pixel agrees with the transferred depth within the tolerance
 * (otherwise the point is occluded in B, or B has no measurement there).
 */
public final class Reprojection {
  private Reprojection() {}

  /** Why a transfer did or did not give a visible point. */
  public enum Status {
    VISIBLE,
    NO_DEPTH_IN_A,
    BEHIND_CAMERA_B,
    OUTSIDE_B,
    NO_DEPTH_IN_B,
    OCCLUDED_IN_B
  }

  /** The result of transferring one pixel: B's pixel (u, v), the depth in B's frame, and the status. */
  public record Transfer(double u, double v, double depthInB, Status status) {
    public boolean visible() {
      return status == Status.VISIBLE;
    }
  }

  /**
   * Transfers pixel (u, v) of A with depth {@code zA} (metres, z along A's optical axis) into B.
   *
   * @param aToB {@link Pose#relative(Pose, Pose)} of the two camera-to-world poses
   * @param depthB B's depth map for the consistency check, or null to skip it
   * @param tolerance metres; ≤ 0 skips the depth-consistency check
   */
  public static Transfer transfer(
      double u, double v, double zA, Intrinsics kA, Pose aToB, Intrinsics kB, DepthMap depthB, double tolerance) {
    if (!(zA > 0)) return new Transfer(Double.NaN, Double.NaN, Double.NaN, Status.NO_DEPTH_IN_A);
    double[] pB = aToB.apply(kA.backProject(u, v, zA));
    if (!(pB[2] > 1e-9)) return new Transfer(Double.NaN, Double.NaN, pB[2], Status.BEHIND_CAMERA_B);
    double[] uv = kB.project(pB[0], pB[1], pB[2]);
    if (!kB.inBounds(uv[0], uv[1])) return new Transfer(uv[0], uv[1], pB[2], Status.OUTSIDE_B);
    if (depthB != null && tolerance > 0) {
      float measured = depthB.nearest(uv[0], uv[1]);
      if (!(measured > 0)) return new Transfer(uv[0], uv[1], pB[2], Status.NO_DEPTH_IN_B);
      if (Math.abs(measured - pB[2]) > tolerance) return new Transfer(uv[0], uv[1], pB[2], Status.OCCLUDED_IN_B);
    }
    return new Transfer(uv[0], uv[1], pB[2], Status.VISIBLE);
  }
}
