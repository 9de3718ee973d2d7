package io.clipwb.core.sample;

import java.util.List;
import java.util.Optional;

/**
 * Everything that determines one sample image — and so its ground-truth metadata. Positions and
 * sizes are given in pixels of the front view (camera 0) at the object's depth; the renderer turns
 * them into a 3D scene (camera looking down +z, x right, y down; metres).
 *
 * @param size image side in pixels
 * @param style {@code photo} or {@code outline} (line drawing, no colour or texture)
 * @param background background name (see {@link SampleWorld})
 * @param backgroundDepth distance of the background plane along the optical axis at the image centre (m)
 * @param tiltX background plane normal's x slope (the plane is tilted, so depth varies across it)
 * @param tiltY background plane normal's y slope
 * @param brightness multiplies the rendered colour (1 = nominal; the {@code dark} shift uses ~0.2)
 * @param noise standard deviation of additive pixel noise, in 8-bit levels
 * @param seed seeds the image's texture/background hashing and its pixel noise
 */
public record SceneSpec(
    int size,
    String style,
    String background,
    double backgroundDepth,
    double tiltX,
    double tiltY,
    double brightness,
    double noise,
    long seed,
    List<ObjectSpec> objects,
    Optional<Occluder> occluder) {

  /**
   * One object: a flat textured silhouette facing the camera.
   *
   * @param shape shape name
   * @param texture texture name, or null for outline drawings
   * @param colour colour name, or null for outline drawings
   * @param x centre, pixels from the left of the front view
   * @param y centre, pixels from the top
   * @param radius radius of the shape's unit disc, pixels
   * @param rotation in-plane rotation, degrees clockwise
   * @param depth distance from camera 0 (m)
   * @param textureScale texture frequency multiplier (jitter)
   * @param textureDu texture phase offset along u
   * @param textureDv texture phase offset along v
   */
  public record ObjectSpec(
      String shape, String texture, String colour, double x, double y, double radius, double rotation,
      double depth, double textureScale, double textureDu, double textureDv) {}

  /** A flat grey card between camera and object, hiding part of it (ImageNet-X "partial view"). */
  public record Occluder(double x0, double y0, double x1, double y1, double depth, int grey) {}

  public ObjectSpec main() {
    return objects.get(0);
  }
}
