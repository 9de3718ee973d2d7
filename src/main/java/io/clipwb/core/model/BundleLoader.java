package io.clipwb.core.model;

import java.nio.file.Path;

/**
 * Reads and validates {@code bundle.json}. CONTRACT STUB — implemented in the models work.
 */
public final class BundleLoader {
  private BundleLoader() {}

  /**
   * @throws BundleException naming the file and field at fault, before any model work starts
   */
  public static Bundle load(Path dir) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
