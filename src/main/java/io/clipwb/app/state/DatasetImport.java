package io.clipwb.app.state;

import io.clipwb.core.data.ClassSet;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.project.Project;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the "Add data set" dialog needs to know before the set joins a project, computed off the FX
 * thread: the set as opened, the class space its runs will use (the in-distribution set's, because
 * every set of a project is scored against the in-distribution classes) and which of those classes
 * the new set's images actually cover, for the ImageNet-R/-A style restriction of the logits to the
 * covered classes. Also writes the chosen subset as the class-subset file the core reads
 * ({@link io.clipwb.core.eval.shift.ClassSubset#fromFile}: one 0-based class index per line).
 */
public record DatasetImport(Dataset dataset, ClassSet classSpace, List<Integer> covered, boolean becomesInDistribution) {
  public DatasetImport {
    covered = List.copyOf(covered);
  }

  /**
   * Opens {@code path} and relates it to the project's in-distribution classes (blocking).
   *
   * @param project the open project (may be null or without an in-distribution set: the new set's
   *     own classes are then the class space)
   */
  public static DatasetImport inspect(Path path, Project project) {
    Dataset ds = ProjectService.openDataset(path);
    Project.DataSetEntry id = project == null ? null
        : project.datasets().stream().filter(d -> d.role().equals(Project.ROLE_ID)).findFirst().orElse(null);
    if (id == null) {
      return new DatasetImport(ds, ds.classes(), labelsUsed(ds, ds.classes()), true);
    }
    ClassSet space = ProjectService.openDataset(id.manifest()).classes();
    return new DatasetImport(ds, space, labelsUsed(ds, space), false);
  }

  /** The indices in {@code space} of the classes that at least one labelled image of {@code ds} has. */
  static List<Integer> labelsUsed(Dataset ds, ClassSet space) {
    TreeSet<Integer> used = new TreeSet<>();
    for (DataItem it : ds.items()) {
      if (it.label() < 0 || it.label() >= ds.classes().size()) continue;
      String id = ds.classes().ids().get(it.label());
      String name = ds.classes().names().get(it.label());
      space.indexOf(id).or(() -> space.indexOf(name)).ifPresent(used::add);
    }
    return new ArrayList<>(used);
  }

  /**
   * Writes a class-subset file ({@code <dir>/<set>.classes.txt}: a comment naming the classes, then
   * one index per line) and returns it.
   */
  public static Path writeSubset(Path dir, String setName, ClassSet space, List<Integer> indices) {
    StringBuilder sb = new StringBuilder("# class subset of data set \"").append(setName).append("\": ").append(indices.size())
        .append(" of ").append(space.size()).append(" classes (0-based indices of the in-distribution class list)\n");
    for (int i : indices) sb.append("# ").append(space.names().get(i).replace('\n', ' ')).append('\n').append(i).append('\n');
    Path f = dir.resolve(io.clipwb.core.eval.ResultFiles.safe(setName) + ".classes.txt");
    AtomicFiles.write(f, sb.toString().getBytes(StandardCharsets.UTF_8));
    return f;
  }
}
