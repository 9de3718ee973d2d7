package io.clipwb.core.eval.corruption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a pre-corrupted set in the standard layout {@code <root>/<corruption>/<severity>/<class>/*}
 * (the published ImageNet-C, ImageNet-3DCC, and sets written by {@code clipwb corrupt}) into items,
 * sorted by corruption, severity, class and file name so row order is reproducible.
 */
public final class CorruptionSetReader {
  private CorruptionSetReader() {}

  private static final Set<String> EXT = Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff", "ppm");

  public static List<CorruptedItem> scan(Path root) {
    if (!Files.isDirectory(root)) throw new IllegalArgumentException("corrupted set " + root + ": not a folder");
    List<CorruptedItem> items = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root, 4)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        Path rel = root.relativize(p);
        String name = p.getFileName().toString();
        if (name.startsWith(".") || !isImage(name)) continue;
        if (rel.getNameCount() != 4) {
          throw new IllegalArgumentException("corrupted set " + root + ": " + rel
              + " is not at <corruption>/<severity>/<class>/<file> (expected the ImageNet-C layout)");
        }
        String sev = rel.getName(1).toString();
        int s;
        try {
          s = Integer.parseInt(sev);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("corrupted set " + root + ": severity folder '" + sev + "' in " + rel + " is not a number", e);
        }
        items.add(new CorruptedItem(rel.toString().replace('\\', '/'), rel.getName(0).toString(), s, rel.getName(2).toString()));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + root + ": " + e.getMessage(), e);
    }
    if (items.isEmpty()) throw new IllegalArgumentException("corrupted set " + root + ": no images found");
    items.sort(Comparator.comparing(CorruptedItem::corruption).thenComparingInt(CorruptedItem::severity)
        .thenComparing(CorruptedItem::className).thenComparing(CorruptedItem::path));
    return items;
  }

  private static boolean isImage(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXT.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
