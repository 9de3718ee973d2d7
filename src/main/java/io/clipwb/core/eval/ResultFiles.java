package io.clipwb.core.eval;

import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Csv;
import io.clipwb.core.io.Json;
import java.nio.file.Path;

/**
 * Small helpers for the result files every evaluation writes (JSON + CSV + .npy). They live in the
 * core so that the CLI, the project runner and the GUI write byte-identical files; every write is
 * atomic, so a crash never leaves a half-written result behind.
 */
public final class ResultFiles {
  private ResultFiles() {}

  /** A file-name-safe version of a set or model name. */
  public static String safe(String s) {
    String t = s.replaceAll("[^A-Za-z0-9._-]+", "_");
    return t.isEmpty() ? "set" : t;
  }

  /** Writes {@code value} as pretty JSON to {@code dir/file}. */
  public static void json(Path dir, String file, Object value) {
    Json.write(dir.resolve(file), value);
  }

  /** Writes text (UTF-8) to {@code dir/file}. */
  public static void text(Path dir, String file, String text) {
    AtomicFiles.writeString(dir.resolve(file), text);
  }

  /** Same as {@link Csv#num}; kept so existing callers compile, new code calls {@link Csv}. */
  public static String num(double v) {
    return Csv.num(v);
  }

  /** Same as {@link Csv#field}; kept so existing callers compile, new code calls {@link Csv}. */
  public static String csv(String s) {
    return Csv.field(s);
  }
}
