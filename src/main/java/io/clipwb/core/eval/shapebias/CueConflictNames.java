package io.clipwb.core.eval.shapebias;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image-name conventions of the cue-conflict stimuli (Geirhos et al. 2019; rgeirhos/texture-vs-shape
 * {@code style-transfer-preprocessed-512/<shape>/<shape>N-<texture>M.png}).
 */
public final class CueConflictNames {
  private static final Pattern NAME = Pattern.compile("^([A-Za-z]+)(\\d+)-([A-Za-z]+)(\\d+)\\.[A-Za-z]+$");

  private CueConflictNames() {}

  /** Shape and texture class parsed from a cue-conflict file name. */
  public record ShapeTexture(String shape, String texture) {}

  /**
   * The texture class exactly as model-vs-human derives it
   * ({@code modelvshuman/plotting/analyses.py, ShapeBias.get_texture_category}): last
   * {@code '_'}-separated part, text before the first {@code '.'}, last {@code '-'}-separated part,
   * digits removed. E.g. {@code XXX_dog10-bird2.png} gives {@code bird}.
   */
  public static String textureCategory(String imagename) {
    String a = imagename.substring(imagename.lastIndexOf('_') + 1);
    int dot = a.indexOf('.');
    String b = dot >= 0 ? a.substring(0, dot) : a;
    String c = b.substring(b.lastIndexOf('-') + 1);
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      if (!Character.isDigit(ch)) d.append(ch);
    }
    return d.toString();
  }

  /**
   * Parses {@code <shape>N-<texture>M.<ext>} (after an optional {@code prefix_}); empty if the name
   * does not follow the cue-conflict layout.
   */
  public static Optional<ShapeTexture> parse(String fileName) {
    String a = fileName.substring(fileName.lastIndexOf('_') + 1);
    Matcher m = NAME.matcher(a);
    if (!m.matches()) return Optional.empty();
    return Optional.of(new ShapeTexture(m.group(1).toLowerCase(), m.group(3).toLowerCase()));
  }
}
