package io.clipwb.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists the image files of a data set folder and records every other entry met where images are
 * expected, with the reason it is passed over ({@link Skipped}). Data sets arrive copied from macOS
 * and Windows machines and unpacked from archives, so the junk is classified by name and by what
 * the entry is (its own attributes, links not followed), never by reading it.
 */
final class FolderListing {
  private static final Set<String> OS_METADATA = Set.of(".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", ".directory");

  private final Path root;
  private final List<Skipped> skipped = new ArrayList<>();

  FolderListing(Path root) {
    this.root = root;
  }

  /** The entries passed over so far, in listing order. */
  List<Skipped> skipped() {
    return List.copyOf(skipped);
  }

  /** The image files under {@code dir} (recursively, sorted); everything else is recorded. */
  List<Path> imagesUnder(Path dir) {
    List<Path> out = new ArrayList<>();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (!d.equals(dir) && Datasets.hasImageExtension(d)) skip(d, "a folder named like an image file (its own files are listed)");
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          classify(f, attrs, out);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          skip(f, "cannot be read (" + e.getClass().getSimpleName() + ")");
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /** The image files directly in {@code dir} (sorted); everything else is recorded. */
  List<Path> imagesIn(Path dir) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          skip(p, "cannot be read (" + e.getClass().getSimpleName() + ")");
          continue;
        }
        if (a.isDirectory()) {
          skip(p, Datasets.hasImageExtension(p) ? "a folder named like an image file, not an image" : "a folder (this layout does not look inside)");
        } else {
          classify(p, a, out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private void classify(Path f, BasicFileAttributes attrs, List<Path> images) {
    String name = f.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (name.startsWith("._")) {
      skip(f, "macOS resource-fork file (AppleDouble), not an image");
    } else if (OS_METADATA.contains(lower)) {
      skip(f, "operating-system folder metadata, not an image");
    } else if (name.startsWith(".")) {
      skip(f, "hidden file");
    } else if (attrs.isSymbolicLink()) {
      link(f, images);
    } else if (attrs.isOther()) {
      skip(f, "not a regular file (a pipe, socket or device)");
    } else if (attrs.isDirectory()) {
      skip(f, "a folder");
    } else if (!Datasets.hasImageExtension(f)) {
      skip(f, "not an image file name (" + (lower.lastIndexOf('.') > 0 ? "extension " + lower.substring(lower.lastIndexOf('.')) : "no extension")
          + ")");
    } else {
      images.add(f);
    }
  }

  private void link(Path f, List<Path> images) {
    try {
      Path real = f.toRealPath();
      if (Files.isDirectory(real)) skip(f, "symbolic link to a folder (not followed)");
      else if (!Files.isRegularFile(real)) skip(f, "symbolic link to something that is not a regular file (a pipe, socket or device)");
      else if (!Datasets.hasImageExtension(f)) skip(f, "not an image file name");
      else images.add(f);
    } catch (NoSuchFileException e) {
      skip(f, "dangling symbolic link (its target does not exist)");
    } catch (FileSystemException e) {
      String r = e.getReason() == null ? "" : e.getReason().toLowerCase(Locale.ROOT);
      skip(f, r.contains("levels of symbolic links") || r.contains("loop") ? "symbolic link loop" : "symbolic link cannot be followed ("
          + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + ")");
    } catch (IOException e) {
      skip(f, "symbolic link cannot be followed (" + e.getClass().getSimpleName() + ")");
    }
  }

  private void skip(Path p, String reason) {
    skipped.add(new Skipped(root.relativize(p).toString().replace('\\', '/'), reason));
  }
}
