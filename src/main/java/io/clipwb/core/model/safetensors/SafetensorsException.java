package io.clipwb.core.model.safetensors;

import io.clipwb.core.model.BundleException;

/**
 * A safetensors file (or a checkpoint built from one) that cannot be used. It is a
 * {@link BundleException} so that every caller that already reports bad bundles reports bad
 * checkpoints the same way; the message names the file, the tensor and, where it applies, the
 * expected shape.
 */
public class SafetensorsException extends BundleException {
  public SafetensorsException(String message) {
    super(message);
  }

  public SafetensorsException(String message, Throwable cause) {
    super(message, cause);
  }
}
