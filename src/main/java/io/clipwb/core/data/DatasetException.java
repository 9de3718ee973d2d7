package io.clipwb.core.data;

/** A data set that cannot be read as asked; the message names the path, line or class at fault. */
public class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  /** Keeps the underlying failure (a parser's, a file system's) as the cause. */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
