package io.clipwb.core.sample;

/**
 * A pinhole camera of the sample world: intrinsics {@code K = [[f,0,cx],[0,f,cy],[0,0,1]]} in
 * pixels (pixel centres at integer + 0.5), and the pose as camera-to-world rotation and centre.
 * {@link #camFromWorld()} gives the 4x4 extrinsic matrix written for multi-view pairs.
 */
public record Camera(double f, double cx, double cy, double[] rotCamToWorld, double[] centre) {

  /** Camera 0: at the origin, looking down +z, focal length = image size (≈ 53° field of view). */
  public static Camera front(int size) {
    return new Camera(size, size / 2.0, size / 2.0, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, 0});
  }

  /**
   * Camera 0 orbited about the point (0, 0, pivotZ) by {@code yaw} (about y) then {@code pitch}
   * (about x) degrees, still looking at the pivot.
   */
  public static Camera orbit(int size, double pivotZ, double yawDeg, double pitchDeg) {
    double a = Math.toRadians(yawDeg), b = Math.toRadians(pitchDeg);
    double[] ry = {Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
    double[] rx = {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)};
    double[] r = mul(ry, rx);
    // centre = pivot + R * (0, 0, -pivotZ)
    double[] c = {-r[2] * pivotZ, -r[5] * pivotZ, pivotZ - r[8] * pivotZ};
    return new Camera(size, size / 2.0, size / 2.0, r, c);
  }

  /** World direction of the ray through pixel coordinate (px, py), with camera-z component 1. */
  double[] ray(double px, double py) {
    double x = (px - cx) / f, y = (py - cy) / f;
    double[] r = rotCamToWorld;
    return new double[] {r[0] * x + r[1] * y + r[2], r[3] * x + r[4] * y + r[5], r[6] * x + r[7] * y + r[8]};
  }

  public double[][] intrinsics() {
    return new double[][] {{f, 0, cx}, {0, f, cy}, {0, 0, 1}};
  }

  /** 4x4 world-to-camera matrix [R^T | -R^T c]. */
  public double[][] camFromWorld() {
    double[] r = rotCamToWorld;
    double[][] m = new double[4][4];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) m[i][j] = r[j * 3 + i];
      m[i][3] = -(m[i][0] * centre[0] + m[i][1] * centre[1] + m[i][2] * centre[2]);
    }
    m[3][3] = 1;
    return m;
  }

  private static double[] mul(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++)
        for (int k = 0; k < 3; k++) c[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
    return c;
  }
}
