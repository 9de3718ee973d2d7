package io.clipwb.core.eval.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.eval.lmm.AnswerParser.Outcome;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.eval.runio.TestRuns;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmmTest {
  @TempDir Path tmp;

  static final List<String> CLASSES = List.of("cat", "tiger cat", "dog", "jack-o'-lantern");
  CachedRun run;
  List<LmmQuestion> qs;

  @BeforeEach
  void setUp() throws Exception {
    List<TestRuns.Row> rows = new ArrayList<>();
    rows.add(new TestRuns.Row("img/cat/0.png", 0, Map.of(), TestRuns.logits(4, 0, 1, 2)));    // right; 2nd = tiger cat
    rows.add(new TestRuns.Row("img/cat/1.png", 0, Map.of(), TestRuns.logits(4, 2, 0, 1)));    // wrong: dog
    rows.add(new TestRuns.Row("img/dog/2.png", 2, Map.of(), TestRuns.logits(4, 2, 3, 0)));    // right; 2nd = lantern
    rows.add(new TestRuns.Row("img/dog/3.png", 2, Map.of(), TestRuns.logits(4, 1, 2, 0)));    // wrong: tiger cat
    rows.add(new TestRuns.Row("img/x/4.png", -1, Map.of(), TestRuns.logits(4, 1, 2, 0)));     // unlabelled: skipped
    run = CachedRun.load(TestRuns.write(Files.createDirectory(tmp.resolve("run")), CLASSES, rows));
    qs = Questions.build(run, new Questions.Params(7), Cancellation.none());
  }

  @Test
  void questionsFollowTheImageNetDProtocol() {
    assertEquals(4, qs.size());
    LmmQuestion q0 = qs.get(0);
    assertEquals("tiger cat", q0.distractor());
    assertTrue(q0.clipCorrect());
    assertEquals("dog", qs.get(1).distractor());
    assertFalse(qs.get(1).clipCorrect());
    assertEquals("jack-o'-lantern", qs.get(2).distractor());
    for (LmmQuestion q : qs) {
      assertEquals(q.className(), q.choices().get(q.groundTruthPosition()));
      assertEquals(q.groundTruthPosition() == 0 ? "A" : "B", q.answer());
      assertEquals("What is the main object in this image? Choose from the following list: " + q.a() + ", " + q.b() + ".", q.question());
      assertEquals("What is the main object in this image?", q.questionFree());
    }
    // the order is a function of (seed, row): same seed -> same questions; some other seed changes an order
    assertEquals(qs, Questions.build(run, new Questions.Params(7), Cancellation.none()));
    boolean changed = false;
    for (long s = 0; s < 20 && !changed; s++) {
      List<LmmQuestion> other = Questions.build(run, new Questions.Params(s), Cancellation.none());
      for (int i = 0; i < qs.size(); i++) changed |= other.get(i).groundTruthPosition() != qs.get(i).groundTruthPosition();
    }
    assertTrue(changed);
  }

  @Test
  void questionsJsonlRoundTrip() {
    Path f = tmp.resolve("q.jsonl");
    Questions.writeJsonl(f, qs);
    assertEquals(qs, Questions.readJsonl(f));
  }

  @Test
  void parsingIsCaseInsensitiveWholeWordWithSynonymsAndLongestMatch() {
    Set<String> cat = Set.of("cat");
    Set<String> tiger = Set.of("tiger cat");
    assertEquals(Outcome.TRUE, AnswerParser.parse("It is a Cat.", cat, tiger, "A"));
    assertEquals(Outcome.FALSE, AnswerParser.parse("A TIGER CAT, clearly", cat, tiger, "A"));
    assertEquals(Outcome.BOTH, AnswerParser.parse("either a cat or a tiger cat", cat, tiger, "A"));
    assertEquals(Outcome.NEITHER, AnswerParser.parse("a catamaran", cat, tiger, "A"));
    assertEquals(Outcome.TRUE, AnswerParser.parse("two cats", cat, tiger, "A"));
    assertEquals(Outcome.TRUE, AnswerParser.parse("(A)", cat, tiger, "A"));
    assertEquals(Outcome.FALSE, AnswerParser.parse("b.", cat, tiger, "A"));
    assertEquals(Outcome.TRUE, AnswerParser.parse("a jack o lantern", Set.of("jack-o'-lantern"), Set.of("dog"), "B"));
    Synonyms syn = new Synonyms(CLASSES).add("dog", "puppy");
    assertEquals(Outcome.TRUE, AnswerParser.parse("a puppy", syn.of("dog"), syn.of("cat"), "A"));
  }

  @Test
  void threeImportFormatsWithMalformedAndUnmatchedRows() throws Exception {
    Path plain = tmp.resolve("llava.jsonl");
    Files.writeString(plain, String.join("\n",
        "{\"image\":\"img/cat/0.png\",\"answer\":\"cat\"}",
        "{\"image\":\"1.png\",\"answer\":\"A dog.\",\"model\":\"llava-x\"}",  // by file name, own model
        "{\"image\":\"img/nope.png\",\"answer\":\"cat\"}",                   // matches no image
        "not json",
        "{\"image\":\"img/dog/2.png\"}",                                     // no answer
        ""));
    ImportResult<LmmAnswer> p = AnswerImport.read(plain, "auto", null);
    assertEquals(3, p.rows().size());
    assertEquals(List.of(4, 5), p.problems().stream().map(x -> x.line()).toList());
    assertEquals("llava", p.rows().get(0).model());
    assertEquals("llava-x", p.rows().get(1).model());

    Path lmms = tmp.resolve("samples_clipwb_2024.jsonl");
    Files.writeString(lmms, String.join("\n",
        "{\"doc_id\":0,\"doc\":{\"question_id\":\"q2\",\"question\":\"...\"},\"target\":\"dog\",\"arguments\":[],\"resps\":[[\"The main object is a dog.\"]],\"filtered_resps\":[\"The main object is a dog.\"]}",
        "{\"doc_id\":3,\"doc\":{},\"target\":\"dog\",\"resps\":[[\"tiger cat\"]],\"filtered_resps\":[]}",
        "{\"doc_id\":1,\"doc\":{\"question_id\":\"q99\"},\"resps\":[[\"cat\"]],\"filtered_resps\":[\"cat\"]}",
        "{\"doc\":{},\"resps\":[]}",
        ""));
    assertEquals("lmms-eval", AnswerImport.detect(lmms));
    ImportResult<LmmAnswer> l = AnswerImport.read(lmms, "auto", "llava-lmms");
    assertEquals(3, l.rows().size());
    assertEquals(List.of(4), l.problems().stream().map(x -> x.line()).toList());
    assertEquals("tiger cat", l.rows().get(1).answer());

    Path tsv = tmp.resolve("LLaVA_clipwb.tsv");
    Files.writeString(tsv, String.join("\n",
        "index\tquestion\tA\tB\tanswer\tcategory\tprediction",
        "0\tq\tcat\ttiger cat\tA\tcat\tA",
        "3\tq\tdog\ttiger cat\tA\tdog\tThe answer is dog",
        "x\tq\tdog\tcat\tA\tdog\tdog",
        "2\tq\tdog",
        "17\tq\tdog\tcat\tA\tdog\tdog",
        ""));
    ImportResult<LmmAnswer> v = AnswerImport.read(tsv, "auto", null);
    assertEquals(3, v.rows().size());
    assertEquals(List.of(4, 5), v.problems().stream().map(x -> x.line()).toList());

    List<LmmAnswer> all = new ArrayList<>(p.rows());
    all.addAll(l.rows());
    all.addAll(v.rows());
    AnswerImport.Matched m = AnswerImport.match(all, qs);
    assertEquals(3, m.unmatched().size());
    assertTrue(m.unmatched().get(0).toString().contains("img/nope.png"), m.unmatched().get(0).toString());
    assertEquals(6, m.pairs().size());

    LmmComparison.Result r = LmmComparison.compute(m, new Synonyms(CLASSES),
        new LmmComparison.Params(0.75, List.of("class names"), "q", AnswerProtocol.STRICT), Cancellation.none());
    LmmComparison.ModelResult tsvModel = r.models().get("LLaVA_clipwb");
    // q0 "A" -> letter: A is the gt only if the gt was drawn first
    String expected0 = qs.get(0).answer().equals("A") ? "TRUE" : "FALSE";
    assertEquals(expected0, tsvModel.answers().get(0).outcome());
    assertEquals("TRUE", tsvModel.answers().get(1).outcome());
    LmmComparison.ModelResult lm = r.models().get("llava-lmms");
    assertEquals(List.of("TRUE", "FALSE"), lm.answers().stream().map(LmmComparison.AnswerOutcome::outcome).toList());
    assertEquals(0.5, lm.overall().lmmAccuracy(), 0.0);
    assertEquals(0.5, lm.overall().clipAccuracy(), 0.0); // q2 right, q3 wrong
    assertEquals(List.of("dog"), lm.hardClasses());
    List<java.nio.file.Path> files = LmmComparison.write(r, tmp.resolve("out"));
    assertTrue(files.stream().allMatch(Files::isRegularFile));
  }

  @Test
  void perClassComparisonIsSortedByDifference() throws Exception {
    Path plain = tmp.resolve("m.jsonl");
    // cat: q0 (clip right) TRUE, q1 (clip wrong) TRUE -> lmm 1.0 vs clip 0.5 (+0.5)
    // dog: q2 (clip right) FALSE, q3 (clip wrong) NEITHER -> lmm 0.0 vs clip 0.5 (-0.5)
    Files.writeString(plain, String.join("\n",
        "{\"image\":\"img/cat/0.png\",\"answer\":\"cat\"}",
        "{\"image\":\"img/cat/1.png\",\"answer\":\"a cat\"}",
        "{\"image\":\"img/dog/2.png\",\"answer\":\"jack-o'-lantern\"}",
        "{\"image\":\"img/dog/3.png\",\"answer\":\"no idea\"}"));
    AnswerImport.Matched m = AnswerImport.match(AnswerImport.read(plain, "plain", "x").orThrow(), qs);
    LmmComparison.ModelResult r = LmmComparison.compute(m, new Synonyms(CLASSES),
        new LmmComparison.Params(0.6, List.of(), "q"), Cancellation.none()).models().get("x");
    assertEquals(List.of("cat", "dog"), r.perClass().stream().map(LmmComparison.ClassRow::className).toList());
    assertEquals(0.5, r.perClass().get(0).tally().difference(), 0.0);
    assertEquals("lmm", r.perClass().get(0).winner());
    assertEquals("clip", r.perClass().get(1).winner());
    assertEquals(1, r.perClass().get(1).tally().nNeither());
    assertEquals(2.0 / 3.0, r.overall().lmmAccuracy(), 0.0);
    assertEquals(List.of("cat", "dog"), r.hardClasses());
  }

  @Test
  void userSynonymsMustNameAClass() throws Exception {
    Path f = tmp.resolve("syn.json");
    Files.writeString(f, "{\"dog\": [\"hound\"], \"unicorn\": \"horse\"}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Synonyms(CLASSES).withFile(f));
    assertTrue(e.getMessage().contains("unicorn"), e.getMessage());
  }
}
