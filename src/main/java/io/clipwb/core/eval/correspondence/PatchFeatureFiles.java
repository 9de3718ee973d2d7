package io.clipwb.core.eval.correspondence;

import io.clipwb.core.io.Npy;
import io.clipwb.core.model.PatchFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads patch features saved as {@code .npy} (e.g. by a Python probe or by a previous run), so that
 * correspondence can be evaluated without a model. Accepted shapes (any float or int dtype):
 * {@code (gh, gw, D)} and {@code (1, gh, gw, D)} — one image, grid from the shape — and
 * {@code (gh*gw, D)} / {@code (1, gh*gw, D)} — token sequences without a class token, which need
 * the grid given. Row-major cells: index {@code gy * gw + gx}, as {@link PatchFeatures}.
 */
public final class PatchFeatureFiles {
  private PatchFeatureFiles() {}

  /**
   * @param grid {gh, gw} for token-sequence files, or null
   */
  public static PatchFeatures read(Path file, int[] grid) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": patch feature file not found");
    Npy.NpyArray a = Npy.read(file);
    int[] s = a.shape();
    int gh;
    int gw;
    int d;
    if (s.length == 4 && s[0] == 1) s = Arrays.copyOfRange(s, 1, 4);
    if (s.length == 3 && s[0] == 1 && grid != null) s = Arrays.copyOfRange(s, 1, 3);
    if (s.length == 3) {
      gh = s[0];
      gw = s[1];
      d = s[2];
      if (grid != null && (grid[0] != gh || grid[1] != gw)) {
        throw new IllegalArgumentException(file + ": grid " + gh + "x" + gw + " in the file but " + grid[0] + "x" + grid[1] + " was given");
      }
    } else if (s.length == 2) {
      if (grid == null) {
        throw new IllegalArgumentException(file + ": shape " + Arrays.toString(a.shape())
            + " is a token sequence; give the patch grid (gh x gw) or save the array as (gh, gw, D)");
      }
      gh = grid[0];
      gw = grid[1];
      d = s[1];
      if (gh * gw != s[0]) {
        throw new IllegalArgumentException(file + ": " + s[0] + " tokens do not fill a " + gh + "x" + gw
            + " grid (drop the class token before saving)");
      }
    } else {
      throw new IllegalArgumentException(file + ": expected patch features of shape (gh, gw, D) or (gh*gw, D), got " + Arrays.toString(a.shape()));
    }
    if (d < 1 || gh < 1 || gw < 1) throw new IllegalArgumentException(file + ": empty patch features " + Arrays.toString(a.shape()));
    double[] flat = a.asDoubles();
    float[][] cells = new float[gh * gw][d];
    for (int c = 0; c < gh * gw; c++) for (int j = 0; j < d; j++) cells[c][j] = (float) flat[c * d + j];
    return new PatchFeatures(gh, gw, new float[][][] {cells});
  }
}
