package io.clipwb.core.eval.lmm;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Csv;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.eval.runio.RowProblem;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.JsonLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads LMM answers in three formats. Every reader keeps the rows it can use and reports the others
 * with their line numbers.
 *
 * <ul>
 *   <li>{@code plain}: JSONL with {@code image} (path as exported, or its file name) and
 *       {@code answer}, optional {@code model} and {@code question_id};
 *   <li>{@code lmms-eval}: the {@code samples_*.jsonl} written with {@code --log_samples}
 *       (EvolvingLMMs-Lab/lmms-eval, {@code evaluator.py}): {@code doc_id}, {@code doc} (the task's
 *       document minus fields whose name contains "image"), {@code target}, {@code resps}
 *       (list per request of lists of generations) and {@code filtered_resps} (one per request). The
 *       answer is {@code filtered_resps[0]} (else {@code resps[0][0]}); the question is found by
 *       {@code doc.question_id}, else {@code doc.index}, else {@code doc_id} as the question's
 *       position;
 *   <li>{@code vlmevalkit}: VLMEvalKit's prediction sheet exported as TSV (the dataset's columns
 *       plus {@code prediction}; the {@code image} column is dropped by VLMEvalKit): question by
 *       {@code question_id}, else {@code image_path}, else {@code index}.
 * </ul>
 */
public final class AnswerImport {
  private AnswerImport() {}

