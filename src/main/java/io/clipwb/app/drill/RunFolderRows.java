package io.clipwb.app.drill;

import io.clipwb.core.eval.runio.RowResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link DrillRows} of one run folder through the core's {@link RowResolver}, the one index every
 * drill-down uses (image path, true class, prediction, confidence, top-5, metadata per row). This
 * class only maps the resolver's rows to the grid's {@link DrillItem}s; nothing about the run
 * folder's files is known here.
 */
public final class RunFolderRows implements DrillRows {
  private final RowResolver resolver;

  private RunFolderRows(RowResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Reads a run folder (blocking: call it off the FX thread).
   *
   * @throws IllegalArgumentException naming the missing or inconsistent file
   */
  public static RunFolderRows load(Path runDir) {
    return new RunFolderRows(RowResolver.load(runDir));
  }

  /** Rows of a resolver already loaded (e.g. the project's, with its current data folders). */
  public static RunFolderRows of(RowResolver resolver) {
    return new RunFolderRows(Objects.requireNonNull(resolver, "resolver"));
  }

  @Override
  public String model() {
    return resolver.folder().model();
  }

  @Override
  public int size() {
    return resolver.size();
  }

  @Override
  public DrillItem row(int row) {
    RowResolver.Row r = resolver.row(row);
    List<DrillItem.ClassProb> top = new ArrayList<>(r.top().size());
    for (RowResolver.Ranked k : r.top()) top.add(new DrillItem.ClassProb(k.className(), k.probability()));
    return new DrillItem(r.row(), r.image(), r.labelName() == null ? "?" : r.labelName(), r.predictedName(), r.confidence(),
        r.correct(), r.metadata(), top);
  }
}
