package io.clipwb.core.sample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fixed vocabulary of the sample world: 16 classes, each defined by a silhouette (its
 * <em>shape</em>) and, in the default training distribution, strongly correlated with a
 * characteristic <em>texture</em> and <em>colour</em> — so a model can learn either cue, which is
 * what makes shape bias (Geirhos et al. 2019) measurable in a world we control.
 *
 * <p>Class {@code i} has shape {@code CLASSES[i]}, texture {@code TEXTURES[i]} and colour
 * {@code COLOURS[i]}. Every word of every caption comes from {@link #vocabulary()}, so the
 * {@code word-vocab} tokenizer of the sample models never meets an unknown word on the sample sets.
 */
public final class SampleWorld {
  private SampleWorld() {}

  /** The 16 class names = shape names, in label order. */
  public static final List<String> CLASSES = List.of(
      "circle", "square", "triangle", "star", "cross", "heart", "ring", "arrow",
      "crescent", "diamond", "hexagon", "ellipse", "hourglass", "semicircle", "chevron", "bolt");

  /** Shapes that belong to no class, for the OOD set ({@code patch} = texture only, no silhouette). */
  public static final List<String> OOD_SHAPES = List.of("flower", "gear", "keyhole", "patch");

  /** Training textures; {@code TEXTURES[i]} is class i's characteristic texture. Names are caption adjectives. */
  public static final List<String> TEXTURES = List.of(
      "striped", "diagonal", "dotted", "checkered", "wavy", "gridded", "speckled", "zigzag",
      "concentric", "plain", "spotted", "crosshatched", "shaded", "brick", "scaly", "marbled");

  /** Textures never seen in training (the {@code novel-texture} shift and part of OOD). */
  public static final List<String> NOVEL_TEXTURES = List.of("plaid", "honeycomb", "rippled", "sparkly");

  /** Colours; {@code COLOURS[i]} is class i's characteristic colour. */
  public static final List<String> COLOURS = List.of(
      "red", "orange", "yellow", "lime", "green", "teal", "cyan", "blue",
      "navy", "purple", "magenta", "pink", "brown", "olive", "maroon", "black");

  /** sRGB of {@link #COLOURS}. */
  static final int[][] COLOUR_RGB = {
      {220, 30, 30}, {245, 130, 20}, {240, 210, 30}, {150, 230, 40}, {30, 150, 50}, {20, 140, 140},
      {40, 220, 230}, {40, 80, 230}, {20, 30, 120}, {130, 40, 180}, {230, 40, 200}, {250, 140, 180},
      {130, 75, 30}, {120, 120, 20}, {120, 20, 40}, {25, 25, 25}};

  /** Training backgrounds (plain, softly shaded planes). */
  public static final List<String> BACKGROUNDS = List.of("grey", "beige", "mint", "lavender");

  static final int[][] BACKGROUND_RGB = {{150, 150, 150}, {215, 200, 170}, {180, 225, 200}, {200, 190, 225}};

  /** Backgrounds never seen in training (the {@code novel-background} shift). */
  public static final List<String> NOVEL_BACKGROUNDS = List.of("cluttered", "noisy");

  /** Background of the {@code outline} sketches. */
  public static final String OUTLINE_BACKGROUND = "white";

  /** Caption templates used for training-time caption variation and for zero-shot prompts. */
  public static final List<String> PROMPT_TEMPLATES = List.of(
      "a photo of a {c}.", "a picture of a {c}.", "an image of a {c}.", "a {c}.");

  /** Every word the sample world's captions and prompts use, in a fixed order. */
  public static List<String> vocabulary() {
    Set<String> w = new LinkedHashSet<>(List.of(
        "a", "an", "the", "photo", "picture", "image", "drawing", "sketch", "outline", "of", "on", "in",
        "with", "background", "dark", "rotated", "texture", "shape", "object", "objects", "two"));
    w.addAll(CLASSES);
    w.addAll(OOD_SHAPES);
    w.addAll(TEXTURES);
    w.addAll(NOVEL_TEXTURES);
    w.addAll(COLOURS);
    w.addAll(BACKGROUNDS);
    w.addAll(NOVEL_BACKGROUNDS);
    w.add(OUTLINE_BACKGROUND);
    for (String c : CLASSES) w.add(plural(c)); // "two stars"
    return new ArrayList<>(w);
  }

  static String plural(String noun) {
    return noun.endsWith("s") || noun.endsWith("x") ? noun + "es" : noun + "s";
  }

  static String article(String nextWord) {
    return "aeiou".indexOf(nextWord.charAt(0)) >= 0 ? "an" : "a";
  }

  /**
   * The full ground-truth caption, e.g. "a photo of a red striped star on a grey background".
   * {@code colour}/{@code texture} may be null (outline sketches).
   */
  public static String caption(String style, String colour, String texture, String shape, String background, int nObjects) {
    StringBuilder noun = new StringBuilder();
    if (colour != null) noun.append(colour).append(' ');
    if (texture != null) noun.append(texture).append(' ');
    String shapeWord = "patch".equals(shape) ? "texture" : shape;
    noun.append(nObjects > 1 ? plural(shapeWord) : shapeWord);
    String np = nObjects > 1 ? "two " + noun : article(noun.toString()) + " " + noun;
    String head = "outline".equals(style) ? "a drawing of " : "a photo of ";
    return head + np + " on " + article(background) + " " + background + " background";
  }
}
