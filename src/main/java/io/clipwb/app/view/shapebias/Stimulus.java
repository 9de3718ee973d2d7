package io.clipwb.app.view.shapebias;

import io.clipwb.core.eval.shapebias.ShapeBias;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One cue-conflict stimulus of the browser: its run row (the same in every model's run of the
 * set), image, shape and texture class, and each model's decision and how the core counted it
 * ({@code shape}, {@code texture}, {@code other}, {@code no-conflict}, from
 * {@link ShapeBias.TrialOutcome#outcome()}).
 *
 * @param row the run row
 * @param image the image file (null until resolved)
 * @param imagename the file name
 * @param shape the shape class
 * @param texture the texture class
 * @param responses model -> its 16-class decision
 * @param outcomes model -> the outcome
 */
public record Stimulus(int row, Path image, String imagename, String shape, String texture, Map<String, String> responses,
    Map<String, String> outcomes) {

  public Stimulus {
    responses = Map.copyOf(responses);
    outcomes = Map.copyOf(outcomes);
  }

  /** A copy with the image path resolved. */
  public Stimulus withImage(Path p) {
    return new Stimulus(row, p, imagename, shape, texture, responses, outcomes);
  }

  /** The stimuli of the model series of {@code data}, joined by run row, in row order (humans are left out: no run rows). */
  public static List<Stimulus> of(ShapeBiasData.Data data) {
    Map<Integer, String[]> base = new TreeMap<>();
    Map<Integer, Map<String, String>> resp = new LinkedHashMap<>();
    Map<Integer, Map<String, String>> out = new LinkedHashMap<>();
    for (ShapeBiasData.Series s : data.series()) {
      if (s.human()) continue;
      List<ShapeBias.TrialOutcome> ts = s.result().trials();
      for (int i = 0; i < ts.size(); i++) {
        int row = s.runRows()[i];
        if (row < 0) continue;
        ShapeBias.TrialOutcome t = ts.get(i);
        base.putIfAbsent(row, new String[] {t.imagename(), t.category(), t.texture()});
        resp.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(s.name(), t.response());
        out.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(s.name(), t.outcome());
      }
    }
    List<Stimulus> list = new ArrayList<>(base.size());
    base.forEach((row, b) -> list.add(new Stimulus(row, null, b[0], b[1], b[2], resp.get(row), out.get(row))));
    return list;
  }

  /**
   * The browser's filter: up to two (model, outcome) conditions ("model A says texture, model B
   * says shape"), conflict stimuli only, and a class text matching the shape or texture class.
   *
   * @param modelA first model, or null for no condition
   * @param outcomeA its required outcome ("shape", "texture", "other"), or null for any
   * @param modelB second model, or null
   * @param outcomeB its required outcome, or null
   * @param conflictOnly leave out stimuli whose shape equals their texture
   * @param classText case-insensitive substring of the shape or texture class ("" = any)
   */
  public record Filter(String modelA, String outcomeA, String modelB, String outcomeB, boolean conflictOnly, String classText) {
    /** Everything. */
    public static final Filter ALL = new Filter(null, null, null, null, false, "");

    /** Whether a stimulus passes. */
    public boolean accepts(Stimulus s) {
      if (conflictOnly && s.shape().equals(s.texture())) return false;
      if (!cond(s, modelA, outcomeA) || !cond(s, modelB, outcomeB)) return false;
      if (classText == null || classText.isBlank()) return true;
      String t = classText.strip().toLowerCase(java.util.Locale.ROOT);
      return s.shape().toLowerCase(java.util.Locale.ROOT).contains(t) || s.texture().toLowerCase(java.util.Locale.ROOT).contains(t);
    }

    private static boolean cond(Stimulus s, String model, String outcome) {
      if (model == null || outcome == null) return true;
      return outcome.equals(s.outcomes().get(model));
    }

    /** The stimuli that pass, in the given order. */
    public List<Stimulus> apply(List<Stimulus> all) {
      return all.stream().filter(this::accepts).toList();
    }
  }
}
