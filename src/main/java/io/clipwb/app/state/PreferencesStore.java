package io.clipwb.app.state;

import io.clipwb.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Preferences} as {@code preferences.json} in the user's config folder
 * ({@code $XDG_CONFIG_HOME/clipwb}, else {@code ~/.config/clipwb}); the system property
 * {@code clipwb.config.dir} replaces the folder so tests never touch the user's settings. Also knows
 * the data folder ({@code clipwb.data.dir}, {@code $XDG_DATA_HOME/clipwb}, {@code ~/.local/share/clipwb})
 * where the GUI puts project outputs. A broken file is logged and replaced by the defaults: settings
 * must never stop the workbench from starting.
 */
public final class PreferencesStore {
  private static final Logger LOG = LoggerFactory.getLogger(PreferencesStore.class);
  private final Path file;

  public PreferencesStore(Path configDir) {
    this.file = configDir.resolve("preferences.json");
  }

  /** The store in the default config folder. */
  public static PreferencesStore standard() {
    return new PreferencesStore(configDir());
  }

  /** The config folder (see the class comment). */
  public static Path configDir() {
    return xdg("clipwb.config.dir", "XDG_CONFIG_HOME", ".config");
  }

  /** The data folder (see the class comment). */
  public static Path dataDir() {
    return xdg("clipwb.data.dir", "XDG_DATA_HOME", ".local/share");
  }

  private static Path xdg(String property, String env, String homeRel) {
    String p = System.getProperty(property);
    if (p != null && !p.isBlank()) return Path.of(p);
    String e = System.getenv(env);
    if (e != null && !e.isBlank()) return Path.of(e, "clipwb");
    return Path.of(System.getProperty("user.home")).resolve(homeRel).resolve("clipwb");
  }

  public Path file() {
    return file;
  }

  /** The stored preferences, or the defaults when there are none (or they cannot be read). */
  public Preferences load() {
    if (!Files.isRegularFile(file)) return Preferences.defaults();
    try {
      return Json.read(file, Preferences.class);
    } catch (RuntimeException e) {
      LOG.warn("ignoring unreadable preferences {}: {}", file, e.getMessage());
      return Preferences.defaults();
    }
  }

  /** Writes {@code p} atomically. */
  public void save(Preferences p) {
    Json.write(file, p);
  }
}
