package io.clipwb.core.sample;

/**
 * The textures of the sample world as functions of object-local coordinates (the pattern turns
 * and scales with the object): each returns a mix weight in [0, 1] between the object's colour
 * (0) and its lighter tint (1). Random-looking textures hash integer cells with the image's own
 * seed, so they are deterministic and the same in every view of a scene.
 */
final class Textures {
  private Textures() {}

  static double value(String texture, double u, double v, long seed) {
    switch (texture) {
      case "striped":
        return parity(Math.floor(v / 0.4));
      case "diagonal":
        return parity(Math.floor((u + v) / 0.55));
      case "dotted": {
        double fu = frac(u / 0.42) - 0.5, fv = frac(v / 0.42) - 0.5;
        return fu * fu + fv * fv <= 0.27 * 0.27 ? 1 : 0;
      }
      case "checkered":
        return parity(Math.floor(u / 0.45) + Math.floor(v / 0.45));
      case "wavy":
        return parity(Math.floor((u + 0.22 * Math.sin(v * 2 * Math.PI / 0.7)) / 0.38));
      case "gridded":
        return frac(u / 0.5) < 0.22 || frac(v / 0.5) < 0.22 ? 1 : 0;
      case "speckled":
        return hash01(Math.floor(u / 0.13), Math.floor(v / 0.13), seed) > 0.5 ? 1 : 0;
      case "zigzag": {
        double tri = Math.abs(frac(u / 0.5) - 0.5) * 2;
        return parity(Math.floor((v + 0.25 * tri) / 0.36));
      }
      case "concentric":
        return parity(Math.floor(Math.sqrt(u * u + v * v) / 0.26));
      case "plain":
        return 0;
      case "spotted": {
        double cu = Math.floor(u / 0.7), cv = Math.floor(v / 0.7);
        double ou = 0.25 + 0.5 * hash01(cu, cv, seed), ov = 0.25 + 0.5 * hash01(cv, cu, seed ^ 0x5bd1e995L);
        double du = frac(u / 0.7) - ou, dv = frac(v / 0.7) - ov;
        return du * du + dv * dv <= 0.24 * 0.24 ? 1 : 0;
      }
      case "crosshatched":
        return frac((u + v) / 0.4) < 0.25 || frac((u - v) / 0.4) < 0.25 ? 1 : 0;
      case "shaded":
        return clamp01((u + 1) / 2);
      case "brick": {
        double row = Math.floor(v / 0.3);
        double fu = frac((u + (parity(row) * 0.3)) / 0.6), fv = frac(v / 0.3);
        return fu < 0.12 || fv < 0.2 ? 1 : 0;
      }
      case "scaly": {
        double row = Math.floor(v / 0.3);
        double fu = frac((u + parity(row) * 0.2) / 0.4) - 0.5, fv = frac(v / 0.3);
        double d = Math.sqrt(fu * fu + fv * fv * 1.8);
        return d > 0.32 && d < 0.5 ? 1 : 0;
      }
      case "marbled": {
        double n = valueNoise(u / 0.5, v / 0.5, seed);
        return 0.5 + 0.5 * Math.sin(7 * u + 6 * n);
      }
      // novel textures: never in training
      case "plaid":
        return 0.55 * parity(Math.floor(u / 0.5)) + 0.45 * parity(Math.floor(v / 0.3));
      case "honeycomb": {
        double s = 0.32, q = (u * 0.57735 - v / 3.0) / s * 1.5, r = (v * 2 / 3.0) / s * 1.5;
        double x = q, z = r, y = -x - z;
        double rx = Math.round(x), ry = Math.round(y), rz = Math.round(z);
        double dx = Math.abs(rx - x), dy = Math.abs(ry - y), dz = Math.abs(rz - z);
        double m = Math.max(dx, Math.max(dy, dz));
        return m > 0.38 ? 1 : 0;
      }
      case "rippled":
        return 0.5 + 0.5 * Math.sin(Math.hypot(u + 1.1, v + 0.9) * 14);
      case "sparkly":
        return hash01(Math.floor(u / 0.08), Math.floor(v / 0.08), seed) > 0.85 ? 1 : 0;
      default:
        throw new IllegalArgumentException("unknown texture '" + texture + "'");
    }
  }

  static double parity(double k) {
    return Math.floorMod((long) k, 2L);
  }

  static double frac(double x) {
    return x - Math.floor(x);
  }

  static double clamp01(double x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  /** Uniform [0, 1) from an integer cell and a seed (SplitMix64 finaliser). */
  static double hash01(double cx, double cy, long seed) {
    long h = seed ^ ((long) cx * 0x9E3779B97F4A7C15L) ^ ((long) cy * 0xC2B2AE3D27D4EB4FL);
    return (mix64(h) >>> 11) * 0x1.0p-53;
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Smooth value noise in [0, 1]. */
  static double valueNoise(double x, double y, long seed) {
    double x0 = Math.floor(x), y0 = Math.floor(y);
    double fx = x - x0, fy = y - y0;
    fx = fx * fx * (3 - 2 * fx);
    fy = fy * fy * (3 - 2 * fy);
    double a = hash01(x0, y0, seed), b = hash01(x0 + 1, y0, seed);
    double c = hash01(x0, y0 + 1, seed), d = hash01(x0 + 1, y0 + 1, seed);
    return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
  }
}
