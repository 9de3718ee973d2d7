package io.clipwb.core.corrupt;

import io.clipwb.core.runfolder.RunFolder;
import io.clipwb.core.runfolder.RunItem;
import io.clipwb.core.runfolder.RunManifest;
import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Csv;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the images (and their depth maps) to corrupt: a folder ({@code DIR/<class>/*.jpg}, or
 * images directly in DIR, class "all") or a manifest — CSV with a header {@code path,label[,depth]},
 * or a run's {@code manifest.json} with {@code items: [{path, label, depth?}]} ({@code label} an
 * index into {@code classes} or a name), read by {@link RunFolder#readManifest}. Depth maps are found by the image's relative path with any
 * image extension under a depth folder, or given per row.
 */
public final class CorruptionSources {
  private CorruptionSources() {}

  private static final Set<String> EXT = Set.of("jpg", "jpeg", "png", "bmp", "ppm", "pgm", "tif", "tiff", "webp");

  static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXT.contains(n.substring(dot + 1)) && !n.startsWith(".");
  }

  public static List<CorruptionSetGenerator.Source> fromFolder(Path dir, Path depthDir) {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException("image folder " + dir + ": not a folder");
    List<CorruptionSetGenerator.Source> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).filter(CorruptionSources::isImage).sorted().toList()) {
        Path rel = dir.relativize(p);
        String cls = rel.getNameCount() > 1 ? rel.getName(0).toString() : "all";
        out.add(new CorruptionSetGenerator.Source(p, cls, depthDir == null ? null : findDepth(depthDir, rel)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) throw new IllegalArgumentException("image folder " + dir + ": no images found (" + EXT + ")");
    return out;
  }

  /** The depth map for an image's relative path: same path and stem, any image extension; null if none. */
  static Path findDepth(Path depthDir, Path rel) {
    Path parent = rel.getParent() == null ? depthDir : depthDir.resolve(rel.getParent());
    String stem = CorruptionSetGenerator.stem(rel);
    for (String e : new String[] {".png", ".PNG", ".tif", ".tiff"}) {
      Path c = parent.resolve(stem + e);
      if (Files.isRegularFile(c)) return c;
    }
    Path flat = depthDir.resolve(stem + ".png");
    return Files.isRegularFile(flat) ? flat : null;
  }

  public static List<CorruptionSetGenerator.Source> fromManifest(Path file, Path depthDir) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("manifest " + file + ": no such file");
    Path base = file.toAbsolutePath().getParent();
    List<CorruptionSetGenerator.Source> out = new ArrayList<>();
    if (file.toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      RunManifest m = RunFolder.readManifest(file);
      if (!m.hasItems()) throw new IllegalArgumentException(file + ": no 'items' array");
      // a run folder's depth paths come from its data set, relative to the data set's root
      Path depthBase = m.dataset() != null && m.dataset().root() != null ? Path.of(m.dataset().root()) : base;
      for (RunItem it : m.items()) {
        Path p = base.resolve(it.path());
        String cls = it.label() >= 0 && it.label() < m.classes().size() ? m.classes().get(it.label())
            : it.label() >= 0 ? Integer.toString(it.label()) : it.metadata().getOrDefault("label", "unknown");
        String depth = it.metadata().get("depth");
        Path d = depth != null && !depth.isBlank() ? depthBase.resolve(depth)
            : depthDir == null ? null : findDepth(depthDir, p.getFileName());
        out.add(new CorruptionSetGenerator.Source(p, safe(cls), d));
      }
    } else {
      Csv.Table t = Csv.read(file);
      int ip = t.column("path"), il = t.column("label"), id = t.column("depth");
      if (ip < 0) throw new IllegalArgumentException(file + ": header must name a 'path' column (found " + t.header() + ")");
      for (Csv.Row f : t.rows()) {
        Path p = base.resolve(f.get(ip).trim().replace('\\', '/')); // Windows separators accepted on every OS
        String cls = il >= 0 && !f.get(il).isBlank() ? f.get(il).trim() : "unknown";
        Path d = id >= 0 && !f.get(id).isBlank() ? base.resolve(f.get(id).trim().replace('\\', '/')) : depthDir == null ? null : findDepth(depthDir, p.getFileName());
        out.add(new CorruptionSetGenerator.Source(p, safe(cls), d));
      }
    }
    if (out.isEmpty()) throw new IllegalArgumentException(file + ": no items");
    return out;
  }

  /** A class name usable as a folder name. */
  static String safe(String cls) {
    String s = cls.replaceAll("[/\\\\:*?\"<>|]", "_").trim();
    return s.isEmpty() || s.equals(".") || s.equals("..") ? "unknown" : s;
  }
}
