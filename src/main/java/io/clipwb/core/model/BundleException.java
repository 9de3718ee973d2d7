package io.clipwb.core.model;

/** A bundle that cannot be used; the message names the file and the field at fault. */
public class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
