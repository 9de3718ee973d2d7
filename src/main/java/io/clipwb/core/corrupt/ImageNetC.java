package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import java.nio.file.Path;

/**
 * The 19 ImageNet-C corruptions (15 benchmark + 4 extra) at severities 1–5, with the parameters of
 * the reference implementation, hendrycks/robustness {@code ImageNet-C/imagenet_c/imagenet_c/corruptions.py}
 * (identical to {@code ImageNet-C/create_c/make_imagenet_c.py}, which produced the published set).
 *
 * <p>Each method takes an RGB image of any size (the reference assumes 224x224; sizes and crop
 * windows are generalised to the image's own width and height) and returns the corrupted RGB image
 * quantised exactly like the reference's {@code np.uint8(np.clip(x, 0, 1) * 255)} (truncation).
 * Deviations, all documented in {@code docs/corruptions.md}: ImageMagick's motion blur (used by
 * motion blur and snow) is re-implemented from its kernel definition; random streams are Java's,
 * not NumPy's; frost overlays are enlarged when the image is larger than the overlay.
 */
public final class ImageNetC {
  private ImageNetC() {}

  /** Applies one ImageNet-C corruption. */
  public static RgbImage apply(Corruption c, int severity, RgbImage x, Rng rng) {
    Corruption.checkSeverity(severity);
    return switch (c) {
      case GAUSSIAN_NOISE -> gaussianNoise(x, severity, rng);
      case SHOT_NOISE -> shotNoise(x, severity, rng);
      case IMPULSE_NOISE -> impulseNoise(x, severity, rng);
      case SPECKLE_NOISE -> speckleNoise(x, severity, rng);
      case GAUSSIAN_BLUR -> gaussianBlur(x, severity);
      case GLASS_BLUR -> glassBlur(x, severity, rng);
      case DEFOCUS_BLUR -> defocusBlur(x, severity);
      case MOTION_BLUR -> motionBlur(x, severity, rng);
      case ZOOM_BLUR -> zoomBlur(x, severity);
      case FOG -> fog(x, severity, rng);
      case FROST -> frost(x, severity, rng);
      case SNOW -> snow(x, severity, rng);
      case SPATTER -> spatter(x, severity, rng);
      case CONTRAST -> contrast(x, severity);
      case BRIGHTNESS -> brightness(x, severity);
      case SATURATE -> saturate(x, severity);
      case JPEG_COMPRESSION -> jpegCompression(x, severity);
      case PIXELATE -> pixelate(x, severity);
      case ELASTIC_TRANSFORM -> elasticTransform(x, severity, rng);
      default -> throw new IllegalArgumentException(c.id() + " is not an ImageNet-C corruption");
    };
  }

  // Each family lives in its own class; these are the public entry points.

  /** See {@link NoiseCorruptions#gaussianNoise}. */
  public static RgbImage gaussianNoise(RgbImage img, int s, Rng rng) {
    return NoiseCorruptions.gaussianNoise(img, s, rng);
  }

  /** See {@link NoiseCorruptions#shotNoise}. */
  public static RgbImage shotNoise(RgbImage img, int s, Rng rng) {
    return NoiseCorruptions.shotNoise(img, s, rng);
  }

  /** See {@link NoiseCorruptions#impulseNoise}. */
  public static RgbImage impulseNoise(RgbImage img, int s, Rng rng) {
    return NoiseCorruptions.impulseNoise(img, s, rng);
  }

  /** See {@link NoiseCorruptions#speckleNoise}. */
  public static RgbImage speckleNoise(RgbImage img, int s, Rng rng) {
    return NoiseCorruptions.speckleNoise(img, s, rng);
  }

  /** See {@link BlurCorruptions#gaussianBlur}. */
  public static RgbImage gaussianBlur(RgbImage img, int s) {
    return BlurCorruptions.gaussianBlur(img, s);
  }

  /** See {@link BlurCorruptions#glassBlur}. */
  public static RgbImage glassBlur(RgbImage img, int s, Rng rng) {
    return BlurCorruptions.glassBlur(img, s, rng);
  }

  /** See {@link BlurCorruptions#defocusBlur}. */
  public static RgbImage defocusBlur(RgbImage img, int s) {
    return BlurCorruptions.defocusBlur(img, s);
  }

  /** See {@link BlurCorruptions#motionBlur}. */
  public static RgbImage motionBlur(RgbImage img, int s, Rng rng) {
    return BlurCorruptions.motionBlur(img, s, rng);
  }

  /** See {@link BlurCorruptions#imageMagickMotionBlur}. */
  static FloatImage imageMagickMotionBlur(FloatImage img, double radius, double sigma, double angleDeg) {
    return BlurCorruptions.imageMagickMotionBlur(img, radius, sigma, angleDeg);
  }

  /** See {@link BlurCorruptions#zoomBlur}. */
  public static RgbImage zoomBlur(RgbImage img, int s) {
    return BlurCorruptions.zoomBlur(img, s);
  }

  /** See {@link WeatherCorruptions#fog}. */
  public static RgbImage fog(RgbImage img, int s, Rng rng) {
    return WeatherCorruptions.fog(img, s, rng);
  }

  /** See {@link WeatherCorruptions#frostDirectory}. */
  public static Path frostDirectory() {
    return WeatherCorruptions.frostDirectory();
  }

  /** See {@link WeatherCorruptions#frost}. */
  public static RgbImage frost(RgbImage img, int s, Rng rng) {
    return WeatherCorruptions.frost(img, s, rng);
  }

  /** See {@link WeatherCorruptions#frost}. */
  static RgbImage frost(RgbImage img, int s, Rng rng, int overlay) {
    return WeatherCorruptions.frost(img, s, rng, overlay);
  }

  /** See {@link WeatherCorruptions#snow}. */
  public static RgbImage snow(RgbImage img, int s, Rng rng) {
    return WeatherCorruptions.snow(img, s, rng);
  }

  /** See {@link WeatherCorruptions#spatter}. */
  public static RgbImage spatter(RgbImage img, int s, Rng rng) {
    return WeatherCorruptions.spatter(img, s, rng);
  }

  /** See {@link DigitalCorruptions#contrast}. */
  public static RgbImage contrast(RgbImage img, int s) {
    return DigitalCorruptions.contrast(img, s);
  }

  /** See {@link DigitalCorruptions#brightness}. */
  public static RgbImage brightness(RgbImage img, int s) {
    return DigitalCorruptions.brightness(img, s);
  }

  /** See {@link DigitalCorruptions#saturate}. */
  public static RgbImage saturate(RgbImage img, int s) {
    return DigitalCorruptions.saturate(img, s);
  }

  /** See {@link DigitalCorruptions#jpegCompression}. */
  public static RgbImage jpegCompression(RgbImage img, int s) {
    return DigitalCorruptions.jpegCompression(img, s);
  }

  /** See {@link DigitalCorruptions#pixelate}. */
  public static RgbImage pixelate(RgbImage img, int s) {
    return DigitalCorruptions.pixelate(img, s);
  }

  /** See {@link DigitalCorruptions#elasticTransform}. */
  public static RgbImage elasticTransform(RgbImage img, int s, Rng rng) {
    return DigitalCorruptions.elasticTransform(img, s, rng);
  }
}
