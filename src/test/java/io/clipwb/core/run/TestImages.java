package io.clipwb.core.run;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes small seeded PNG images for pipeline tests. */
public final class TestImages {
  private TestImages() {}

  public static void write(Path file, int w, int h, long seed) throws Exception {
    Files.createDirectories(file.getParent());
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int base = r.nextInt(0xffffff);
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, base ^ (r.nextInt(32) * 0x010101));
    ImageIO.write(img, "png", file.toFile());
  }

  /** An image folder root/c{k}/img{i}.png with the given counts. */
  public static Path folder(Path root, int classes, int perClass) throws Exception {
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < perClass; i++) write(root.resolve("c" + c).resolve("img" + i + ".png"), 40, 30, c * 1000L + i);
    }
    return root;
  }
}
