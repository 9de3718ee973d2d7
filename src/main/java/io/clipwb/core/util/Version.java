package io.clipwb.core.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The release's version, written once in {@code pom.xml} and filtered into
 * {@code io/clipwb/version.properties} at build time, so {@code clipwb --version}, the run
 * manifests' environment and the installer cannot drift apart.
 */
public final class Version {
  private static final String CURRENT = read();

  private Version() {}

  /** The version, e.g. "0.1.0-SNAPSHOT" ("unknown" when the resource is missing). */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("/io/clipwb/version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
