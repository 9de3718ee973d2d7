package io.clipwb.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The containment rule of manifest rows: a row names a file inside the manifest's folder, after
 * {@code ..} and symbolic links are resolved. A manifest is data that may come from someone else; a
 * row such as {@code ../../../../etc/passwd} would otherwise make a run open that file and write
 * what it found into the run manifest. Users who keep images elsewhere opt in explicitly
 * ({@code --allow-outside-root}, or {@code "allow_outside_root": true} in project.json).
 */
final class ManifestContainment {
  private final Path manifest;
  private final Path base;
  private Path realBase;

  ManifestContainment(Path manifest, Path base) {
    this.manifest = manifest;
    this.base = base.toAbsolutePath().normalize();
  }

  /**
   * @throws DatasetException naming the manifest, line and row when {@code img} lies outside
   *     {@code base}, textually or through a link
   */
  void check(int line, String row, Path img) {
    Path b = base;
    String where = null;
    if (!img.startsWith(b)) {
      where = "resolves outside the manifest's folder " + b;
    } else if (Files.exists(img)) {
      try {
        Path real = img.toRealPath();
        if (realBase == null) realBase = b.toRealPath();
        if (!real.startsWith(realBase)) where = "is a link to " + real + ", outside the manifest's folder " + b;
      } catch (IOException e) {
        // unreadable: it fails as an image later, with its own reason
      }
    }
    if (where != null) {
      throw new DatasetException(manifest + " line " + line + ": path '" + row + "' " + where
          + "; rows must stay inside it unless allowed (--allow-outside-root, or \"allow_outside_root\": true in project.json)");
    }
  }
}
