package io.clipwb.core.image;

/** An image file that cannot be decoded; the message says why (recorded as a failed item). */
public class ImageDecodeException extends Exception {
  public ImageDecodeException(String message) {
    super(message);
  }

  public ImageDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
