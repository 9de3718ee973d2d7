package io.clipwb.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Saves a window's scene to a PNG: for looking at the GUI where no screen is attached (debug aid). */
public final class Snapshots {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

  private Snapshots() {}

  /** Saves {@code scene} to {@code file} now (FX thread). */
  public static void save(Scene scene, Path file) {
    WritableImage img = scene.snapshot(null);
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    LOG.info("snapshot of the window written to {}", file);
  }

  /** Saves {@code w}'s scene to {@code file} after {@code seconds} (FX thread). */
  static void after(Window w, Path file, double seconds) {
    PauseTransition t = new PauseTransition(Duration.seconds(seconds));
    t.setOnFinished(e -> save(w.getScene(), file));
    t.play();
  }
}
