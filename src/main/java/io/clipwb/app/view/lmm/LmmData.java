package io.clipwb.app.view.lmm;

import io.clipwb.core.eval.lmm.AnswerImport;
import io.clipwb.core.eval.lmm.LmmAnswer;
import io.clipwb.core.eval.lmm.LmmComparison;
import io.clipwb.core.eval.lmm.LmmQuestion;
import io.clipwb.core.eval.lmm.Questions;
import io.clipwb.core.eval.lmm.Synonyms;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.eval.runio.RowProblem;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The LMM comparison behind the view and the figures, headless: the questions of CLIP's run
 * ({@link Questions#build}, seed 0, as {@code clipwb lmm questions} exports them), the answers read
 * with the core's {@link AnswerImport} (plain JSONL, lmms-eval, VLMEvalKit TSV), matched, parsed and
 * compared by {@link LmmComparison}. {@link #compare} is the one place the answers are parsed, so a
 * different answer protocol is switched there and nowhere else.
 */
public final class LmmData {
  /** Questions are built with this seed, as {@code clipwb lmm questions} does by default. */
  public static final long QUESTION_SEED = 0;

  /**
   * Everything one answers file gives against one CLIP run.
   *
   * @param questions CLIP's questions (one per labelled row)
   * @param read the answers read from the file and the rows it could not use
   * @param matched the answers paired with their questions, and those that match none
   * @param result the comparison, per LMM model named in the file
   */
  public record Loaded(Path runDir, List<LmmQuestion> questions, ImportResult<LmmAnswer> read, AnswerImport.Matched matched,
      LmmComparison.Result result) {
    /** The models of the answers file. */
    public List<String> lmmModels() {
      return List.copyOf(result.models().keySet());
    }

    /** A question by id. */
    public LmmQuestion question(String id) {
      return questions.stream().filter(q -> q.questionId().equals(id)).findFirst().orElse(null);
    }
  }

  /** One row of the parse preview: how an answer line was read. */
  public record PreviewRow(String source, int line, String questionId, String className, String answer, String parsed, String outcome) {}

  private LmmData() {}

  /** Reads and compares (blocking). */
  public static Loaded load(Path runDir, Path answers, String format, String model, double hardThreshold, Cancellation cancel) {
    CachedRun run = CachedRun.load(runDir);
    List<LmmQuestion> qs = Questions.build(run, new Questions.Params(QUESTION_SEED), cancel);
    ImportResult<LmmAnswer> read = AnswerImport.read(answers, format, model);
    AnswerImport.Matched m = AnswerImport.match(read.rows(), qs);
    return new Loaded(runDir, qs, read, m, compare(m, qs, hardThreshold, answers.toString(), cancel));
  }

  /** The single parse site: class names as their own synonyms, the core's parser through {@link LmmComparison#compute}. */
  static LmmComparison.Result compare(AnswerImport.Matched m, List<LmmQuestion> qs, double hardThreshold, String source, Cancellation cancel) {
    Set<String> names = new LinkedHashSet<>();
    for (LmmQuestion q : qs) {
      names.add(q.className());
      names.addAll(q.choices());
    }
    Synonyms syn = new Synonyms(List.copyOf(names));
    return LmmComparison.compute(m, syn, new LmmComparison.Params(hardThreshold, syn.sources(), source), cancel);
  }

  /** The comparison again with another hard-class threshold (no file read). */
  public static Loaded withThreshold(Loaded l, double hardThreshold) {
    return new Loaded(l.runDir(), l.questions(), l.read(), l.matched(),
        compare(l.matched(), l.questions(), hardThreshold, l.result().params().questions(), Cancellation.none()));
  }

  /**
   * The preview of how every line parsed: matched answers with the option they name ("unparseable"
   * when they name both or neither), then answers that match no question and lines that could not be
   * read, in file order.
   */
  public static List<PreviewRow> preview(Loaded l) {
    List<PreviewRow> out = new ArrayList<>();
    Map<String, LmmQuestion> byId = new HashMap<>();
    for (LmmQuestion q : l.questions()) byId.put(q.questionId(), q);
    for (LmmComparison.ModelResult mr : l.result().models().values()) {
      for (LmmComparison.AnswerOutcome a : mr.answers()) {
        LmmQuestion q = byId.get(a.questionId());
        out.add(new PreviewRow(a.source(), a.line(), a.questionId(), a.className(), a.answer(), parsedLabel(q, a.outcome()), a.outcome()));
      }
    }
    for (RowProblem p : l.matched().unmatched()) out.add(new PreviewRow(p.source(), p.line(), "", "", "", "no question", p.reason()));
    for (RowProblem p : l.read().problems()) out.add(new PreviewRow(p.source(), p.line(), "", "", "", "unreadable", p.reason()));
    out.sort(java.util.Comparator.comparing(PreviewRow::source).thenComparingInt(PreviewRow::line));
    return out;
  }

  /** The option an outcome stands for: the ground truth (TRUE), the distractor (FALSE), else "unparseable (…)". */
  public static String parsedLabel(LmmQuestion q, String outcome) {
    if (q == null) return "?";
    return switch (outcome) {
      case "TRUE" -> q.className();
      case "FALSE" -> q.distractor();
      case "BOTH" -> "unparseable (names both)";
      default -> "unparseable (names neither)";
    };
  }

  /** Counts of a preview: matched TRUE/FALSE, unparseable, unmatched or unreadable. */
  public static int[] previewCounts(List<PreviewRow> rows) {
    int parsed = 0, unparseable = 0, other = 0;
    for (PreviewRow r : rows) {
      if (r.outcome().equals("TRUE") || r.outcome().equals("FALSE")) parsed++;
      else if (r.outcome().equals("BOTH") || r.outcome().equals("NEITHER")) unparseable++;
      else other++;
    }
    return new int[] {parsed, unparseable, other};
  }

  /**
   * Where each wins, in words: "LMM better on 5 classes, CLIP on 9, 2 ties; overall LMM 71.2% vs
   * CLIP 80.3% (n = 320); on the 4 hard classes LMM 55.0% vs CLIP 31.3%".
   */
  public static String summary(LmmComparison.ModelResult mr) {
    int lmm = 0, clip = 0, tie = 0;
    for (LmmComparison.ClassRow c : mr.perClass()) {
      switch (c.winner()) {
        case "lmm" -> lmm++;
        case "clip" -> clip++;
        case "tie" -> tie++;
        default -> { }
      }
    }
    LmmComparison.Tally o = mr.overall();
    LmmComparison.Tally h = mr.hard();
    String s = String.format(java.util.Locale.ROOT, "%s better on %d classes, CLIP on %d, %d ties; overall %s %.1f%% vs CLIP %.1f%% (n = %d, %d unparseable)",
        mr.model(), lmm, clip, tie, mr.model(), 100 * o.lmmAccuracy(), 100 * o.clipAccuracy(), o.n(), o.nBoth() + o.nNeither());
    if (!mr.hardClasses().isEmpty()) {
      s += String.format(java.util.Locale.ROOT, "; on the %d hard classes %.1f%% vs CLIP %.1f%%", mr.hardClasses().size(), 100 * h.lmmAccuracy(),
          100 * h.clipAccuracy());
    }
    return s;
  }
}
