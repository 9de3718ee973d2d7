package io.clipwb.core.eval.runio;

/**
 * One input row an importer could not use: the file, its 1-based line number and why. Importers
 * collect these instead of stopping at the first one, so a user sees every bad line at once and the
 * good rows are not lost.
 */
public record RowProblem(String source, int line, String reason) {
  @Override
  public String toString() {
    return source + ":" + line + ": " + reason;
  }
}
