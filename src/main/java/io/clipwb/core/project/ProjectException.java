package io.clipwb.core.project;

/** A project file or project run that cannot proceed; the message names the file and field. */
public class ProjectException extends RuntimeException {
  public ProjectException(String message) {
    super(message);
  }

  /** Keeps the underlying failure (a JSON parser's, a bundle's, a data set's) as the cause. */
  public ProjectException(String message, Throwable cause) {
    super(message, cause);
  }
}
