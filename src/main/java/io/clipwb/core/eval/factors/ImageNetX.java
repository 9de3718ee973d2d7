package io.clipwb.core.eval.factors;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Csv;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.eval.runio.RowProblem;
import io.clipwb.core.io.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ImageNet-X (facebookresearch/imagenetx, Idrissi et al. 2022) files: the factor annotation JSONL
 * (top-factor and multi-factor variants share one layout: {@code file_name}, {@code class} and one
 * 0/1 column per factor), the 1,000 → metaclass CSV and the prototype list. Definitions follow
 * {@code imagenet_x/utils.py} ({@code FACTORS}, {@code METACLASSES}, {@code to_metaclass},
 * {@code load_annotations}).
 */
public final class ImageNetX {
  private ImageNetX() {}

  /** The 16 factors, in ImageNet-X's {@code FACTORS} order. */
  public static final List<String> FACTORS = List.of(
      "pose", "background", "pattern", "color", "smaller", "shape", "partial_view", "subcategory",
      "texture", "larger", "darker", "object_blocking", "person_blocking", "style", "brighter", "multiple_objects");

  /** ImageNet-X's {@code METACLASSES}; any other metaclass name maps to {@code other}. */
  public static final List<String> METACLASSES = List.of(
      "device", "dog", "commodity", "bird", "structure", "covering", "wheeled_vehicle", "food", "equipment",
      "insect", "vehicle", "furniture", "primate", "vessel", "snake", "natural_object", "other");

  /** One annotated image: file name, ImageNet class index, and the 0/1 factor flags in {@link #FACTORS} order. */
  public record Annotation(int line, String fileName, int classIndex, boolean[] factors) {}

  /** Annotations of one file and which variant they look like ({@code top} if no image has two factors). */
  public record Annotations(String source, String variant, List<Annotation> rows, List<RowProblem> problems) {}

  /**
   * Reads an annotation JSONL. A line that is not JSON, lacks {@code file_name}/{@code class} or a
   * factor, or has a factor value other than 0/1, is reported with its line number; the others are
   * kept. The variant is {@code multi} if any image has more than one factor set, else {@code top}.
   */
  public static Annotations readAnnotations(Path jsonl) {
    List<Annotation> rows = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    boolean multi = false;
    String src = jsonl.toString();
    for (JsonLines.Line line : JsonLines.read(jsonl)) {
      int lineNo = line.number();
      if (!line.valid()) {
        problems.add(new RowProblem(src, lineNo, "not valid JSON: " + line.error()));
        continue;
      }
      JsonNode n = line.value();
      if (!n.isObject() || !n.hasNonNull("file_name") || !n.hasNonNull("class") || !n.get("class").canConvertToInt()) {
        problems.add(new RowProblem(src, lineNo, "needs 'file_name' and an integer 'class'"));
        continue;
      }
      boolean[] f = new boolean[FACTORS.size()];
      String bad = null;
      int count = 0;
      for (int k = 0; k < f.length; k++) {
        JsonNode v = n.get(FACTORS.get(k));
        if (v == null || !(v.isIntegralNumber() || v.isBoolean())) {
          bad = "missing or non-integer factor '" + FACTORS.get(k) + "'";
          break;
        }
        int x = v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asInt();
        if (x != 0 && x != 1) {
          bad = "factor '" + FACTORS.get(k) + "' is " + x + ", expected 0 or 1";
          break;
        }
        f[k] = x == 1;
        if (f[k]) count++;
      }
      if (bad != null) {
        problems.add(new RowProblem(src, lineNo, bad));
        continue;
      }
      int cls = n.get("class").asInt();
      if (cls < 0 || cls >= 1000) {
        problems.add(new RowProblem(src, lineNo, "class " + cls + " outside [0, 1000)"));
        continue;
      }
      multi |= count > 1;
      rows.add(new Annotation(lineNo, n.get("file_name").asText(), cls, f));
    }
    return new Annotations(src, multi ? "multi" : "top", List.copyOf(rows), List.copyOf(problems));
  }

  /**
   * The metaclass of each of the 1,000 classes from {@code imagenet_1k_classes_to_100_metaclasses.csv}
   * (row i = class i): its {@code name} when that is one of {@link #METACLASSES}, else {@code other}
   * (ImageNet-X's {@code to_metaclass}).
   */
  public static String[] readMetaclasses(Path csv) {
    Csv.Table t = Csv.readRagged(csv, ',');
    int name = t.requireColumn("name");
    if (t.rows().size() != 1000) {
      throw new IllegalArgumentException(csv + ": expected 1000 class rows but found " + t.rows().size());
    }
    String[] out = new String[1000];
    for (int i = 0; i < 1000; i++) {
      Csv.Row r = t.rows().get(i);
      if (r.values().size() <= name) throw new IllegalArgumentException(csv + ":" + r.line() + ": missing field 'name'");
      String v = r.values().get(name).trim();
      out[i] = METACLASSES.contains(v) ? v : "other";
    }
    return out;
  }

  /** The file names of {@code prototypical_paths.csv} (ImageNet-X removes them by default). */
  public static Set<String> readPrototypes(Path csv) {
    Csv.Table t = Csv.readRagged(csv, ',');
    int c = t.requireColumn("file_name");
    Set<String> s = new HashSet<>();
    for (Csv.Row r : t.rows()) if (r.values().size() > c) s.add(r.values().get(c).trim());
    return s;
  }

  /** Problems as an {@link ImportResult}, for callers that want strictness. */
  public static ImportResult<Annotation> asImport(Annotations a) {
    return new ImportResult<>(a.rows(), a.problems());
  }
}
