package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A per-pixel depth map in metres ({@code NaN} = no measurement), aligned with an RGB image.
 * Read from a 16-bit PNG with a stated {@link Scale}: Open3D / TUM / Kinect frames store
 * millimetres with 0 = missing; Taskonomy / 3DCC store 1/512 m with 65535 = missing.
 */
public record DepthMap(int width, int height, float[] metres, String source) {

  /** How raw 16-bit samples become metres, and which raw value marks "no depth". */
  public record Scale(double metresPerUnit, int invalidRaw, String name) {
    /** Open3D, TUM, Kinect: millimetres, 0 = missing. */
    public static final Scale MILLIMETRES = new Scale(0.001, 0, "mm");
    /** Taskonomy / 3D Common Corruptions: 1/512 m, 65535 = missing. */
    public static final Scale TASKONOMY = new Scale(1.0 / 512, 65535, "1/512m");

    /** "mm", "1/512m" (alias "taskonomy", "3dcc"), or a number of metres per unit ("0.0002"). */
    public static Scale parse(String s) {
      String k = s.trim().toLowerCase(Locale.ROOT);
      switch (k) {
        case "mm": case "millimetres": case "millimeters": case "open3d": return MILLIMETRES;
        case "1/512m": case "taskonomy": case "3dcc": return TASKONOMY;
        default:
          try {
            double v = Double.parseDouble(k);
            if (!(v > 0)) throw new NumberFormatException();
            return new Scale(v, 0, k + "m");
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("depth scale '" + s + "': use mm, 1/512m, or metres per unit (a positive number)", e);
          }
      }
    }
  }

  public DepthMap {
    if ((long) width * height != metres.length) {
      throw new IllegalArgumentException("depth buffer of " + metres.length + " does not fit " + width + "x" + height);
    }
  }

  /**
   * Reads and validates a single-channel 16-bit PNG depth map.
   *
   * @throws IllegalArgumentException naming the file when it is unreadable, not single-channel, or
   *     holds no valid depth at all
   */
  public static DepthMap read(Path file, Scale scale) {
    CvOps.Gray16 g = CvOps.readGray16(file);
    if (g.bitDepth() != 16) {
      throw new IllegalArgumentException("depth map " + file + ": expected a 16-bit PNG, found " + g.bitDepth() + "-bit samples");
    }
    float[] m = new float[g.values().length];
    int valid = 0;
    for (int i = 0; i < m.length; i++) {
      int v = g.values()[i];
      if (v == scale.invalidRaw()) {
        m[i] = Float.NaN;
      } else {
        m[i] = (float) (v * scale.metresPerUnit());
        valid++;
      }
    }
    if (valid == 0) {
      throw new IllegalArgumentException("depth map " + file + ": every pixel is invalid (raw value " + scale.invalidRaw()
          + " with scale " + scale.name() + ") — nothing to corrupt with; is the scale right?");
    }
    return new DepthMap(g.width(), g.height(), m, file.toString());
  }

  /** Fails with a clear message unless this map has the image's size. */
  public void checkMatches(RgbImage image) {
    if (image.width() != width || image.height() != height) {
      throw new IllegalArgumentException("depth map " + source + " is " + width + "x" + height + " but its image is "
          + image.width() + "x" + image.height() + " (depth must be pixel-aligned with the RGB image)");
    }
  }

  public int validCount() {
    int n = 0;
    for (float v : metres) if (!Float.isNaN(v)) n++;
    return n;
  }

  /** Depth in metres with missing pixels filled by the largest valid depth (the 3DCC convention). */
  public float[] filledMetres() {
    float max = 0;
    for (float v : metres) if (!Float.isNaN(v)) max = Math.max(max, v);
    if (max == 0 && validCount() == 0) throw new IllegalArgumentException("depth map " + source + ": every pixel is invalid");
    float[] out = metres.clone();
    for (int i = 0; i < out.length; i++) if (Float.isNaN(out[i])) out[i] = max;
    return out;
  }

  /** The q-quantile of valid depths (linear interpolation, NumPy's default). */
  public double quantile(double q) {
    float[] v = new float[validCount()];
    int j = 0;
    for (float x : metres) if (!Float.isNaN(x)) v[j++] = x;
    Arrays.sort(v);
    return quantileSorted(v, q);
  }

  static double quantileSorted(float[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Nearest-neighbour resize (depth must never be interpolated across edges). */
  public DepthMap resized(int w, int h) {
    if (w == width && h == height) return this;
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      int sy = Math.min(height - 1, (int) ((y + 0.5) * height / h));
      for (int x = 0; x < w; x++) {
        int sx = Math.min(width - 1, (int) ((x + 0.5) * width / w));
        out[y * w + x] = metres[sy * width + sx];
      }
    }
    return new DepthMap(w, h, out, source);
  }

  /** Central crop. */
  public DepthMap cropped(int x0, int y0, int w, int h) {
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) System.arraycopy(metres, (y + y0) * width + x0, out, y * w, w);
    return new DepthMap(w, h, out, source);
  }
}
