package io.clipwb.core.cache;

import java.nio.file.Path;

/**
 * Where caches live by default, the same for the CLI and the workbench: {@code $CLIPWB_CACHE}, else
 * {@code $XDG_CACHE_HOME/clipwb}, else {@code ~/.cache/clipwb} (the XDG base-directory rule, so an
 * installed application never writes its caches anywhere else, and a user or a test can move them
 * with one variable).
 */
public final class CacheLocation {
  private CacheLocation() {}

  /**
   * Points JavaCPP (OpenCV's native libraries) at {@code <cache root>/javacpp} unless the user chose a
   * folder: by default it unpacks into {@code ~/.javacpp/cache}, outside the XDG folders. Called by
   * both entry points before any OpenCV class loads.
   */
  public static void configureNativeCaches() {
    if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
      System.setProperty("org.bytedeco.javacpp.cachedir", defaultRoot().resolve("javacpp").toString());
    }
  }

  /** The default cache root (embeddings, file digests, unpacked native libraries). */
  public static Path defaultRoot() {
    String env = System.getenv("CLIPWB_CACHE");
    if (env != null && !env.isBlank()) return Path.of(env);
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "clipwb");
    return Path.of(System.getProperty("user.home"), ".cache", "clipwb");
  }
}
