package io.clipwb.core.sample;

import java.util.HashMap;
import java.util.Map;

/**
 * The silhouettes of the sample world as inside-tests in object-local coordinates: {@code u} to
 * the right, {@code v} downwards, the shape fitting the unit disc (radius 1 = the object's size).
 * Polygons use the even-odd rule; curved shapes are implicit.
 */
final class Shapes {
  private Shapes() {}

  private static final Map<String, double[]> POLYGONS = new HashMap<>();

  static {
    POLYGONS.put("triangle", regular(3, 1.0, -Math.PI / 2, 0.18));
    POLYGONS.put("hexagon", regular(6, 0.95, 0, 0));
    POLYGONS.put("star", star(5, 1.0, 0.42));
    POLYGONS.put("arrow", new double[] {-0.95, -0.22, 0.1, -0.22, 0.1, -0.62, 0.95, 0, 0.1, 0.62, 0.1, 0.22, -0.95, 0.22});
    POLYGONS.put("hourglass", new double[] {-0.75, -0.95, 0.75, -0.95, 0.14, 0, 0.75, 0.95, -0.75, 0.95, -0.14, 0});
    POLYGONS.put("chevron", new double[] {-0.95, -0.6, 0, 0.15, 0.95, -0.6, 0.95, 0.05, 0, 0.8, -0.95, 0.05});
    POLYGONS.put("bolt", new double[] {0.25, -1.0, -0.6, 0.12, -0.05, 0.12, -0.3, 1.0, 0.62, -0.2, 0.07, -0.2});
    POLYGONS.put("keyhole", new double[] {-0.18, -0.2, 0.18, -0.2, 0.45, 0.95, -0.45, 0.95});
  }

  private static double[] regular(int n, double r, double phase, double dy) {
    double[] p = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double a = phase + 2 * Math.PI * i / n;
      p[2 * i] = r * Math.cos(a);
      p[2 * i + 1] = r * Math.sin(a) + dy;
    }
    return p;
  }

  private static double[] star(int n, double outer, double inner) {
    double[] p = new double[4 * n];
    for (int i = 0; i < 2 * n; i++) {
      double a = -Math.PI / 2 + Math.PI * i / n;
      double r = i % 2 == 0 ? outer : inner;
      p[2 * i] = r * Math.cos(a);
      p[2 * i + 1] = r * Math.sin(a) + 0.05;
    }
    return p;
  }

  static boolean known(String shape) {
    return POLYGONS.containsKey(shape) || switch (shape) {
      case "circle", "square", "cross", "heart", "ring", "crescent", "diamond", "ellipse", "semicircle",
          "flower", "gear", "patch" -> true;
      default -> false;
    };
  }

  /** Whether the local point (u, v) lies inside {@code shape}. */
  static boolean inside(String shape, double u, double v) {
    double[] poly = POLYGONS.get(shape);
    if (poly != null) {
      boolean in = inPolygon(poly, u, v);
      if ("keyhole".equals(shape)) in |= (u * u + (v + 0.4) * (v + 0.4)) <= 0.45 * 0.45;
      return in;
    }
    double r2 = u * u + v * v;
    switch (shape) {
      case "circle":
        return r2 <= 0.9 * 0.9;
      case "square":
        return Math.abs(u) <= 0.76 && Math.abs(v) <= 0.76;
      case "cross":
        return (Math.abs(u) <= 0.3 && Math.abs(v) <= 0.95) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 0.95);
      case "heart": {
        double x = u * 1.2, y = -v * 1.2 + 0.15;
        double a = x * x + y * y - 1;
        return a * a * a - x * x * y * y * y <= 0;
      }
      case "ring":
        return r2 <= 0.95 * 0.95 && r2 >= 0.5 * 0.5;
      case "crescent": {
        double du = u - 0.42, dv = v + 0.12;
        return r2 <= 0.95 * 0.95 && du * du + dv * dv > 0.78 * 0.78;
      }
      case "diamond":
        return Math.abs(u) / 0.6 + Math.abs(v) / 1.0 <= 1;
      case "ellipse":
        return (u / 0.98) * (u / 0.98) + (v / 0.5) * (v / 0.5) <= 1;
      case "semicircle": {
        double dv = v - 0.35;
        return u * u + dv * dv <= 0.98 * 0.98 && dv <= 0;
      }
      case "flower": {
        double r = Math.sqrt(r2), a = Math.atan2(v, u);
        return r <= 0.25 + 0.72 * Math.abs(Math.cos(3 * a));
      }
      case "gear": {
        double r = Math.sqrt(r2), a = Math.atan2(v, u);
        return r >= 0.28 && r <= (Math.cos(10 * a) > 0 ? 0.95 : 0.72);
      }
      case "patch":
        return true;
      default:
        throw new IllegalArgumentException("unknown shape '" + shape + "'");
    }
  }

  private static boolean inPolygon(double[] p, double x, double y) {
    boolean in = false;
    int n = p.length / 2;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double xi = p[2 * i], yi = p[2 * i + 1], xj = p[2 * j], yj = p[2 * j + 1];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
    }
    return in;
  }
}
