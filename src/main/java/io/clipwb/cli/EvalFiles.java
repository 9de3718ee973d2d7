package io.clipwb.cli;

import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Small output helpers shared by the calibrate/ood/shift commands. */
final class EvalFiles {
  private EvalFiles() {}

  /** A file-name-safe version of a set name. */
  static String safe(String s) {
    String t = s.replaceAll("[^A-Za-z0-9._-]+", "_");
    return t.isEmpty() ? "set" : t;
  }

  static void json(Path out, String file, Object value) {
    Json.write(out.resolve(file), value);
  }

  static void text(Path out, String file, String text) {
    AtomicFiles.writeString(out.resolve(file), text);
  }

  static void stdout(PrintWriter w, Object value) {
    w.println(Json.toString(value));
    w.flush();
  }

  static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.10g", v);
  }

  static String csv(String s) {
    if (s == null) return "";
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
    return s;
  }

  /** Progress printer to stderr. */
  static io.clipwb.core.util.Progress stderrProgress(PrintWriter err) {
    return (d, t, m) -> {
      err.println("[" + d + "/" + t + "] " + m);
      err.flush();
    };
  }
}
