package io.clipwb.app.view.shapebias;

import io.clipwb.core.eval.shapebias.CueConflictNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The edge and filled-silhouette stimuli that go with a cue-conflict image, when the data set has
 * them in the layout of rgeirhos/texture-vs-shape: {@code style-transfer-preprocessed-512/<shape>/
 * <shape>N-<texture>M.png} has the shape image {@code <shape>N}, drawn as {@code edges/<shape>/
 * <shape>N.png} and {@code filled-silhouettes/<shape>/<shape>N.png} next to the style-transfer
 * folder. Up to three folders above the image are searched, so flat layouts work too.
 */
public final class Companions {
  /** The folder names searched, with the label the browser shows. */
  private static final Map<String, String> KINDS = Map.of("edges", "Edges", "filled-silhouettes", "Silhouette");

  private Companions() {}

  /** Label -> file of each companion found (edges first); empty when none exists. */
  public static Map<String, Path> of(Path cueConflictImage) {
    Map<String, Path> out = new LinkedHashMap<>();
    if (cueConflictImage == null) return out;
    String name = cueConflictImage.getFileName().toString();
    String stem = shapeStem(name);
    if (stem == null) return out;
    String shape = CueConflictNames.parse(name).map(CueConflictNames.ShapeTexture::shape).orElse(null);
    for (String kind : new String[] {"edges", "filled-silhouettes"}) {
      Path dir = cueConflictImage.getParent();
      for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
        Path k = dir.resolve(kind);
        if (!Files.isDirectory(k)) continue;
        Path hit = find(k, shape, stem);
        if (hit != null) {
          out.put(KINDS.get(kind), hit);
          break;
        }
      }
    }
    return out;
  }

  /** {@code cat1} from {@code cat1-airplane1.png} (after an optional {@code prefix_}), or null. */
  static String shapeStem(String fileName) {
    String a = fileName.substring(fileName.lastIndexOf('_') + 1);
    int dash = a.indexOf('-');
    if (dash <= 0 || CueConflictNames.parse(fileName).isEmpty()) return null;
    return a.substring(0, dash);
  }

  private static Path find(Path kindDir, String shape, String stem) {
    for (String ext : new String[] {".png", ".jpg", ".jpeg"}) {
      if (shape != null) {
        Path p = kindDir.resolve(shape).resolve(stem + ext);
        if (Files.isRegularFile(p)) return p;
      }
      Path flat = kindDir.resolve(stem + ext);
      if (Files.isRegularFile(flat)) return flat;
    }
    return null;
  }
}
