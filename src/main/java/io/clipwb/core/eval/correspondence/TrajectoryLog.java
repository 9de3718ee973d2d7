package io.clipwb.core.eval.correspondence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads camera trajectories in the Redwood / Open3D {@code .log} format
 * (http://redwood-data.org/indoor/fileformat.html): per frame one metadata line of three integers
 * ({@code id id frame} — Open3D writes "i i i+1") followed by four lines of a 4x4 matrix, the
 * camera-to-world pose of that frame. Blank lines are ignored.
 */
public final class TrajectoryLog {
  private TrajectoryLog() {}

  /** One entry: the metadata integers and the pose. */
  public record Entry(int[] metadata, Pose cameraToWorld) {}

  public static List<Entry> read(Path file) {
    List<String> lines = io.clipwb.core.io.TextFiles.lines(file);
    List<Entry> out = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < lines.size() && lines.get(i).isBlank()) i++;
      if (i >= lines.size()) break;
      int metaLine = i + 1;
      int[] meta = ints(lines.get(i), file, metaLine);
      if (meta.length != 3) {
        throw new IllegalArgumentException(file + ": line " + metaLine + ": expected a metadata line of 3 integers, got \"" + lines.get(i).strip() + "\"");
      }
      i++;
      double[] m = new double[16];
      for (int r = 0; r < 4; r++) {
        while (i < lines.size() && lines.get(i).isBlank()) i++;
        if (i >= lines.size()) {
          throw new IllegalArgumentException(file + ": truncated: the pose after line " + metaLine + " has " + r + " of 4 rows");
        }
        double[] row = doubles(lines.get(i), file, i + 1);
        if (row.length != 4) {
          throw new IllegalArgumentException(file + ": line " + (i + 1) + ": expected 4 numbers of a pose row, got " + row.length);
        }
        System.arraycopy(row, 0, m, r * 4, 4);
        i++;
      }
      if (Math.abs(m[12]) > 1e-9 || Math.abs(m[13]) > 1e-9 || Math.abs(m[14]) > 1e-9 || Math.abs(m[15] - 1) > 1e-9) {
        throw new IllegalArgumentException(file + ": pose after line " + metaLine + ": last row must be 0 0 0 1");
      }
      out.add(new Entry(meta, new Pose(m)));
    }
    if (out.isEmpty()) throw new IllegalArgumentException(file + ": no poses");
    return out;
  }

  private static int[] ints(String line, Path file, int no) {
    String[] p = line.strip().split("\\s+");
    int[] v = new int[p.length];
    try {
      for (int k = 0; k < p.length; k++) v[k] = Integer.parseInt(p[k]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": line " + no + ": expected a metadata line of 3 integers, got \"" + line.strip() + "\"", e);
    }
    return v;
  }

  private static double[] doubles(String line, Path file, int no) {
    String[] p = line.strip().split("\\s+");
    double[] v = new double[p.length];
    try {
      for (int k = 0; k < p.length; k++) v[k] = Double.parseDouble(p[k]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": line " + no + ": not a number in \"" + line.strip() + "\"", e);
    }
    return v;
  }
}
