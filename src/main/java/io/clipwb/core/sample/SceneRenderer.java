package io.clipwb.core.sample;

import io.clipwb.core.image.RgbImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders a {@link SceneSpec} by ray casting: every pixel shoots 3x3 rays (anti-aliasing done by
 * us, so no platform rasteriser can change a byte), each ray meets the nearest of: the occluder
 * card, the object planes (a hit counts only inside the silhouette), the tilted background plane.
 * The depth map is the camera-z of the pixel-centre ray's hit — exact, not estimated.
 */
public final class SceneRenderer {
  private static final int SS = 3;

  private SceneRenderer() {}

  /**
   * A rendered view.
   *
   * @param image the RGB image
   * @param depth camera-z per pixel, metres, row-major
   * @param occlusion fraction of the main object's pixels hidden by the occluder (0 when none)
   * @param objectFraction fraction of the image covered by visible object pixels
   */
  public record View(RgbImage image, float[] depth, double occlusion, double objectFraction) {}

  private record Placed(SceneSpec.ObjectSpec spec, double x0, double y0, double radius, double cos, double sin,
                        double[] base, double[] tint) {}

  public static View render(SceneSpec s, Camera cam) {
    int n = s.size();
    double f0 = n; // camera 0 focal length: pixel sizes are specified in its image
    List<SceneSpec.ObjectSpec> objs = s.objects();
    Placed[] placed = new Placed[objs.size()];
    for (int i = 0; i < placed.length; i++) {
      SceneSpec.ObjectSpec o = objs.get(i);
      double k = o.depth() / f0;
      double a = Math.toRadians(o.rotation());
      double[] base = null, tint = null;
      if (o.colour() != null) {
        int[] c = SampleWorld.COLOUR_RGB[SampleWorld.COLOURS.indexOf(o.colour())];
        base = new double[] {c[0], c[1], c[2]};
        tint = new double[] {c[0] + (255 - c[0]) * 0.55, c[1] + (255 - c[1]) * 0.55, c[2] + (255 - c[2]) * 0.55};
      }
      placed[i] = new Placed(o, (o.x() - n / 2.0) * k, (o.y() - n / 2.0) * k, o.radius() * k, Math.cos(a), Math.sin(a), base, tint);
    }
    double[] nb = {s.tiltX(), s.tiltY(), 1};
    double nl = Math.sqrt(nb[0] * nb[0] + nb[1] * nb[1] + 1);
    for (int i = 0; i < 3; i++) nb[i] /= nl;
    double hb = nb[2] * s.backgroundDepth();
    SceneSpec.Occluder occ = s.occluder().orElse(null);
    double[] occW = null;
    if (occ != null) {
      double k = occ.depth() / f0;
      occW = new double[] {(occ.x0() - n / 2.0) * k, (occ.y0() - n / 2.0) * k, (occ.x1() - n / 2.0) * k, (occ.y1() - n / 2.0) * k};
    }
    int bgIndex = SampleWorld.BACKGROUNDS.indexOf(s.background());
    boolean outline = "outline".equals(s.style());

    byte[] rgb = new byte[n * n * 3];
    float[] depth = new float[n * n];
    SplittableRandom noise = new SplittableRandom(s.seed() ^ 0x2545F4914F6CDD1DL);
    long visible = 0, hidden = 0, objectPixels = 0;
    double[] acc = new double[3];
    double[] col = new double[3];
    double[] c0 = cam.centre();
    for (int py = 0; py < n; py++) {
      for (int px = 0; px < n; px++) {
        acc[0] = acc[1] = acc[2] = 0;
        for (int sy = 0; sy < SS; sy++) {
          for (int sx = 0; sx < SS; sx++) {
            boolean centreRay = sx == SS / 2 && sy == SS / 2;
            double[] d = cam.ray(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
            // background
            double tBest = (hb - dot(nb, c0)) / dot(nb, d);
            int hit = -1; // -1 background, -2 occluder, i object
            double hu = 0, hv = 0;
            for (int i = 0; i < placed.length; i++) {
              Placed p = placed[i];
              double t = (p.spec.depth() - c0[2]) / d[2];
              if (t <= 0 || t >= tBest) continue;
              double wx = c0[0] + t * d[0] - p.x0, wy = c0[1] + t * d[1] - p.y0;
              double u = (p.cos * wx + p.sin * wy) / p.radius, v = (-p.sin * wx + p.cos * wy) / p.radius;
              if (Shapes.inside(p.spec.shape(), u, v)) {
                tBest = t;
                hit = i;
                hu = u;
                hv = v;
              }
            }
            int objHit = hit;
            if (occW != null) {
              double t = (occ.depth() - c0[2]) / d[2];
              if (t > 0 && t < tBest) {
                double wx = c0[0] + t * d[0], wy = c0[1] + t * d[1];
                if (wx >= occW[0] && wx <= occW[2] && wy >= occW[1] && wy <= occW[3]) {
                  tBest = t;
                  hit = -2;
                }
              }
            }
            if (centreRay) {
              depth[py * n + px] = (float) tBest;
              if (objHit == 0) {
                if (hit == -2) hidden++;
                else visible++;
              }
              if (hit >= 0) objectPixels++;
            }
            if (hit >= 0) {
              shadeObject(placed[hit], hu, hv, tBest, f0, outline, s.seed(), col);
            } else if (hit == -2) {
              col[0] = col[1] = col[2] = occ.grey();
            } else {
              double wx = c0[0] + tBest * d[0], wy = c0[1] + tBest * d[1];
              shadeBackground(s, bgIndex, outline, wx, wy, tBest, col);
            }
            acc[0] += col[0];
            acc[1] += col[1];
            acc[2] += col[2];
          }
        }
        int o = (py * n + px) * 3;
        for (int c = 0; c < 3; c++) {
          double val = acc[c] / (SS * SS) * s.brightness();
          if (s.noise() > 0) val += s.noise() * gaussianish(noise);
          rgb[o + c] = (byte) Math.max(0, Math.min(255, (int) Math.round(val)));
        }
      }
    }
    double occlusion = visible + hidden == 0 ? 0 : (double) hidden / (visible + hidden);
    return new View(new RgbImage(n, n, rgb), depth, occlusion, objectPixels / (double) (n * n));
  }

  private static void shadeObject(Placed p, double u, double v, double t, double f, boolean outline, long seed, double[] col) {
    if (outline || p.base == null) {
      // a line where the silhouette ends within ~1.3 pixels
      double w = 1.3 * (t / f) / p.radius;
      String sh = p.spec.shape();
      boolean edge = !Shapes.inside(sh, u + w, v) || !Shapes.inside(sh, u - w, v)
          || !Shapes.inside(sh, u, v + w) || !Shapes.inside(sh, u, v - w);
      double g = edge ? 25 : 250;
      col[0] = col[1] = col[2] = g;
      return;
    }
    SceneSpec.ObjectSpec o = p.spec;
    double k = o.textureScale();
    double m = Textures.value(o.texture(), u * k + o.textureDu(), v * k + o.textureDv(), seed);
    for (int c = 0; c < 3; c++) col[c] = p.base[c] * (1 - m) + p.tint[c] * m;
  }

  private static void shadeBackground(SceneSpec s, int bgIndex, boolean outline, double wx, double wy, double z, double[] col) {
    if (outline) {
      col[0] = col[1] = col[2] = 245;
      return;
    }
    long seed = s.seed() * 31 + 7;
    if (bgIndex >= 0) {
      int[] b = SampleWorld.BACKGROUND_RGB[bgIndex];
      double shade = 1.08 - 0.06 * z;
      double grain = 10 * (Textures.hash01(Math.floor(wx / 0.04), Math.floor(wy / 0.04), seed) - 0.5);
      for (int c = 0; c < 3; c++) col[c] = b[c] * shade + grain;
      return;
    }
    switch (s.background()) {
      case "cluttered" -> {
        for (int c = 0; c < 3; c++) {
          double nv = Textures.valueNoise(wx / 0.18, wy / 0.18, seed + 101L * c);
          col[c] = 30 + 210 * nv;
        }
      }
      case "noisy" -> {
        for (int c = 0; c < 3; c++) col[c] = 255 * Textures.hash01(Math.floor(wx / 0.012), Math.floor(wy / 0.012), seed + 977L * c);
      }
      default -> throw new IllegalArgumentException("unknown background '" + s.background() + "'");
    }
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  /** Approximately standard normal: sum of 4 uniforms, rescaled (cheap and deterministic). */
  private static double gaussianish(SplittableRandom r) {
    return (r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble() - 2.0) * 1.7320508;
  }
}
