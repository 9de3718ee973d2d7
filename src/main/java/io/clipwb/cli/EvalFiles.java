package io.clipwb.cli;

import io.clipwb.core.io.Json;
import java.io.PrintWriter;

/** Console helpers shared by the evaluation commands (files are written by the core's writers). */
final class EvalFiles {
  private EvalFiles() {}

  static void stdout(PrintWriter w, Object value) {
    w.println(Json.toString(value));
    w.flush();
  }

}
