package io.clipwb.core.eval.lmm;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A <em>synthetic</em> stand-in for LMM answers, so the LMM-vs-CLIP path (import, parse, compare,
 * drill-down) can be exercised end to end where no LMM has been run (the sample project). It is not
 * an LMM and its numbers say nothing about LLaVA: each answer is the choice another CLIP model (the
 * "stand-in") makes between the question's two candidates (the candidate with the larger logit in
 * the stand-in's run of the same set), phrased as free text with varied wording drawn from a seeded
 * generator; a share of answers is deliberately unparseable (names neither candidate, or both), as
 * real LMM answers sometimes are. Every line carries {@code "synthetic": true} and the generator.
 *
 * <p>Deterministic: the phrasing of question {@code q<row>} depends only on the seed and the row.
 */
public final class StandInAnswers {
  /** Phrasings of a choice; {@code {x}} is the chosen class name. */
  static final List<String> TEMPLATES = List.of(
      "{x}", "{X}.", "The main object in this image is a {x}.", "It's a {x}.", "I think this is a {x}.",
      "This looks like a {x} to me.", "The image shows a {x}.", "Answer: {x}", "A {x}, most likely.",
      "The object appears to be a {x}, given its outline.", "{x} (from the list)", "Definitely a {x}.");
  /** Answers that name neither candidate. */
  static final List<String> NEITHER = List.of(
      "I can't tell what the main object is.", "The image is too abstract to say.", "It is a pattern of stripes and colours.",
      "Sorry, I am not sure.", "There is no clear object in this picture.");
  /** Answers that name both candidates. */
  static final List<String> BOTH = List.of("It could be a {a} or a {b}.", "Either {a} or {b}; hard to say.",
      "Part {a}, part {b}.");

  /**
   * Settings.
   *
   * @param seed the phrasing seed
   * @param unparseable the share of answers that name neither or both candidates
   * @param model the name written into each line's {@code model}
   * @param generator how the file was made (written into each line)
   */
  public record Params(long seed, double unparseable, String model, String generator) {}

  /** One answer line. */
  public record Answer(String questionId, String image, String answer, String chosen, String standIn) {}

  private StandInAnswers() {}

  /**
   * @param questions the questions (from {@link Questions#build} on CLIP's run of a set)
   * @param standIn the stand-in model's run of the same set (same rows)
   */
  public static List<Answer> generate(List<LmmQuestion> questions, CachedRun standIn, String standInName, Params p) {
    List<Answer> out = new ArrayList<>(questions.size());
    List<String> classes = standIn.classes();
    for (LmmQuestion q : questions) {
      if (q.index() < 0 || q.index() >= standIn.items().size()) {
        throw new IllegalArgumentException("question " + q.questionId() + ": row " + q.index() + " is not in the stand-in run "
            + standIn.dir() + " (" + standIn.items().size() + " rows); use a run of the same set");
      }
      SplittableRandom rng = new SplittableRandom(p.seed() ^ (0xD1B54A32D192ED03L * (q.index() + 1)));
      double[] z = standIn.logits()[q.index()];
      int ia = classes.indexOf(q.choices().get(0));
      int ib = classes.indexOf(q.choices().get(1));
      if (ia < 0 || ib < 0) throw new IllegalArgumentException("question " + q.questionId() + ": its choices are not classes of the stand-in run");
      String chosen = z[ia] >= z[ib] ? q.choices().get(0) : q.choices().get(1);
      String text;
      double u = rng.nextDouble();
      if (u < p.unparseable() * 0.6) {
        text = NEITHER.get(rng.nextInt(NEITHER.size()));
        chosen = null;
      } else if (u < p.unparseable()) {
        text = BOTH.get(rng.nextInt(BOTH.size())).replace("{a}", q.choices().get(0)).replace("{b}", q.choices().get(1));
        chosen = null;
      } else {
        String t = TEMPLATES.get(rng.nextInt(TEMPLATES.size()));
        String cap = chosen.isEmpty() ? chosen : Character.toUpperCase(chosen.charAt(0)) + chosen.substring(1);
        text = t.replace("{X}", cap).replace("{x}", chosen);
        if (rng.nextInt(4) == 0) text = text.toLowerCase(java.util.Locale.ROOT);
      }
      out.add(new Answer(q.questionId(), q.image(), text, chosen, standInName));
    }
    return out;
  }

  /** Writes the answers as plain JSONL ({@link AnswerImport#readPlain} reads it), each line marked synthetic. */
  public static void writeJsonl(java.nio.file.Path file, List<Answer> answers, Params p) {
    StringBuilder sb = new StringBuilder();
    var writer = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    for (Answer a : answers) {
      ObjectNode o = Json.object();
      o.put("question_id", a.questionId());
      o.put("image", fileName(a.image()));
      o.put("answer", a.answer());
      o.put("model", p.model());
      o.put("synthetic", true);
      o.put("stand_in", a.standIn());
      o.put("generator", p.generator());
      try {
        sb.append(writer.writeValueAsString(o)).append('\n');
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** The image's file name: the file must not carry absolute paths of the machine that wrote it. */
  static String fileName(String image) {
    String s = image.replace('\\', '/');
    return s.substring(s.lastIndexOf('/') + 1);
  }
}
