package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import io.clipwb.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Real test photos from ../shared, downscaled where the tested property allows. */
final class TestImages {
  private TestImages() {}

  static Path shared(String rel) {
    return Shared.path(rel);
  }

  /** The first single-component (greyscale) JPEG among the ImageNet samples. */
  static Path greyscaleSample() throws IOException {
    try (Stream<Path> s = Files.list(shared("data/imagenet-samples"))) {
      for (Path p : s.sorted().toList()) {
        if (jpegComponents(Files.readAllBytes(p)) == 1) return p;
      }
    }
    throw new IllegalStateException("no greyscale sample");
  }

  static Path colourSample() throws IOException {
    try (Stream<Path> s = Files.list(shared("data/imagenet-samples"))) {
      for (Path p : s.sorted().toList()) {
        if (jpegComponents(Files.readAllBytes(p)) == 3) return p;
      }
    }
    throw new IllegalStateException("no colour sample");
  }

  static int jpegComponents(byte[] b) {
    for (int i = 2; i + 9 < b.length; i++) {
      if ((b[i] & 0xff) == 0xff && ((b[i + 1] & 0xff) == 0xC0 || (b[i + 1] & 0xff) == 0xC2)) return b[i + 9] & 0xff;
    }
    return -1;
  }

  static RgbImage load(Path p, int size) {
    return CorruptionSetGenerator.preprocess(CvOps.readImage(p), size);
  }

  static boolean isGrey(RgbImage img) {
    byte[] b = img.rgb();
    for (int i = 0; i < b.length; i += 3) if (b[i] != b[i + 1] || b[i] != b[i + 2]) return false;
    return true;
  }
}
