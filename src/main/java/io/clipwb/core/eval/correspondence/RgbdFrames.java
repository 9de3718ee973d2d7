package io.clipwb.core.eval.correspondence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An RGB-D sequence in Open3D's test-data layout: {@code color/*.jpg|png}, {@code depth/*.png}
 * (16-bit, millimetres), {@code trajectory.log} (camera-to-world poses, one per frame, in file-name
 * order) and an intrinsics JSON ({@code camera_primesense.json} or {@code camera_intrinsic.json} or
 * {@code intrinsic.json}). Frames are matched by sorted file name: the i-th colour image, the i-th
 * depth image and the i-th pose form frame i.
 *
 * @param depthScale raw depth units per metre (1000 for Open3D's frames)
 */
public record RgbdFrames(Path dir, Intrinsics intrinsics, List<Frame> frames, double depthScale) {
  /** Default raw units per metre of Open3D's frames (millimetres). */
  public static final double OPEN3D_DEPTH_SCALE = 1000.0;

  /** One frame: its colour and depth files and camera-to-world pose. */
  public record Frame(int index, String name, Path color, Path depth, Pose cameraToWorld) {}

  public Frame frame(int i) {
    if (i < 0 || i >= frames.size()) {
      throw new IllegalArgumentException(dir + ": no frame " + i + " (frames 0.." + (frames.size() - 1) + ")");
    }
    return frames.get(i);
  }

  public DepthMap depth(int i) {
    DepthMap d = DepthMap.readPng16(frame(i).depth(), depthScale, -1);
    if (d.width() != intrinsics.width() || d.height() != intrinsics.height()) {
      throw new IllegalArgumentException(frame(i).depth() + ": depth is " + d.width() + "x" + d.height()
          + " but the intrinsics are for " + intrinsics.width() + "x" + intrinsics.height());
    }
    return d;
  }

  public static RgbdFrames openOpen3d(Path dir) {
    return openOpen3d(dir, OPEN3D_DEPTH_SCALE);
  }

  public static RgbdFrames openOpen3d(Path dir, double depthScale) {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a folder of RGB-D frames");
    Path cam = Stream.of("camera_primesense.json", "camera_intrinsic.json", "intrinsic.json")
        .map(dir::resolve).filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(dir + ": no intrinsics file (camera_primesense.json, camera_intrinsic.json or intrinsic.json)"));
    Intrinsics k = Intrinsics.readOpen3d(cam);
    Path log = dir.resolve("trajectory.log");
    if (!Files.isRegularFile(log)) throw new IllegalArgumentException(dir + ": no trajectory.log (camera-to-world poses)");
    List<TrajectoryLog.Entry> poses = TrajectoryLog.read(log);
    List<Path> colors = list(dir.resolve("color"), ".jpg", ".jpeg", ".png");
    List<Path> depths = list(dir.resolve("depth"), ".png");
    if (colors.size() != depths.size() || depths.size() != poses.size()) {
      throw new IllegalArgumentException(dir + ": " + colors.size() + " colour images, " + depths.size()
          + " depth images and " + poses.size() + " poses in trajectory.log: they must match one to one");
    }
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < depths.size(); i++) {
      String name = depths.get(i).getFileName().toString().replaceFirst("\\.[^.]*$", "");
      frames.add(new Frame(i, name, colors.get(i), depths.get(i), poses.get(i).cameraToWorld()));
    }
    return new RgbdFrames(dir, k, List.copyOf(frames), depthScale);
  }

  private static List<Path> list(Path folder, String... exts) {
    if (!Files.isDirectory(folder)) throw new IllegalArgumentException(folder + ": folder missing");
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            for (String e : exts) if (n.endsWith(e)) return true;
            return false;
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }
}
