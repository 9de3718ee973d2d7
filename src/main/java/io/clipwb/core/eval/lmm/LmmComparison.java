package io.clipwb.core.eval.lmm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.core.io.Csv;
import io.clipwb.core.eval.runio.RowProblem;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CLIP versus an LMM on the same images and the same two candidates (ImageNet-D protocol). Each
 * answer is turned into TRUE/FALSE/BOTH/NEITHER by the chosen {@link AnswerProtocol} (default
 * {@link AnswerProtocol#IMAGENET_D}, the rule the paper reports); LMM accuracy =
 * TRUE / (TRUE + FALSE), with BOTH and NEITHER counted and shown. CLIP's outcome on a question is
 * its top-1 correctness, which on these two candidates is the same as its two-way choice (the
 * distractor is CLIP's strongest wrong class). Per class: CLIP accuracy and LMM accuracy on the
 * answered images of that class, the difference (LMM − CLIP), who wins, sorted by difference; the
 * same overall and on the "hard" classes, those where CLIP's accuracy is below a threshold.
 */
public final class LmmComparison {
  private static final Logger LOG = LoggerFactory.getLogger(LmmComparison.class);

  private LmmComparison() {}

  /**
   * Settings. {@code hardThreshold}: a class is hard when CLIP's accuracy on it is below this;
   * {@code protocol}: how answers are read (null = {@link AnswerProtocol#DEFAULT}).
   */
  public record Params(
      @JsonProperty("hard_threshold") double hardThreshold,
      @JsonProperty("synonym_sources") List<String> synonymSources,
      @JsonProperty("questions") String questions,
      @JsonProperty("protocol") AnswerProtocol protocol) {
    public Params {
      if (protocol == null) protocol = AnswerProtocol.DEFAULT;
    }

    /** Settings with the default protocol ({@link AnswerProtocol#IMAGENET_D}). */
    public Params(double hardThreshold, List<String> synonymSources, String questions) {
      this(hardThreshold, synonymSources, questions, AnswerProtocol.DEFAULT);
    }
  }

  /** One parsed answer (drill-down row). */
  public record AnswerOutcome(
      @JsonProperty("question_id") String questionId, int index, String image,
      @JsonProperty("class_name") String className, String answer, String outcome,
      @JsonProperty("clip_correct") boolean clipCorrect, String source, int line) {}

  /** Counts and accuracies of a set of answers. */
  public record Tally(
      int n,
      @JsonProperty("n_true") int nTrue,
      @JsonProperty("n_false") int nFalse,
      @JsonProperty("n_both") int nBoth,
      @JsonProperty("n_neither") int nNeither,
      @JsonProperty("lmm_accuracy") double lmmAccuracy,
      @JsonProperty("clip_accuracy") double clipAccuracy,
      @JsonProperty("clip_accuracy_decided") double clipAccuracyDecided,
      double difference) {}

  /** One class's comparison; {@code rows} are indices into the model's {@code answers}. */
  public record ClassRow(
      @JsonProperty("class_name") String className, Tally tally, String winner, boolean hard, List<Integer> rows) {}

  /** One model's comparison. */
  public record ModelResult(
      String model, Tally overall, Tally hard,
      @JsonProperty("hard_classes") List<String> hardClasses,
      @JsonProperty("per_class") List<ClassRow> perClass,
      List<AnswerOutcome> answers) {}

  /** All models, plus answers that matched no question. */
  public record Result(Params params, Map<String, ModelResult> models, List<String> unmatched) {}

  public static Result compute(AnswerImport.Matched matched, Synonyms synonyms, Params params, Cancellation cancel) {
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    if (params.protocol() == AnswerProtocol.IMAGENET_D) warnUpperCase(matched);
    Map<String, List<AnswerImport.Pair>> byModel = new LinkedHashMap<>();
    for (AnswerImport.Pair p : matched.pairs()) byModel.computeIfAbsent(p.answer().model(), k -> new ArrayList<>()).add(p);
    Map<String, ModelResult> models = new LinkedHashMap<>();
    for (Map.Entry<String, List<AnswerImport.Pair>> e : byModel.entrySet()) {
      cancel.check();
      models.put(e.getKey(), model(e.getKey(), e.getValue(), synonyms, params.hardThreshold(), params.protocol()));
    }
    return new Result(params, models, matched.unmatched().stream().map(RowProblem::toString).toList());
  }

  /**
   * ImageNet-D compares the category as written with the lower-cased answer, so a class name with
   * capitals ("Granny Smith") can never match; say so instead of silently scoring NEITHER.
   */
  private static void warnUpperCase(AnswerImport.Matched matched) {
    Set<String> upper = new TreeSet<>();
    for (AnswerImport.Pair p : matched.pairs()) {
      for (String c : p.question().choices()) if (!c.equals(c.toLowerCase(Locale.ROOT))) upper.add(c);
    }
    if (!upper.isEmpty()) {
      LOG.warn("protocol imagenet-d matches class names as written against the lower-cased answer, so {} class name(s) with"
          + " capitals can never be found: {} (use --protocol strict, or lower-case the class names)", upper.size(), upper);
    }
  }

  private static ModelResult model(String name, List<AnswerImport.Pair> pairs, Synonyms syn, double threshold,
      AnswerProtocol protocol) {
    List<AnswerOutcome> answers = new ArrayList<>();
    Map<String, List<Integer>> byClass = new TreeMap<>();
    for (AnswerImport.Pair p : pairs) {
      LmmQuestion q = p.question();
      String gt = q.className();
      String other = q.choices().get(1 - q.groundTruthPosition());
      AnswerParser.Outcome o = protocol.parse(p.answer().answer(), gt, syn.of(gt), other, syn.of(other), q.answer());
      byClass.computeIfAbsent(gt, k -> new ArrayList<>()).add(answers.size());
      answers.add(new AnswerOutcome(q.questionId(), q.index(), q.image(), gt, p.answer().answer(), o.name(), q.clipCorrect(),
          p.answer().source(), p.answer().line()));
    }
    List<ClassRow> rows = new ArrayList<>();
    List<Integer> hardRows = new ArrayList<>();
    List<String> hardClasses = new ArrayList<>();
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) all.add(i);
    for (Map.Entry<String, List<Integer>> e : byClass.entrySet()) {
      Tally t = tally(answers, e.getValue());
      boolean hard = t.clipAccuracy() < threshold;
      if (hard) {
        hardClasses.add(e.getKey());
        hardRows.addAll(e.getValue());
      }
      String winner = Double.isNaN(t.difference()) ? "undecided" : t.difference() > 0 ? "lmm" : t.difference() < 0 ? "clip" : "tie";
      rows.add(new ClassRow(e.getKey(), t, winner, hard, List.copyOf(e.getValue())));
    }
    rows.sort(Comparator.comparingDouble((ClassRow r) -> Double.isNaN(r.tally().difference()) ? Double.NEGATIVE_INFINITY : r.tally().difference())
        .reversed().thenComparing(ClassRow::className));
    return new ModelResult(name, tally(answers, all), tally(answers, hardRows), hardClasses, rows, answers);
  }

  private static Tally tally(List<AnswerOutcome> answers, List<Integer> idx) {
    Map<AnswerParser.Outcome, Integer> c = new EnumMap<>(AnswerParser.Outcome.class);
    for (AnswerParser.Outcome o : AnswerParser.Outcome.values()) c.put(o, 0);
    int clip = 0;
    int clipDecided = 0;
    for (int i : idx) {
      AnswerOutcome a = answers.get(i);
      AnswerParser.Outcome o = AnswerParser.Outcome.valueOf(a.outcome());
      c.merge(o, 1, Integer::sum);
      if (a.clipCorrect()) {
        clip++;
        if (o == AnswerParser.Outcome.TRUE || o == AnswerParser.Outcome.FALSE) clipDecided++;
      }
    }
    int t = c.get(AnswerParser.Outcome.TRUE);
    int f = c.get(AnswerParser.Outcome.FALSE);
    double lmm = t + f == 0 ? Double.NaN : (double) t / (t + f);
    double clipAcc = idx.isEmpty() ? Double.NaN : (double) clip / idx.size();
    double clipDec = t + f == 0 ? Double.NaN : (double) clipDecided / (t + f);
    return new Tally(idx.size(), t, f, c.get(AnswerParser.Outcome.BOTH), c.get(AnswerParser.Outcome.NEITHER), lmm, clipAcc, clipDec,
        lmm - clipAcc);
  }

  /** Writes {@code lmm_compare.json}, {@code lmm_per_class.csv} and {@code lmm_answers.csv}. */
  public static List<Path> write(Result r, Path out) {
    Path json = out.resolve("lmm_compare.json");
    Json.write(json, r);
    List<List<String>> cls = new ArrayList<>();
    List<List<String>> ans = new ArrayList<>();
    r.models().forEach((m, mr) -> {
      for (ClassRow c : mr.perClass()) {
        Tally t = c.tally();
        cls.add(List.of(m, c.className(), Integer.toString(t.n()), Csv.exact(t.clipAccuracy()), Csv.exact(t.lmmAccuracy()), Csv.exact(t.difference()),
            c.winner(), Boolean.toString(c.hard()), Integer.toString(t.nTrue()), Integer.toString(t.nFalse()),
            Integer.toString(t.nBoth()), Integer.toString(t.nNeither())));
      }
      for (AnswerOutcome a : mr.answers()) {
        ans.add(List.of(m, a.questionId(), Integer.toString(a.index()), a.image(), a.className(), a.answer(), a.outcome(),
            Boolean.toString(a.clipCorrect())));
      }
    });
    Path c1 = out.resolve("lmm_per_class.csv");
    Csv.write(c1, List.of("model", "class_name", "n", "clip_accuracy", "lmm_accuracy", "difference", "winner", "hard",
        "n_true", "n_false", "n_both", "n_neither"), cls, ',');
    Path c2 = out.resolve("lmm_answers.csv");
    Csv.write(c2, List.of("model", "question_id", "index", "image", "class_name", "answer", "outcome", "clip_correct"), ans, ',');
    return List.of(json, c1, c2);
  }
}
