package io.clipwb.core.eval.correspondence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Pinhole intrinsics. Pixel convention: integer pixel coordinates are pixel <em>centres</em> (the
 * OpenCV/Open3D convention, which is why Open3D's PrimeSense default has {@code cx = 319.5} for a
 * 640-pixel-wide image): a camera-frame point (x, y, z), z &gt; 0, projects to
 * {@code u = fx x / z + cx}, {@code v = fy y / z + cy}; x right, y down, z forward.
 *
 * @param width image width in pixels
 * @param height image height in pixels
 */
public record Intrinsics(
    @JsonProperty("fx") double fx,
    @JsonProperty("fy") double fy,
    @JsonProperty("cx") double cx,
    @JsonProperty("cy") double cy,
    @JsonProperty("width") int width,
    @JsonProperty("height") int height) {
  public Intrinsics {
    if (!(fx > 0) || !(fy > 0)) throw new IllegalArgumentException("focal lengths must be positive: fx=" + fx + " fy=" + fy);
    if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
  }

  /** Projects a camera-frame point; returns {u, v} (meaningless for z ≤ 0: check first). */
  public double[] project(double x, double y, double z) {
    return new double[] {fx * x / z + cx, fy * y / z + cy};
  }

  /** The camera-frame point at pixel (u, v) with depth z (along the optical axis, metres). */
  public double[] backProject(double u, double v, double z) {
    return new double[] {(u - cx) / fx * z, (v - cy) / fy * z, z};
  }

  /** True when (u, v) lies on the image: pixel centres 0..width-1, so the area is [-0.5, width-0.5). */
  public boolean inBounds(double u, double v) {
    return u >= -0.5 && u < width - 0.5 && v >= -0.5 && v < height - 0.5;
  }

  /**
   * Reads Open3D's {@code PinholeCameraIntrinsic} JSON ({@code camera_primesense.json}): {@code width},
   * {@code height} and a column-major 3x3 {@code intrinsic_matrix} [fx, 0, 0, 0, fy, 0, cx, cy, 1].
   */
  public static Intrinsics readOpen3d(Path file) {
    JsonNode n;
    try {
      n = Json.read(file);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(file + ": not readable camera JSON: " + e.getMessage(), e);
    }
    JsonNode k = n.get("intrinsic_matrix");
    if (k == null || !k.isArray() || k.size() != 9) {
      throw new IllegalArgumentException(file + ": expected \"intrinsic_matrix\" with 9 numbers (column-major 3x3)");
    }
    if (!n.path("width").canConvertToInt() || !n.path("height").canConvertToInt() || !n.path("width").isNumber()) {
      throw new IllegalArgumentException(file + ": expected integer \"width\" and \"height\"");
    }
    double[] m = new double[9];
    for (int i = 0; i < 9; i++) {
      if (!k.get(i).isNumber()) throw new IllegalArgumentException(file + ": intrinsic_matrix[" + i + "] is not a number");
      m[i] = k.get(i).asDouble();
    }
    if (m[1] != 0 || m[2] != 0 || m[5] != 0 || m[8] != 1) {
      throw new IllegalArgumentException(file + ": intrinsic_matrix is not a pinhole matrix in Open3D's column-major layout");
    }
    return new Intrinsics(m[0], m[4], m[6], m[7], n.get("width").asInt(), n.get("height").asInt());
  }
}
