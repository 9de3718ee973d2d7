package io.clipwb.bench;

import io.clipwb.core.corrupt.Corruption;
import io.clipwb.core.corrupt.CorruptionSetGenerator;
import io.clipwb.core.corrupt.Corruptions;
import io.clipwb.core.corrupt.CvOps;
import io.clipwb.core.image.RgbImage;
import io.clipwb.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark (a main, not a test): corrupts N 224-px images (the ImageNet samples, cycled) with each
 * of the 19 ImageNet-C corruptions at all 5 severities on one thread and prints images/s per
 * corruption (one "image" = one corrupted output). Usage: {@code CorruptionBenchmark [N]} (default 50).
 */
public final class CorruptionBenchmark {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Path dir = SharedData.resolve("data/imagenet-samples").orElseThrow(() -> new IllegalStateException("set -Dclipwb.shared"));
    List<RgbImage> images = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().filter(q -> q.toString().toLowerCase(Locale.ROOT).endsWith(".jpeg")).toList()) images.add(CorruptionSetGenerator.preprocess(CvOps.readImage(p), 224));
    }
    // warm-up
    for (Corruption c : Corruption.imagenetC()) Corruptions.apply(c, 3, images.get(0), null, 0, "w");
    System.out.printf(Locale.ROOT, "| corruption | images/s (1 thread, 224 px, severities 1-5) | ms/image |%n|---|---|---|%n");
    double totalMs = 0;
    for (Corruption c : Corruption.imagenetC()) {
      long t0 = System.nanoTime();
      int count = 0;
      for (int i = 0; i < n; i++) {
        for (int s = 1; s <= 5; s++) {
          Corruptions.apply(c, s, images.get(i % images.size()), null, i, "b" + i);
          count++;
        }
      }
      double sec = (System.nanoTime() - t0) / 1e9;
      totalMs += sec * 1000 / count;
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f |%n", c.id(), count / sec, sec * 1000 / count);
    }
    System.out.printf(Locale.ROOT, "| all 19 x 5 (per source image) | %.2f source images/s | %.0f ms |%n", 1000 / (totalMs * 5), totalMs * 5);
  }
}
