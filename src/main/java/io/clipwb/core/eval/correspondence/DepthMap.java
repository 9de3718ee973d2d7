package io.clipwb.core.eval.correspondence;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A depth image in metres (0 = no measurement), row-major: depth of pixel (u, v) at {@code v * width + u}.
 * Depth is the z coordinate in the camera frame (along the optical axis), as RGB-D sensors and
 * Open3D store it.
 */
public record DepthMap(int width, int height, float[] metres) {
  public DepthMap {
    if ((long) width * height != metres.length) {
      throw new IllegalArgumentException("depth buffer of " + metres.length + " values does not fit " + width + "x" + height);
    }
  }

  /** Depth at integer pixel (u, v), 0 when unknown or outside the image. */
  public float at(int u, int v) {
    if (u < 0 || v < 0 || u >= width || v >= height) return 0f;
    return metres[v * width + u];
  }

  /** Depth at the pixel nearest to (u, v) (0 when unknown or outside). */
  public float nearest(double u, double v) {
    return at((int) Math.round(u), (int) Math.round(v));
  }

  /**
   * Reads a 16-bit single-channel PNG and divides by {@code unitsPerMetre} (Open3D's
   * {@code depth_scale}: 1000 for millimetres, as in Open3D's test frames and TUM uses 5000).
   * Values equal to {@code invalidValue} (e.g. 65535 in 3DCC; pass -1 for none) and 0 become 0.
   */
  public static DepthMap readPng16(Path file, double unitsPerMetre, int invalidValue) {
    if (!(unitsPerMetre > 0)) throw new IllegalArgumentException("depth scale must be positive, got " + unitsPerMetre);
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": depth image not found");
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read depth image: " + e.getMessage(), e);
    }
    if (img == null) throw new IllegalArgumentException(file + ": not a readable image (expected a 16-bit PNG)");
    Raster r = img.getRaster();
    int bits = img.getColorModel().getComponentSize(0);
    if (r.getNumBands() != 1 || bits != 16) {
      throw new IllegalArgumentException(
          file + ": expected a 16-bit single-channel depth PNG but found " + r.getNumBands() + " band(s) of " + bits + " bits");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    float[] d = new float[w * h];
    int[] row = new int[w];
    for (int v = 0; v < h; v++) {
      r.getSamples(0, v, w, 1, 0, row);
      for (int u = 0; u < w; u++) {
        int raw = row[u];
        d[v * w + u] = (raw == 0 || raw == invalidValue) ? 0f : (float) (raw / unitsPerMetre);
      }
    }
    return new DepthMap(w, h, d);
  }
}
