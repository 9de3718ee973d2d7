package io.clipwb.core.eval.lmm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an LMM answer becomes TRUE / FALSE / BOTH / NEITHER. Two rules exist because the paper's
 * numbers use ImageNet-D's permissive substring rule, while a reader checking single answers wants
 * one that does not count "that" as "hat": the choice is a parameter of {@link LmmComparison} (and
 * {@code clipwb lmm compare --protocol}), never a hidden default. Differences, with examples:
 * {@code docs/lmm-protocols.md}.
 */
public enum AnswerProtocol {
  /**
   * ImageNet-D's {@code compute_accuracy.py} exactly ({@link ImageNetDMatcher}): substring match of
   * the category and its {@code word_mapping_dict} synonyms in the lower-cased answer, the pen /
   * can opener and plate / drying rack precedence. Synonyms beyond the class name (WordNet names,
   * {@code --synonyms}) are added as extra substrings; with none, the verdicts are theirs.
   */
  IMAGENET_D("imagenet-d"),
  /** This workbench's {@link AnswerParser}: whole words, plurals, option letters, nested names. */
  STRICT("strict");

  /** The protocol the paper reports, and the default everywhere. */
  public static final AnswerProtocol DEFAULT = IMAGENET_D;

  private final String id;

  AnswerProtocol(String id) {
    this.id = id;
  }

  /** The command-line / JSON name. */
  @JsonValue
  public String id() {
    return id;
  }

  /** Parses a command-line / JSON name (case-insensitive; "imagenet_d" accepted). */
  @JsonCreator
  public static AnswerProtocol of(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (AnswerProtocol p : values()) if (p.id.equals(n)) return p;
    throw new IllegalArgumentException("unknown answer protocol '" + name + "': use one of "
        + Arrays.stream(values()).map(AnswerProtocol::id).collect(Collectors.joining(", ")));
  }

  /**
   * The verdict on one answer.
   *
   * @param answer the LMM's text
   * @param groundTruth the ground-truth class name
   * @param groundTruthTerms its names (the class name and synonyms, e.g. {@link Synonyms#of})
   * @param other the other candidate's class name
   * @param otherTerms its names
   * @param groundTruthLetter "A" or "B", the ground truth's option letter (used by {@link #STRICT} only)
   */
  public AnswerParser.Outcome parse(String answer, String groundTruth, Set<String> groundTruthTerms, String other,
      Set<String> otherTerms, String groundTruthLetter) {
    return switch (this) {
      case STRICT -> AnswerParser.parse(answer, groundTruthTerms, otherTerms, groundTruthLetter);
      case IMAGENET_D -> ImageNetDMatcher.shipped().verdict(answer, groundTruth, other,
          extra(groundTruth, groundTruthTerms), extra(other, otherTerms));
    };
  }

  private static Set<String> extra(String name, Set<String> terms) {
    Set<String> s = new LinkedHashSet<>(terms);
    s.remove(name);
    s.removeIf(String::isEmpty);
    return s;
  }
}
