package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import io.clipwb.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares our ImageNet-C generators with the reference outputs in
 * {@code <shared>/data/imagenet-c-sample} ({@code bird.jpeg} and {@code <corruption>_<severity>.jpeg},
 * stored by the reference at JPEG quality 85). Our output is stored the same way (JPEG q75 via
 * libjpeg) before comparing, so both sides carry the same storage loss.
 */
final class ReferenceComparison {
  private ReferenceComparison() {}

  record Row(Corruption corruption, int severity, double madToReference, double refDeviation, double ourDeviation,
      double refStd, double ourStd) {
    /** our deviation from the clean image relative to the reference's (1 = same strength). */
    double strengthRatio() {
      return refDeviation == 0 ? 1 : ourDeviation / refDeviation;
    }
  }

  /** The reference sample folder (skips, or fails under clipwb.requireShared, when absent). */
  static Path sampleDir() {
    return Shared.path("data/imagenet-c-sample");
  }

  static RgbImage jpegStore(RgbImage img) {
    return CvOps.decode(CvOps.encodeJpeg(img, 75), "q75");
  }

  static double mad(RgbImage a, RgbImage b) {
    long s = 0;
    byte[] x = a.rgb(), y = b.rgb();
    for (int i = 0; i < x.length; i++) s += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
    return s / (double) x.length;
  }

  static double stdOfDiff(RgbImage a, RgbImage b) {
    double s = 0, s2 = 0;
    byte[] x = a.rgb(), y = b.rgb();
    for (int i = 0; i < x.length; i++) {
      double d = (x[i] & 0xff) - (y[i] & 0xff);
      s += d;
      s2 += d * d;
    }
    double m = s / x.length;
    return Math.sqrt(Math.max(0, s2 / x.length - m * m));
  }

  static Row compare(Path dir, RgbImage clean, Corruption c, int severity, long seed) {
    RgbImage ref = CvOps.readImage(dir.resolve(c.id() + "_" + severity + ".jpeg"));
    RgbImage ours = jpegStore(Corruptions.apply(c, severity, clean, null, new Rng(Rng.mix(seed, "bird", c.id(), severity))));
    return new Row(c, severity, mad(ours, ref), mad(ref, clean), mad(ours, clean), stdOfDiff(ref, clean), stdOfDiff(ours, clean));
  }

  static List<Row> all(long seed) {
    Path dir = sampleDir();
    RgbImage clean = CvOps.readImage(dir.resolve("bird.jpeg"));
    List<Row> rows = new ArrayList<>();
    for (Corruption c : Corruption.imagenetC()) {
      for (int s = 1; s <= 5; s++) {
        if (Files.exists(dir.resolve(c.id() + "_" + s + ".jpeg"))) rows.add(compare(dir, clean, c, s, seed));
      }
    }
    return rows;
  }

  static String table(List<Row> rows) {
    StringBuilder b = new StringBuilder("| corruption | sev | MAD to ref (/255) | ref dev | our dev | ratio | ref std | our std |\n|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", r.corruption().id(), r.severity(),
          r.madToReference(), r.refDeviation(), r.ourDeviation(), r.strengthRatio(), r.refStd(), r.ourStd()));
    }
    return b.toString();
  }

  public static void main(String[] args) {
    System.out.println(table(all(0)));
    Path dir = sampleDir();
    RgbImage clean = CvOps.readImage(dir.resolve("bird.jpeg"));
    System.out.printf(Locale.ROOT, "JPEG q75 noise floor (bird re-stored): %.2f%n", mad(jpegStore(clean), clean));
  }
}
