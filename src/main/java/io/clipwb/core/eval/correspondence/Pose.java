package io.clipwb.core.eval.correspondence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * A rigid transform as a row-major 4x4 matrix. In this package a frame's pose is
 * <b>camera-to-world</b> (what Open3D's {@code trajectory.log} stores per frame): a camera-frame
 * point p maps to the world as {@code R p + t}.
 */
public final class Pose {
  private final double[] m; // row-major 4x4

  @JsonCreator
  public Pose(@JsonProperty("matrix") double[] rowMajor4x4) {
    if (rowMajor4x4.length != 16) throw new IllegalArgumentException("a pose needs 16 numbers, got " + rowMajor4x4.length);
    this.m = rowMajor4x4.clone();
  }

  public static Pose identity() {
    return new Pose(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
  }

  /** A pose from a rotation (row-major 3x3) and a translation. */
  public static Pose of(double[] r, double[] t) {
    return new Pose(new double[] {r[0], r[1], r[2], t[0], r[3], r[4], r[5], t[1], r[6], r[7], r[8], t[2], 0, 0, 0, 1});
  }

  @JsonProperty("matrix")
  public double[] matrix() {
    return m.clone();
  }

  public double get(int row, int col) {
    return m[row * 4 + col];
  }

  /** Applies the transform to a point. */
  public double[] apply(double[] p) {
    return new double[] {
      m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3],
      m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7],
      m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11]
    };
  }

  /** The inverse of a rigid transform: (R^T, -R^T t). */
  public Pose inverse() {
    double[] r = {m[0], m[4], m[8], m[1], m[5], m[9], m[2], m[6], m[10]};
    double[] t = {
      -(r[0] * m[3] + r[1] * m[7] + r[2] * m[11]),
      -(r[3] * m[3] + r[4] * m[7] + r[5] * m[11]),
      -(r[6] * m[3] + r[7] * m[7] + r[8] * m[11])
    };
    return of(r, t);
  }

  /** {@code this ∘ other}: first {@code other}, then this. */
  public Pose compose(Pose other) {
    double[] o = other.m;
    double[] out = new double[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++) s += m[i * 4 + k] * o[k * 4 + j];
        out[i * 4 + j] = s;
      }
    }
    return new Pose(out);
  }

  /**
   * The transform taking points of camera A's frame to camera B's frame, for camera-to-world poses:
   * {@code inverse(poseB) ∘ poseA}.
   */
  public static Pose relative(Pose cameraToWorldA, Pose cameraToWorldB) {
    return cameraToWorldB.inverse().compose(cameraToWorldA);
  }

  /**
   * The angle of the relative rotation between two poses, in degrees: {@code acos((trace(R_A^T R_B) - 1) / 2)}
   * (the geodesic distance on SO(3), as Probe3D's {@code so3_rotation_angle}).
   */
  public static double rotationAngleDeg(Pose a, Pose b) {
    double tr = 0;
    for (int i = 0; i < 3; i++) for (int k = 0; k < 3; k++) tr += a.get(k, i) * b.get(k, i);
    double c = Math.max(-1, Math.min(1, (tr - 1) / 2));
    return Math.toDegrees(Math.acos(c));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pose p && Arrays.equals(m, p.m);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(m);
  }

  @Override
  public String toString() {
    return "Pose" + Arrays.toString(m);
  }
}
