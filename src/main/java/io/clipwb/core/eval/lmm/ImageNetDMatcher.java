package io.clipwb.core.eval.lmm;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ImageNet-D's answer rule, reproduced exactly so that the paper's LLaVA numbers can be recomputed:
 * {@code LLaVA/compute_accuracy.py} of chenshuang-zhang/imagenet_d (commit recorded in
 * {@code imagenet_d_word_mapping.json}).
 *
 * <p>Why a second rule beside {@link AnswerParser}: the paper reports this one, and it differs on
 * many real answers. It lower-cases the answer only (Python {@code str.lower()}), not the category;
 * a category "matches" when it, or one of its {@code word_mapping_dict} synonyms, is a plain
 * substring of the lower-cased answer ({@code test_word_mapping}) — no word boundaries, no option
 * letters, no plural handling. Two ordered pairs whose names contain each other ("pen" / "can
 * opener", "plate" / "drying rack for plates") are decided by precedence instead of giving DOUBLE.
 * Everything else: both → DOUBLE ({@link AnswerParser.Outcome#BOTH}), ground truth only → TRUE,
 * prediction only → FALSE, neither → TODO ({@link AnswerParser.Outcome#NEITHER}). Their accuracy
 * is TRUE / (TRUE + FALSE), as in {@link LmmComparison}.
 *
 * <p>The synonym table is a data file ({@code imagenet_d_word_mapping.json}, MIT, source noted in
 * it); this class holds the rule only.
 */
public final class ImageNetDMatcher {
  /** Resource holding {@code word_mapping_dict}. */
  public static final String TABLE_RESOURCE = "imagenet_d_word_mapping.json";

  private static final ImageNetDMatcher SHIPPED = load();

  private final Map<String, List<String>> wordMapping;
  private final String sourceCommit;

  private ImageNetDMatcher(Map<String, List<String>> wordMapping, String sourceCommit) {
    this.wordMapping = wordMapping;
    this.sourceCommit = sourceCommit;
  }

  /** The matcher with ImageNet-D's own synonym table. */
  public static ImageNetDMatcher shipped() {
    return SHIPPED;
  }

  /** The synonym table: category → synonyms, in ImageNet-D's order (read-only). */
  public Map<String, List<String>> wordMapping() {
    return wordMapping;
  }

  /** The imagenet_d commit the table was read from. */
  public String sourceCommit() {
    return sourceCommit;
  }

  /**
   * {@code test_word_mapping(word, answer, word_mapping_dict)} plus extra terms: true when the
   * category itself, one of its table synonyms, or one of {@code extraTerms} is a substring of
   * {@code lowerAnswer}. The category and terms are compared as written (not lower-cased).
   */
  boolean mentions(String category, String lowerAnswer, Collection<String> extraTerms) {
    if (lowerAnswer.contains(category)) return true;
    List<String> syn = wordMapping.get(category);
    if (syn != null) {
      for (String s : syn) if (lowerAnswer.contains(s)) return true;
    }
    for (String s : extraTerms) if (lowerAnswer.contains(s)) return true;
    return false;
  }

  /**
   * The verdict of {@code compute_accuracy.py} for one answer.
   *
   * @param answer the LMM's text (null is read as empty; their script would fail on it)
   * @param groundTruth {@code gt_category}
   * @param predicted {@code pred_category}: the other candidate (CLIP's strongest wrong class)
   * @param groundTruthExtra terms beyond ImageNet-D's table for the ground truth (empty for the exact protocol)
   * @param predictedExtra terms beyond the table for the other candidate (empty for the exact protocol)
   */
  public AnswerParser.Outcome verdict(String answer, String groundTruth, String predicted,
      Collection<String> groundTruthExtra, Collection<String> predictedExtra) {
    String a = (answer == null ? "" : answer).toLowerCase(Locale.ROOT);
    boolean g = mentions(groundTruth, a, groundTruthExtra);
    boolean p = mentions(predicted, a, predictedExtra);
    boolean predictionFirst = "pen".equals(groundTruth) && "can opener".equals(predicted)
        || "plate".equals(groundTruth) && "drying rack for plates".equals(predicted);
    boolean truthFirst = "can opener".equals(groundTruth) && "pen".equals(predicted)
        || "drying rack for plates".equals(groundTruth) && "plate".equals(predicted);
    if (predictionFirst) {
      return p ? AnswerParser.Outcome.FALSE : g ? AnswerParser.Outcome.TRUE : AnswerParser.Outcome.NEITHER;
    }
    if (truthFirst) {
      return g ? AnswerParser.Outcome.TRUE : p ? AnswerParser.Outcome.FALSE : AnswerParser.Outcome.NEITHER;
    }
    if (g && p) return AnswerParser.Outcome.BOTH;
    if (g) return AnswerParser.Outcome.TRUE;
    if (p) return AnswerParser.Outcome.FALSE;
    return AnswerParser.Outcome.NEITHER;
  }

  /** The verdict with ImageNet-D's table only (the exact protocol). */
  public AnswerParser.Outcome verdict(String answer, String groundTruth, String predicted) {
    return verdict(answer, groundTruth, predicted, List.of(), List.of());
  }

  private static ImageNetDMatcher load() {
    try (InputStream in = ImageNetDMatcher.class.getResourceAsStream(TABLE_RESOURCE)) {
      if (in == null) throw new IllegalStateException("resource " + TABLE_RESOURCE + " missing from the class path");
      JsonNode root = Json.mapper().readTree(in);
      JsonNode t = root.get("word_mapping_dict");
      Map<String, List<String>> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = t.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> syn = new ArrayList<>();
        e.getValue().forEach(v -> syn.add(v.asText()));
        map.put(e.getKey(), List.copyOf(syn));
      }
      return new ImageNetDMatcher(java.util.Collections.unmodifiableMap(map), root.path("_source").path("commit").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TABLE_RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
