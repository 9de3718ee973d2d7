package io.clipwb.core.eval.lmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides what an LMM answer says about a two-choice question: {@code TRUE} (names only the
 * ground truth), {@code FALSE} (names only the distractor), {@code BOTH}, or {@code NEITHER}.
 *
 * <p>Matching is case-insensitive on whole words: answer and terms are lower-cased, every
 * character that is not a letter or digit becomes a space, and a term matches where it occurs
 * between word boundaries, optionally followed by a plural "s"/"es". A match of one candidate that
 * lies inside a longer match of the other is dropped (so "tiger cat" does not also count as "cat"
 * when the candidates are "cat" and "tiger cat"). An answer that is just a letter ("A", "(b)",
 * "B.") picks that option.
 */
public final class AnswerParser {
  private AnswerParser() {}

  /** The four outcomes. */
  public enum Outcome { TRUE, FALSE, BOTH, NEITHER }

  /** Normalised text: lower case, non-alphanumerics as single spaces, padded with one space. */
  static String normalize(String s) {
    StringBuilder b = new StringBuilder(" ");
    boolean space = true;
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      if (Character.isLetterOrDigit(c)) {
        b.append(c);
        space = false;
      } else if (!space) {
        b.append(' ');
        space = true;
      }
    }
    if (!space) b.append(' ');
    return b.toString().toLowerCase(Locale.ROOT);
  }

  private record Span(int start, int end) {
    boolean inside(Span o) {
      return o.start <= start && end <= o.end && (o.end - o.start) > (end - start);
    }
  }

  private static List<Span> spans(String text, Iterable<String> terms) {
    List<Span> out = new ArrayList<>();
    for (String t : terms) {
      String n = normalize(t).trim();
      if (n.isEmpty()) continue;
      for (String suffix : new String[] {"", "s", "es"}) {
        String needle = " " + n + suffix + " ";
        int from = 0;
        while (true) {
          int k = text.indexOf(needle, from);
          if (k < 0) break;
          out.add(new Span(k + 1, k + needle.length() - 1));
          from = k + 1;
        }
      }
    }
    return out;
  }

  /**
   * @param answer the LMM's text
   * @param groundTruthTerms names of the ground-truth class
   * @param distractorTerms names of the other candidate
   * @param groundTruthLetter "A" or "B": the option letter of the ground truth
   */
  public static Outcome parse(String answer, Iterable<String> groundTruthTerms, Iterable<String> distractorTerms, String groundTruthLetter) {
    String text = normalize(answer == null ? "" : answer);
    String bare = text.trim();
    if (bare.equals("a") || bare.equals("b")) {
      return bare.equalsIgnoreCase(groundTruthLetter) ? Outcome.TRUE : Outcome.FALSE;
    }
    List<Span> gt = spans(text, groundTruthTerms);
    List<Span> wr = spans(text, distractorTerms);
    boolean g = gt.stream().anyMatch(s -> wr.stream().noneMatch(s::inside));
    boolean w = wr.stream().anyMatch(s -> gt.stream().noneMatch(s::inside));
    if (g && w) return Outcome.BOTH;
    if (g) return Outcome.TRUE;
    if (w) return Outcome.FALSE;
    return Outcome.NEITHER;
  }
}
