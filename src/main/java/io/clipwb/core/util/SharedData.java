package io.clipwb.core.util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the read-only folder of third-party data and reference vectors ("shared/": real
 * cue-conflict stimuli, CLIP's tokenizer, ImageNet metadata, ...). The workbench never copies it;
 * it reads it where it lies. Setting: system property {@code clipwb.shared}, else environment
 * variable {@code CLIPWB_SHARED}, else {@code ../shared} relative to the working directory.
 */
public final class SharedData {
  private SharedData() {}

  /** Where the shared folder is configured to be, whether or not it exists (for messages). */
  public static Path location() {
    String p = System.getProperty("clipwb.shared");
    if (p == null || p.isBlank()) p = System.getenv("CLIPWB_SHARED");
    return (p == null || p.isBlank()) ? Path.of("..", "shared") : Path.of(p);
  }

  /** The shared folder if it exists. */
  public static Optional<Path> root() {
    Path path = location();
    return Files.isDirectory(path) ? Optional.of(path.toAbsolutePath().normalize()) : Optional.empty();
  }

  /** A path inside the shared folder if that file or folder exists. */
  public static Optional<Path> resolve(String relative) {
    return root().map(r -> r.resolve(relative)).filter(Files::exists);
  }
}
