package io.clipwb.core.image;

import io.clipwb.core.model.Preprocessing;

/**
 * A bundle's preprocessing as a function RGB image → normalised CHW floats, reproducing OpenAI
 * CLIP's {@code clip/clip.py _transform} (torchvision 0.14 on a PIL 9.4 image) bit for bit up to the
 * uint8 image:
 *
 * <ol>
 *   <li>{@code Resize(resize, interpolation)}: torchvision's {@code functional_pil.resize} with an int
 *       size — the shorter side becomes {@code resize}, the longer {@code int(resize * long / short)}
 *       (truncated), nothing happens when the shorter side already has that size; the resampling is
 *       PIL's antialiased {@code Image.resize} ({@link PillowResample});
 *   <li>{@code CenterCrop(inputSize)}: offsets {@code int(round((size - inputSize) / 2.0))} with
 *       Python's round-half-even; zero padding when the image is smaller (torchvision's
 *       {@code center_crop});
 *   <li>{@code ToTensor} + {@code Normalize}: float32 {@code (x / 255 - mean) / std}, channel-major.
 * </ol>
 *
 * When {@code center_crop} is false the image is resized straight to {@code inputSize x inputSize}
 * (open_clip's "squash" mode). Only the crop window is resampled, which is what makes this fast
 * (≈2 ms for a 500x375 image); the values are those of a full resize followed by the crop.
 *
 * <p>One known difference: CLIP resizes in the file's PIL mode and converts to RGB afterwards, so a
 * palette ("P") PNG is resized with NEAREST and an RGBA one with premultiplied alpha; here the image
 * is already RGB (see {@link ImageDecoder}), which gives the same result for RGB, grey and CMYK
 * files — every real photo and the reference cases — but not for those two modes.
 */
public final class Preprocessor {
  private final Preprocessing spec;
  private final float[][] lut;

  public Preprocessor(Preprocessing spec) {
    if (spec.inputSize() <= 0) throw new IllegalArgumentException("preprocessing input_size must be positive, got " + spec.inputSize());
    if (spec.centerCrop() && spec.resize() <= 0) throw new IllegalArgumentException("preprocessing resize must be positive, got " + spec.resize());
    if (spec.mean() == null || spec.mean().length != 3) throw new IllegalArgumentException("preprocessing mean must have 3 values");
    if (spec.std() == null || spec.std().length != 3) throw new IllegalArgumentException("preprocessing std must have 3 values");
    this.spec = spec;
    this.lut = new float[3][256];
    for (int c = 0; c < 3; c++) {
      if (!(spec.std()[c] > 0)) throw new IllegalArgumentException("preprocessing std must be positive, got " + spec.std()[c]);
      for (int v = 0; v < 256; v++) {
        // torchvision: img.float().div(255), then tensor.sub_(mean).div_(std), all float32
        float x = (float) v / 255f;
        lut[c][v] = (x - spec.mean()[c]) / spec.std()[c];
      }
    }
  }

  public Preprocessing spec() {
    return spec;
  }

  /** Resize + center crop to {@code inputSize} x {@code inputSize}, as 8-bit RGB. */
  public RgbImage resizeAndCrop(RgbImage image) {
    int n = spec.inputSize();
    Preprocessing.Interpolation f = spec.interpolation() == null ? Preprocessing.Interpolation.BICUBIC : spec.interpolation();
    if (!spec.centerCrop()) {
      return PillowResample.resize(image, n, n, f);
    }
    int w = image.width();
    int h = image.height();
    int[] size = resizedSize(w, h, spec.resize());
    int rw = size[0];
    int rh = size[1];
    int left = cropOffset(rw, n);
    int top = cropOffset(rh, n);
    if (left >= 0 && top >= 0 && left + n <= rw && top + n <= rh) {
      return PillowResample.resizeWindow(image, rw, rh, f, left, top, n, n);
    }
    // The crop reaches outside the resized image: torchvision pads with zeros.
    RgbImage resized = PillowResample.resize(image, rw, rh, f);
    RgbImage out = RgbImage.blank(n, n);
    for (int y = 0; y < n; y++) {
      int sy = y + top;
      if (sy < 0 || sy >= rh) continue;
      for (int x = 0; x < n; x++) {
        int sx = x + left;
        if (sx < 0 || sx >= rw) continue;
        System.arraycopy(resized.rgb(), (sy * rw + sx) * 3, out.rgb(), (y * n + x) * 3, 3);
      }
    }
    return out;
  }

  /**
   * torchvision 0.14 {@code Resize(size)} with an int size: the (width, height) after resizing.
   */
  static int[] resizedSize(int w, int h, int size) {
    int shortSide = Math.min(w, h);
    int longSide = Math.max(w, h);
    if (shortSide == size) return new int[] {w, h};
    int newLong = (int) ((double) ((long) size * longSide) / shortSide);
    return w <= h ? new int[] {size, newLong} : new int[] {newLong, size};
  }

  /**
   * torchvision {@code center_crop}'s offset along one side: {@code int(round((size - crop) / 2.0))}
   * (round half to even), or minus the left/top padding when the image is smaller than the crop.
   */
  static int cropOffset(int size, int crop) {
    if (crop > size) return -((crop - size) / 2);
    return (int) Math.rint((size - crop) / 2.0);
  }

  /** The full transform: 3 x inputSize x inputSize floats, (x/255 - mean) / std. */
  public float[] apply(RgbImage image) {
    int n = spec.inputSize();
    float[] out = new float[3 * n * n];
    apply(image, out, 0);
    return out;
  }

  /** As {@link #apply(RgbImage)}, written into {@code dst} from {@code offset} (one slot of a batch). */
  public void apply(RgbImage image, float[] dst, int offset) {
    RgbImage im = resizeAndCrop(image);
    normalize(im, dst, offset);
  }

  /** ToTensor + Normalize of an image that already has the input size. */
  public void normalize(RgbImage im, float[] dst, int offset) {
    int n = spec.inputSize();
    if (im.width() != n || im.height() != n) {
      throw new IllegalArgumentException("expected a " + n + "x" + n + " image, got " + im.width() + "x" + im.height());
    }
    int plane = n * n;
    byte[] rgb = im.rgb();
    float[] l0 = lut[0];
    float[] l1 = lut[1];
    float[] l2 = lut[2];
    for (int i = 0, p = 0; i < plane; i++, p += 3) {
      dst[offset + i] = l0[rgb[p] & 0xff];
      dst[offset + plane + i] = l1[rgb[p + 1] & 0xff];
      dst[offset + 2 * plane + i] = l2[rgb[p + 2] & 0xff];
    }
  }
}
