package io.clipwb.core.project;

import io.clipwb.core.eval.runio.RowResolver;
import io.clipwb.core.runfolder.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The row resolvers of a project's run folders, one per (model, set), loaded on first use and
 * kept: every drill-down of the workbench (a reliability bin, a corruption cell, a shape-bias trial,
 * an OOD histogram bar) turns its rows into images through here. Image paths are rebuilt from the
 * project's current data set location (the data set root + the item id), so a project moved
 * together with its data still finds its images. Thread-safe.
 */
public final class ProjectRows {
  private final Project project;
  private final Path out;
  private final Map<String, RowResolver> cache = new ConcurrentHashMap<>();

  /**
   * @param out the project run's output folder (holding {@code runs/})
   */
  public ProjectRows(Project project, Path out) {
    this.project = project;
    this.out = out;
  }

  /**
   * The resolver of a model's run on a set.
   *
   * @throws IllegalArgumentException for an unknown set or a missing run folder
   */
  public RowResolver get(String model, String set) {
    return cache.computeIfAbsent(model + "\u0000" + set, k -> load(model, set));
  }

  private RowResolver load(String model, String set) {
    Project.DataSetEntry d = project.datasets().stream().filter(x -> x.name().equals(set)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no data set named \"" + set + "\" in " + project.file()));
    return RowResolver.of(RunFolder.read(ProjectRun.runDir(out, model, set)), dataRoot(d));
  }

  /** The data set's current root (the manifest's folder, or the data set folder), or null if it is gone. */
  static Path dataRoot(Project.DataSetEntry d) {
    Path m = d.manifest();
    Path root = Files.isDirectory(m) ? m : m.toAbsolutePath().getParent();
    return root != null && Files.isDirectory(root) ? root : null;
  }
}
