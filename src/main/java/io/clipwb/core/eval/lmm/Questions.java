package io.clipwb.core.eval.lmm;

import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.io.Csv;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds and stores the LMM questions of a cached run. The workbench does not run a 7B LMM: it
 * writes these questions, the user runs the LMM elsewhere (LLaVA, lmms-eval, VLMEvalKit) and the
 * answers come back through {@link AnswerImport}.
 *
 * <p>Protocol (ImageNet-D, Zhang et al. 2024): "What is the main object in this image? Choose from
 * the following list: {a}, {b}." with the ground truth and CLIP's top wrong prediction (CLIP's
 * second choice when CLIP is right). The order of the two is drawn per image from
 * {@code SplittableRandom(seed ⊕ row)}, so it does not depend on which subset is exported, and is
 * recorded ({@code ground_truth_position}, {@code answer}).
 */
public final class Questions {
  /** The multiple-choice template; {@code {a}} and {@code {b}} are the two class names. */
  public static final String CHOICE_TEMPLATE = "What is the main object in this image? Choose from the following list: {a}, {b}.";
  /** The free-form question. */
  public static final String FREE_TEMPLATE = "What is the main object in this image?";

  private Questions() {}

  /** Export settings. */
  public record Params(long seed) {}

  /** One question per labelled image of the run (rows with label -1 have no ground truth and are skipped). */
  public static List<LmmQuestion> build(CachedRun run, Params params, Cancellation cancel) {
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    if (run.classes().size() < 2) throw new IllegalArgumentException(run.dir() + ": needs at least 2 classes for two-choice questions");
    List<LmmQuestion> out = new ArrayList<>();
    for (int i = 0; i < run.items().size(); i++) {
      if ((i & 1023) == 0) cancel.check();
      int label = run.labels()[i];
      if (label < 0) continue;
      double[] l = run.logits()[i];
      int top1 = CachedRun.argmax(l);
      int second = -1;
      for (int c = 0; c < l.length; c++) {
        if (c == top1) continue;
        if (second < 0 || l[c] > l[second]) second = c;
      }
      boolean correct = top1 == label;
      int distractor = correct ? second : top1;
      boolean gtFirst = new SplittableRandom(params.seed() ^ (0x9E3779B97F4A7C15L * (i + 1))).nextBoolean();
      int ca = gtFirst ? label : distractor;
      int cb = gtFirst ? distractor : label;
      String a = run.classes().get(ca);
      String b = run.classes().get(cb);
      String path = run.items().get(i).path();
      out.add(new LmmQuestion("q" + i, i, path, path, label, run.classes().get(label), List.of(a, b), List.of(ca, cb), a, b,
          gtFirst ? "A" : "B", gtFirst ? 0 : 1, run.classes().get(distractor), run.classes().get(top1), correct,
          CHOICE_TEMPLATE.replace("{a}", a).replace("{b}", b), FREE_TEMPLATE, params.seed()));
    }
    return out;
  }

  /** Writes one JSON object per line. */
  public static void writeJsonl(Path file, List<LmmQuestion> qs) {
    StringBuilder sb = new StringBuilder();
    for (LmmQuestion q : qs) {
      try {
        sb.append(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(q)).append('\n');
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /**
   * Writes a VLMEvalKit custom multiple-choice sheet (TSV: {@code index, image_path, question, A,
   * B, answer, category, question_id}); VLMEvalKit's prediction file keeps these columns and adds
   * {@code prediction}.
   */
  public static void writeVlmEvalKitTsv(Path file, List<LmmQuestion> qs) {
    List<List<String>> rows = new ArrayList<>();
    for (LmmQuestion q : qs) {
      rows.add(List.of(Integer.toString(q.index()), q.imagePath(), FREE_TEMPLATE, q.a(), q.b(), q.answer(), q.className(), q.questionId()));
    }
    Csv.write(file, List.of("index", "image_path", "question", "A", "B", "answer", "category", "question_id"), rows, '\t');
  }

  /** Reads a question JSONL written by {@link #writeJsonl}; errors name the line. */
  public static List<LmmQuestion> readJsonl(Path file) {
    List<String> lines = io.clipwb.core.io.TextFiles.lines(file);
    List<LmmQuestion> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) continue;
      try {
        LmmQuestion q = Json.mapper().readValue(lines.get(i), LmmQuestion.class);
        if (q.questionId() == null || q.choices() == null || q.choices().size() != 2 || q.className() == null) {
          throw new IllegalArgumentException("needs question_id, class_name and two choices");
        }
        out.add(q);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a question line: " + e.getMessage(), e);
      }
    }
    if (out.isEmpty()) throw new IllegalArgumentException(file + ": no questions");
    return out;
  }
}
