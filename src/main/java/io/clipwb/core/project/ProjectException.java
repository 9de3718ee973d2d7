package io.clipwb.core.project;

/** A project file or project run that cannot proceed; the message names the file and field. */
public class ProjectException extends RuntimeException {
  public ProjectException(String message) {
    super(message);
  }
}
