package io.clipwb.core.eval.correspondence;

import io.clipwb.core.model.PatchFeatures;

/**
 * One image's patch features, placed on the original image through a {@link GridFootprint}, and
 * read at any pixel by bilinear upsampling. The upsampling follows
 * {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)}: the centre of
 * pixel u maps to grid coordinate {@code (u + 0.5 - x0) * gw / width - 0.5}, clamped to the grid
 * ({@code [0, gw-1]}), and the four surrounding cell features are mixed with bilinear weights.
 */
public final class DenseFeatures {
  final int gh;
  final int gw;
  final int dim;
  final float[][] cells; // [gy * gw + gx][d]
  final GridFootprint footprint;
  final int imageWidth;
  final int imageHeight;

  /**
   * @param patches features of a batch; image {@code index} is used
   * @param footprint where the grid lies on the original image
   * @param imageWidth original image width (pixels)
   * @param imageHeight original image height
   */
  public DenseFeatures(PatchFeatures patches, int index, GridFootprint footprint, int imageWidth, int imageHeight) {
    if (index < 0 || index >= patches.features().length) {
      throw new IllegalArgumentException("patch features hold " + patches.features().length + " images, no image " + index);
    }
    this.gh = patches.gridHeight();
    this.gw = patches.gridWidth();
    this.cells = patches.features()[index];
    if (gh <= 0 || gw <= 0 || cells.length != gh * gw) {
      throw new IllegalArgumentException("patch features: " + cells.length + " vectors do not fill a " + gh + "x" + gw + " grid");
    }
    this.dim = cells[0].length;
    for (int c = 0; c < cells.length; c++) {
      if (cells[c].length != dim) throw new IllegalArgumentException("patch feature " + c + " has width " + cells[c].length + ", expected " + dim);
    }
    this.footprint = footprint;
    this.imageWidth = imageWidth;
    this.imageHeight = imageHeight;
  }

  public GridFootprint footprint() {
    return footprint;
  }

  public int imageWidth() {
    return imageWidth;
  }

  public int imageHeight() {
    return imageHeight;
  }

  public int dim() {
    return dim;
  }

  /** True when integer pixel (u, v) lies on the image and inside the grid's footprint. */
  public boolean covers(int u, int v) {
    return u >= 0 && v >= 0 && u < imageWidth && v < imageHeight && footprint.contains(u, v);
  }

  /** Bilinear axis lookup: {i0, i1} cell indices and the weight of i1. */
  static double axis(double pixel, double origin, double extent, int cellsOnAxis, int[] idx) {
    double g = (pixel + 0.5 - origin) * cellsOnAxis / extent - 0.5;
    if (g < 0) g = 0;
    if (g > cellsOnAxis - 1) g = cellsOnAxis - 1;
    int i0 = (int) Math.floor(g);
    int i1 = Math.min(i0 + 1, cellsOnAxis - 1);
    idx[0] = i0;
    idx[1] = i1;
    return g - i0;
  }

  /** The upsampled feature at pixel (u, v) (pixel-centre coordinates), not normalised. */
  public float[] sample(double u, double v) {
    int[] xi = new int[2];
    int[] yi = new int[2];
    double wx = axis(u, footprint.x0(), footprint.width(), gw, xi);
    double wy = axis(v, footprint.y0(), footprint.height(), gh, yi);
    float[] out = new float[dim];
    float w00 = (float) ((1 - wy) * (1 - wx));
    float w01 = (float) ((1 - wy) * wx);
    float w10 = (float) (wy * (1 - wx));
    float w11 = (float) (wy * wx);
    float[] c00 = cells[yi[0] * gw + xi[0]];
    float[] c01 = cells[yi[0] * gw + xi[1]];
    float[] c10 = cells[yi[1] * gw + xi[0]];
    float[] c11 = cells[yi[1] * gw + xi[1]];
    for (int d = 0; d < dim; d++) out[d] = w00 * c00[d] + w01 * c01[d] + w10 * c10[d] + w11 * c11[d];
    return out;
  }

  /** The upsampled feature at (u, v), L2-normalised (a zero vector stays zero). */
  public float[] sampleNormalized(double u, double v) {
    float[] f = sample(u, v);
    double s = 0;
    for (float x : f) s += (double) x * x;
    if (s > 0) {
      float inv = (float) (1 / Math.sqrt(s));
      for (int d = 0; d < f.length; d++) f[d] *= inv;
    }
    return f;
  }
}
