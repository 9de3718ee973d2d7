package io.clipwb.core.eval.runio;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What an importer read: the rows it could use (in file order) and the rows it could not, each
 * with its line and reason. Callers choose strictness: {@link #orThrow()} fails with a message
 * listing every bad line; lenient callers keep {@link #rows()} and report {@link #problems()}.
 *
 * @param <T> the row type
 */
public record ImportResult<T>(List<T> rows, List<RowProblem> problems) {
  public ImportResult {
    rows = List.copyOf(rows);
    problems = List.copyOf(problems);
  }

  public boolean clean() {
    return problems.isEmpty();
  }

  /** The rows when there was no problem, else an {@link ImportException} listing all problems. */
  public List<T> orThrow() {
    if (!problems.isEmpty()) throw new ImportException(problems);
    return rows;
  }

  /** A multi-line summary (at most {@code max} lines, then a count). */
  public static String describe(List<RowProblem> problems, int max) {
    String head = problems.stream().limit(max).map(RowProblem::toString).collect(Collectors.joining("\n  "));
    return problems.size() + " bad row(s):\n  " + head
        + (problems.size() > max ? "\n  ... and " + (problems.size() - max) + " more" : "");
  }

  /** Thrown by {@link #orThrow()}: its message names every bad line (up to 20, then a count). */
  public static final class ImportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<RowProblem> problems;

    public ImportException(List<RowProblem> problems) {
      super(describe(problems, 20));
      this.problems = List.copyOf(problems);
    }

    public List<RowProblem> problems() {
      return problems;
    }
  }
}
