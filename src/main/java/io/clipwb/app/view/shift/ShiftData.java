package io.clipwb.app.view.shift;

import io.clipwb.core.eval.shift.ShiftAccuracy;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.runfolder.RunFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers of the distribution-shift view, without any window, all taken from the report's
 * {@link ShiftAccuracy.Result}s (so a set's class subset is honoured exactly as the report honours
 * it): accuracy per set per model, and the per-class accuracy drop of each model between two sets.
 * Also the run rows behind a bar, for drill-down.
 */
public final class ShiftData {
  private ShiftData() {}

  /** The sets with an accuracy (the in-distribution set first, then the shifted ones), in report order. */
  public static List<String> sets(ProjectReport r) {
    List<String> out = new ArrayList<>();
    for (ProjectReport.ModelReport m : r.models()) {
      if (!out.contains(m.id().set())) out.add(0, m.id().set());
      for (ShiftAccuracy.Result s : m.shifts()) if (!out.contains(s.set())) out.add(s.set());
    }
    return out;
  }

  /** A model's accuracy result on a set (the ID set or a shifted one). */
  public static Optional<ShiftAccuracy.Result> result(ProjectReport r, String model, String set) {
    for (ProjectReport.ModelReport m : r.models()) {
      if (!m.model().equals(model)) continue;
      if (m.id().set().equals(set)) return Optional.of(m.id());
      return m.shifts().stream().filter(s -> s.set().equals(set)).findFirst();
    }
    return Optional.empty();
  }

  /** Accuracy per model (rows) and set (columns), NaN where a run is missing. */
  public record Accuracies(List<String> models, List<String> sets, double[][] accuracy) {}

  public static Accuracies accuracies(ProjectReport r, List<String> models, List<String> sets) {
    double[][] a = new double[models.size()][sets.size()];
    for (int i = 0; i < models.size(); i++) {
      for (int j = 0; j < sets.size(); j++) a[i][j] = result(r, models.get(i), sets.get(j)).map(ShiftAccuracy.Result::accuracy).orElse(Double.NaN);
    }
    return new Accuracies(List.copyOf(models), List.copyOf(sets), a);
  }

  /** One class's accuracy on both sets and the drop (accuracy on A minus on B). */
  public record ClassRow(int classIndex, String className, int nA, double accA, int nB, double accB, double drop) {}

  /** A model's per-class drop from set A to set B, classes present in both, largest drop first. */
  public record ClassDrop(String model, String setA, String setB, List<ClassRow> rows) {}

  /**
   * @param classNames the run's class names (index order), or null to name classes by index
   */
  public static Optional<ClassDrop> classDrop(ProjectReport r, String model, String setA, String setB, List<String> classNames) {
    Optional<ShiftAccuracy.Result> a = result(r, model, setA);
    Optional<ShiftAccuracy.Result> b = result(r, model, setB);
    if (a.isEmpty() || b.isEmpty()) return Optional.empty();
    Map<Integer, ShiftAccuracy.PerClass> pa = new LinkedHashMap<>();
    a.get().perClass().forEach(p -> pa.put(p.classIndex(), p));
    List<ClassRow> rows = new ArrayList<>();
    for (ShiftAccuracy.PerClass pb : b.get().perClass()) {
      ShiftAccuracy.PerClass x = pa.get(pb.classIndex());
      if (x == null) continue;
      String name = classNames != null && pb.classIndex() < classNames.size() ? classNames.get(pb.classIndex()) : "class " + pb.classIndex();
      rows.add(new ClassRow(pb.classIndex(), name, x.n(), x.accuracy(), pb.n(), pb.accuracy(), x.accuracy() - pb.accuracy()));
    }
    rows.sort(Comparator.comparingDouble(ClassRow::drop).reversed().thenComparingInt(ClassRow::classIndex));
    return Optional.of(new ClassDrop(model, setA, setB, List.copyOf(rows)));
  }

  /** The class names of a run folder (its manifest), or null when it cannot be read. */
  public static List<String> classNames(Path runDir) {
    try {
      return RunFolder.readManifest(runDir).classes();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Every evaluated run row of a result (labelled rows; the rows its accuracy counts). */
  public static int[] rows(ShiftAccuracy.Result res) {
    return res.ids().clone();
  }

  /** The evaluated run rows of one class: rows of {@code res} whose label in the run folder is {@code classIndex}. */
  public static int[] rowsOfClass(Path runDir, ShiftAccuracy.Result res, int classIndex) {
    RunFolder f = RunFolder.read(runDir);
    int[] labels = f.labels();
    return java.util.Arrays.stream(res.ids()).filter(i -> labels[i] == classIndex).toArray();
  }
}
