package io.clipwb.cli;

import io.clipwb.core.io.Json;
import java.io.PrintWriter;

/**
 * What the evaluation commands print: the result as JSON on stdout and progress lines on stderr
 * (files are written by the core's writers).
 */
final class ConsoleOutput {
  private ConsoleOutput() {}

  static void stdout(PrintWriter w, Object value) {
    w.println(Json.toString(value));
    w.flush();
  }

}
