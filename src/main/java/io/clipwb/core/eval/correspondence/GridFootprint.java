package io.clipwb.core.eval.correspondence;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a patch grid lies on the original image, in pixel-edge coordinates (pixel u covers
 * [u, u+1), so its centre is at u + 0.5). A model sees the image after its preprocessing (for CLIP:
 * resize of the shorter side, then a center crop), so its patch grid covers only the cropped part:
 * pixels outside the footprint have no feature of their own and are neither sampled in A nor
 * predicted in B.
 *
 * @param x0 left edge of the region the grid covers
 * @param y0 top edge
 * @param width width of that region in original pixels
 * @param height height of that region in original pixels
 */
public record GridFootprint(
    @JsonProperty("x0") double x0,
    @JsonProperty("y0") double y0,
    @JsonProperty("width") double width,
    @JsonProperty("height") double height) {
  public GridFootprint {
    if (!(width > 0) || !(height > 0)) throw new IllegalArgumentException("empty footprint " + width + "x" + height);
  }

  /** The grid covers the whole image (features computed on the image resized without crop). */
  public static GridFootprint full(int imageWidth, int imageHeight) {
    return new GridFootprint(0, 0, imageWidth, imageHeight);
  }

  /**
   * The footprint of OpenAI CLIP / torchvision preprocessing: {@code Resize(resize)} of the shorter
   * side (the longer side becomes {@code int(resize * long / short)}, torchvision's
   * {@code _compute_resized_output_size}), then {@code CenterCrop(inputSize)} with the offset
   * {@code int(round((resized - inputSize) / 2))} (torchvision {@code center_crop}; Python rounds halves to even,
   * hence {@link Math#rint}). Without a center
   * crop the whole (resized) image is the input.
   */
  public static GridFootprint clipPreprocessing(int imageWidth, int imageHeight, int resize, int inputSize, boolean centerCrop) {
    if (!centerCrop) return full(imageWidth, imageHeight);
    int rw;
    int rh;
    if (imageWidth <= imageHeight) {
      rw = resize;
      rh = (int) ((long) resize * imageHeight / imageWidth);
    } else {
      rh = resize;
      rw = (int) ((long) resize * imageWidth / imageHeight);
    }
    double sx = (double) imageWidth / rw;
    double sy = (double) imageHeight / rh;
    int left = (int) Math.rint((rw - inputSize) / 2.0);
    int top = (int) Math.rint((rh - inputSize) / 2.0);
    return new GridFootprint(left * sx, top * sy, inputSize * sx, inputSize * sy);
  }

  /** True when the centre of integer pixel (u, v) lies inside the footprint. */
  public boolean contains(double u, double v) {
    double cu = u + 0.5;
    double cv = v + 0.5;
    return cu >= x0 && cu < x0 + width && cv >= y0 && cv < y0 + height;
  }
}