  /** Picks the format from the file: .tsv = vlmevalkit; JSONL whose first object has resps/filtered_resps = lmms-eval; else plain. */
  public static String detect(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".tsv")) return "vlmevalkit";
    try {
      String first = io.clipwb.core.io.TextFiles.lines(file).stream().filter(s -> !s.isBlank()).findFirst().orElse("");
      JsonNode n = Json.mapper().readTree(first.isEmpty() ? "{}" : first);
      if (n != null && (n.has("filtered_resps") || n.has("resps"))) return "lmms-eval";
    } catch (IOException | RuntimeException e) {
      return "plain";
    }
    return "plain";
  }

  /** Reads with the named format ({@code plain}, {@code lmms-eval}, {@code vlmevalkit}, or {@code auto}). */
  public static ImportResult<LmmAnswer> read(Path file, String format, String model) {
    String f = format == null || format.equals("auto") ? detect(file) : format;
    return switch (f) {
      case "plain" -> readPlain(file, model);
      case "lmms-eval" -> readLmmsEval(file, model);
      case "vlmevalkit" -> readVlmEvalKit(file, model);
      default -> throw new IllegalArgumentException("unknown answer format '" + f + "' (plain, lmms-eval, vlmevalkit, auto)");
    };
  }

  private static String defaultModel(Path file, String model) {
    if (model != null) return model;
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  /** The lines of a JSONL file that hold a JSON object; the others become row problems. */
  private static List<JsonLines.Line> objectLines(Path file, List<RowProblem> problems) {
    List<JsonLines.Line> out = new ArrayList<>();
    for (JsonLines.Line line : JsonLines.read(file)) {
      if (!line.valid()) {
        problems.add(new RowProblem(file.toString(), line.number(), "not valid JSON"));
      } else if (!line.value().isObject()) {
        problems.add(new RowProblem(file.toString(), line.number(), "not a JSON object"));
      } else {
        out.add(line);
      }
    }
    return out;
  }

  /** Plain JSONL: {@code {"image": ..., "answer": ..., "model": ...}}. */
  public static ImportResult<LmmAnswer> readPlain(Path file, String model) {
    List<LmmAnswer> rows = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    String src = file.toString();
    for (JsonLines.Line line : objectLines(file, problems)) {
      int lineNo = line.number();
      JsonNode n = line.value();
      String qid = text(n, "question_id");
      String image = text(n, "image");
      if (!n.hasNonNull("answer") || !n.get("answer").isValueNode()) {
        problems.add(new RowProblem(src, lineNo, "missing 'answer'"));
        continue;
      }
      if (qid == null && image == null) {
        problems.add(new RowProblem(src, lineNo, "needs 'image' (or 'question_id')"));
        continue;
      }
      String m = text(n, "model");
      rows.add(new LmmAnswer(src, lineNo, m != null ? m : defaultModel(file, model), qid, null, image, null, n.get("answer").asText()));
    }
    return new ImportResult<>(rows, problems);
  }

  /** lmms-eval {@code --log_samples} JSONL. */
  public static ImportResult<LmmAnswer> readLmmsEval(Path file, String model) {
    List<LmmAnswer> rows = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    String src = file.toString();
    String m = defaultModel(file, model);
    for (JsonLines.Line line : objectLines(file, problems)) {
      int lineNo = line.number();
      JsonNode n = line.value();
      String answer = firstString(n.get("filtered_resps"));
      if (answer == null) answer = firstString(n.get("resps"));
      if (answer == null) {
        problems.add(new RowProblem(src, lineNo, "no response in 'filtered_resps' or 'resps'"));
        continue;
      }
      JsonNode doc = n.get("doc");
      String qid = doc == null ? null : text(doc, "question_id");
      Integer index = doc != null && doc.has("index") && doc.get("index").canConvertToInt() ? doc.get("index").asInt() : null;
      Integer docId = n.has("doc_id") && n.get("doc_id").canConvertToInt() ? n.get("doc_id").asInt() : null;
      if (qid == null && index == null && docId == null) {
        problems.add(new RowProblem(src, lineNo, "no doc.question_id, doc.index or doc_id to find the question"));
        continue;
      }
      // doc_id is a position in the task's documents; it is used only when the doc carries no id
      rows.add(new LmmAnswer(src, lineNo, m, qid, index, null, qid == null && index == null ? docId : null, answer));
    }
    return new ImportResult<>(rows, problems);
  }

  /** VLMEvalKit prediction TSV. */
  public static ImportResult<LmmAnswer> readVlmEvalKit(Path file, String model) {
    Csv.Table t = Csv.readRagged(file, '\t');
    int pred = t.requireColumn("prediction");
    int qid = t.column("question_id");
    int path = t.column("image_path");
    int idx = t.column("index");
    if (qid < 0 && path < 0 && idx < 0) {
      throw new IllegalArgumentException(file + ": needs a 'question_id', 'image_path' or 'index' column to find the questions");
    }
    String m = defaultModel(file, model);
    List<LmmAnswer> rows = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    for (Csv.Row r : RowProblem.fullRows(t, problems)) {
      List<String> v = r.values();
      String q = qid >= 0 && !v.get(qid).isBlank() ? v.get(qid).trim() : null;
      String p = path >= 0 && !v.get(path).isBlank() ? v.get(path).trim() : null;
      Integer ix = null;
      if (idx >= 0 && !v.get(idx).isBlank()) {
        try {
          ix = Integer.parseInt(v.get(idx).trim());
        } catch (NumberFormatException e) {
          problems.add(new RowProblem(t.source(), r.line(), "index '" + v.get(idx) + "' is not an integer"));
          continue;
        }
      }
      if (q == null && p == null && ix == null) {
        problems.add(new RowProblem(t.source(), r.line(), "empty question_id, image_path and index"));
        continue;
      }
      rows.add(new LmmAnswer(t.source(), r.line(), m, q, q == null && p == null ? ix : null, p, null, v.get(pred)));
    }
    problems.sort(java.util.Comparator.comparingInt(RowProblem::line)); // one file: report in line order
    return new ImportResult<>(rows, problems);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || !v.isValueNode() || v.asText().isEmpty() ? null : v.asText();
  }

  /** The first string inside a (nested) JSON array, or the value itself when it is a string. */
  private static String firstString(JsonNode v) {
    if (v == null || v.isNull()) return null;
    if (v.isTextual()) return v.asText();
    if (v.isArray()) {
      for (JsonNode x : v) {
        String s = firstString(x);
        if (s != null) return s;
      }
    }
    return null;
  }

  /**
   * Finds each answer's question: by {@code question_id}, else {@code index} (the run row), else
   * the image path (exact, else by file name when that is unique), else {@code #k} = the k-th
   * question. Answers that match no question are returned as problems, the others are kept.
   */
  public static Matched match(List<LmmAnswer> answers, List<LmmQuestion> questions) {
    Map<String, LmmQuestion> byId = new HashMap<>();
    Map<Integer, LmmQuestion> byIndex = new HashMap<>();
    Map<String, LmmQuestion> byPath = new HashMap<>();
    Map<String, List<LmmQuestion>> byName = new HashMap<>();
    for (LmmQuestion q : questions) {
      byId.put(q.questionId(), q);
      byIndex.put(q.index(), q);
      byPath.put(norm(q.image()), q);
      byName.computeIfAbsent(fileName(q.image()), k -> new ArrayList<>()).add(q);
    }
    List<Pair> ok = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    for (LmmAnswer a : answers) {
      LmmQuestion q = null;
      String key;
      if (a.questionId() != null) {
        q = byId.get(a.questionId());
        key = "question_id " + a.questionId();
      } else if (a.index() != null) {
        q = byIndex.get(a.index());
        key = "index " + a.index();
      } else if (a.position() != null) {
        int k = a.position();
        q = k >= 0 && k < questions.size() ? questions.get(k) : null;
        key = "doc_id " + k;
      } else {
        key = "image " + a.image();
        q = byPath.get(norm(a.image()));
        if (q == null) {
          List<LmmQuestion> c = byName.get(fileName(a.image()));
          if (c != null && c.size() == 1) q = c.get(0);
          else if (c != null) key += " (file name is ambiguous: " + c.size() + " questions)";
        }
      }
      if (q == null) problems.add(new RowProblem(a.source(), a.line(), key + " matches no exported question"));
      else ok.add(new Pair(q, a));
    }
    return new Matched(List.copyOf(ok), List.copyOf(problems));
  }

  /** A question with its answer. */
  public record Pair(LmmQuestion question, LmmAnswer answer) {}

  /** Matched pairs and unmatched answers. */
  public record Matched(List<Pair> pairs, List<RowProblem> unmatched) {}

  private static String norm(String p) {
    return p.replace('\\', '/');
  }

  private static String fileName(String p) {
    String s = norm(p);
    return s.substring(s.lastIndexOf('/') + 1);
  }
}
