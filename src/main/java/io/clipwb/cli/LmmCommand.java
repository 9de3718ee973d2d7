package io.clipwb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.eval.lmm.AnswerImport;
import io.clipwb.core.eval.lmm.AnswerProtocol;
import io.clipwb.core.eval.lmm.ImageNetDMatcher;
import io.clipwb.core.eval.lmm.LmmAnswer;
import io.clipwb.core.eval.lmm.LmmComparison;
import io.clipwb.core.eval.lmm.LmmQuestion;
import io.clipwb.core.eval.lmm.Questions;
import io.clipwb.core.eval.lmm.StandInAnswers;
import io.clipwb.core.eval.lmm.Synonyms;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.eval.runio.ImportResult;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clipwb lmm}: prepare LMM questions from a cached run and compare the LMM's answers with CLIP. */
@Command(
    name = "lmm",
    mixinStandardHelpOptions = true,
    description = "LMM (LLaVA-style) versus CLIP: 'questions' exports ImageNet-D two-choice questions, 'compare' reads answers.",
    subcommands = {LmmCommand.QuestionsCommand.class, LmmCommand.CompareCommand.class, LmmCommand.StandInCommand.class})
public final class LmmCommand implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.err);
  }

  /** {@code clipwb lmm questions}. */
  @Command(
      name = "questions",
      mixinStandardHelpOptions = true,
      description = {
        "One question per labelled image of a cached run: 'What is the main object in this image? Choose from the"
            + " following list: {a}, {b}.' with the ground truth and CLIP's top wrong class (its 2nd choice when right),"
            + " order drawn from --seed and recorded; plus the free-form question.",
        "Writes JSONL (--out) and optionally a VLMEvalKit TSV sheet (--vlmevalkit-tsv)."
      })
  static final class QuestionsCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "a cached run folder")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "questions JSONL to write")
    Path out;

    @Option(names = "--vlmevalkit-tsv", paramLabel = "FILE", description = "also write a VLMEvalKit multiple-choice TSV")
    Path tsv;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the option order (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
      CachedRun r = CachedRun.load(run);
      List<LmmQuestion> qs = CtrlC.run(cancel -> Questions.build(r, new Questions.Params(seed), cancel));
      Questions.writeJsonl(out, qs);
      if (tsv != null) Questions.writeVlmEvalKitTsv(tsv, qs);
      ObjectNode o = Json.object();
      o.put("questions", qs.size());
      o.put("skipped_unlabelled", r.items().size() - qs.size());
      o.put("seed", seed);
      o.put("clip_accuracy", qs.isEmpty() ? Double.NaN : qs.stream().filter(LmmQuestion::clipCorrect).count() / (double) qs.size());
      o.put("file", out.toString());
      if (tsv != null) o.put("vlmevalkit_tsv", tsv.toString());
      System.out.println(Json.toString(o));
      return 0;
    }
  }

  /** {@code clipwb lmm compare}. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description = {
        "Parses LMM answers (plain JSONL image/answer/model, lmms-eval --log_samples JSONL, VLMEvalKit prediction TSV)"
            + " into TRUE/FALSE/BOTH/NEITHER; accuracy = TRUE/(TRUE+FALSE). Compares with CLIP per class, overall and on hard classes.",
        "--protocol imagenet-d (default, the paper's): ImageNet-D's compute_accuracy.py — substring match of the class name"
            + " and its word_mapping_dict synonyms in the lower-cased answer. --protocol strict: whole words, plurals,"
            + " option letters, nested names. See docs/lmm-protocols.md.",
        "Answers that match no question are listed (stderr, JSON) and the others kept (exit code 3); --strict fails instead."
      })
  static final class CompareCommand implements Callable<Integer> {
    @Option(names = "--questions", required = true, paramLabel = "JSONL", description = "the questions written by 'clipwb lmm questions'")
    Path questions;

    @Option(names = "--answers", required = true, arity = "1..*", paramLabel = "FILE", description = "answer file(s)")
    List<Path> answers;

    @Option(names = "--format", defaultValue = "auto", description = "plain, lmms-eval, vlmevalkit or auto (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--model", paramLabel = "NAME", description = "model name for answers that do not carry one (default: the file stem)")
    String model;

    @Option(names = "--synonyms", paramLabel = "JSON", description = "extra synonyms {\"class\": [\"synonym\", ...]}")
    Path synonyms;

    @Option(names = "--wordnet-synonyms", description = "add ImageNet WordNet names as synonyms (labels are ImageNet indices)")
    boolean wordnet;

    @Option(names = "--imagenet-metadata", paramLabel = "FILE", description = "imagenet_metadata.json for --wordnet-synonyms (default: shared data)")
    Path imagenetMetadata;

    @Option(names = "--hard-threshold", defaultValue = "0.5", description = "a class is hard when CLIP's accuracy is below this (default ${DEFAULT-VALUE})")
    double hardThreshold;

    @Option(names = "--protocol", defaultValue = "imagenet-d", paramLabel = "NAME",
        description = "answer rule: imagenet-d (ImageNet-D's compute_accuracy.py, exact) or strict (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--strict", description = "fail on malformed or unmatched rows")
    boolean strict;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for lmm_compare.json, lmm_per_class.csv, lmm_answers.csv")
    Path out;

    @Override
    public Integer call() {
      AnswerProtocol proto = AnswerProtocol.of(protocol);
      List<LmmQuestion> qs = Questions.readJsonl(questions);
      List<LmmAnswer> all = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (Path f : answers) {
        ImportResult<LmmAnswer> r = AnswerImport.read(f, format, model);
        all.addAll(strict ? r.orThrow() : r.rows());
        r.problems().forEach(p -> problems.add(p.toString()));
      }
      AnswerImport.Matched m = AnswerImport.match(all, qs);
      if (strict && !m.unmatched().isEmpty()) throw new ImportResult.ImportException(m.unmatched());
      Set<String> names = new LinkedHashSet<>();
      for (LmmQuestion q : qs) {
        names.add(q.className());
        names.addAll(q.choices());
      }
      Synonyms syn = new Synonyms(List.copyOf(names));
      if (wordnet) {
        Path meta = imagenetMetadata != null ? imagenetMetadata
            : SharedData.resolve("data/imagenet-metadata/imagenet_metadata.json")
                .orElseThrow(() -> new IllegalArgumentException("--wordnet-synonyms: imagenet_metadata.json not found; pass --imagenet-metadata"));
        JsonNode wn = Json.read(meta).get("imagenet_wordnet_names");
        for (LmmQuestion q : qs) {
          for (int k = 0; k < 2; k++) {
            int idx = q.choiceLabels().get(k);
            if (idx < 0 || idx >= wn.size()) throw new IllegalArgumentException(questions + ": label " + idx + " is not an ImageNet index");
            for (String s : wn.get(idx).asText().split(",")) syn.add(q.choices().get(k), s);
          }
        }
      }
      if (synonyms != null) syn.withFile(synonyms);
      List<String> sources = new ArrayList<>(syn.sources());
      if (wordnet) sources.add("imagenet_wordnet_names");
      if (proto == AnswerProtocol.IMAGENET_D) {
        sources.add("imagenet_d word_mapping_dict (chenshuang-zhang/imagenet_d@" + ImageNetDMatcher.shipped().sourceCommit() + ")");
      }
      LmmComparison.Result res = CtrlC.run(cancel -> LmmComparison.compute(m, syn,
          new LmmComparison.Params(hardThreshold, sources, questions.toString(), proto), cancel));
      ObjectNode o = Json.object();
      o.put("protocol", proto.id());
      ObjectNode ms = o.putObject("models");
      res.models().forEach((k, v) -> {
        ObjectNode x = ms.putObject(k);
        x.set("overall", Json.mapper().valueToTree(v.overall()));
        x.set("hard", Json.mapper().valueToTree(v.hard()));
        x.set("hard_classes", Json.mapper().valueToTree(v.hardClasses()));
        ObjectNode pc = x.putObject("per_class");
        v.perClass().forEach(c -> pc.set(c.className(), Json.mapper().valueToTree(c.tally())));
      });
      if (!m.unmatched().isEmpty()) o.set("unmatched", Json.mapper().valueToTree(res.unmatched()));
      if (!problems.isEmpty()) o.set("skipped_rows", Json.mapper().valueToTree(problems));
      if (out != null) {
        List<Path> files = LmmComparison.write(res, out);
        o.set("files", Json.mapper().valueToTree(files.stream().map(Path::toString).toList()));
      }
      System.out.println(Json.toString(o));
      List<String> bad = new ArrayList<>(problems);
      bad.addAll(res.unmatched());
      return ShapeBiasCommand.reportSkipped("lmm compare", bad);
    }
  }

  /** {@code clipwb lmm stand-in}: synthetic answers phrased from another CLIP model's choices (no LMM involved). */
  @Command(
      name = "stand-in",
      mixinStandardHelpOptions = true,
      description = {
        "SYNTHETIC stand-in answers, for trying the LMM comparison where no LMM was run (the sample project): each answer"
            + " is the candidate another CLIP model (--run: its run of the same set) prefers, phrased as free text with"
            + " wording drawn from --seed; --unparseable of them name neither or both candidates. Every line is marked"
            + " \"synthetic\": true. Not an LMM's answers: never report its numbers as such."
      })
  static final class StandInCommand implements Callable<Integer> {
    @Option(names = "--questions", required = true, paramLabel = "JSONL", description = "questions from 'clipwb lmm questions'")
    Path questions;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "the stand-in model's run folder of the same set")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "answers JSONL to write (plain format)")
    Path out;

    @Option(names = "--model", defaultValue = "stand-in-lmm (synthetic)", description = "the model name written into each line")
    String model;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the phrasing (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--unparseable", defaultValue = "0.08", description = "share of unparseable answers (default ${DEFAULT-VALUE})")
    double unparseable;

    @Override
    public Integer call() {
      List<LmmQuestion> qs = Questions.readJsonl(questions);
      CachedRun r = CachedRun.load(run);
      String standIn = run.getParent() == null ? run.toString() : run.getParent().getFileName().toString();
      String gen = "clipwb lmm stand-in --run runs/" + standIn + "/" + run.getFileName() + " --seed " + seed + " --unparseable " + unparseable;
      StandInAnswers.Params p = new StandInAnswers.Params(seed, unparseable, model, gen);
      List<StandInAnswers.Answer> answers = StandInAnswers.generate(qs, r, standIn, p);
      StandInAnswers.writeJsonl(out, answers, p);
      ObjectNode o = Json.object();
      o.put("answers", answers.size());
      o.put("unparseable", answers.stream().filter(a -> a.chosen() == null).count());
      o.put("stand_in", standIn);
      o.put("synthetic", true);
      o.put("file", out.toString());
      System.out.println(Json.toString(o));
      return 0;
    }
  }
}
