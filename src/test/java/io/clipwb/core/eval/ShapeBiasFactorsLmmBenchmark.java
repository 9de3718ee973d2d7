package io.clipwb.core.eval;

import io.clipwb.core.eval.factors.FactorAnalysis;
import io.clipwb.core.eval.factors.ImageNetX;
import io.clipwb.core.eval.factors.ImageNetXJoin;
import io.clipwb.core.eval.factors.PredictionCsv;
import io.clipwb.core.eval.lmm.AnswerParser;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.eval.shapebias.SixteenClassMapping;
import io.clipwb.core.eval.shapebias.Trial;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Throughput of the shape-bias, factor and LMM-parsing steps (prints figures; not a test). Run:
 * {@code java -cp target/test-classes:target/classes:<deps> io.clipwb.core.eval.ShapeBiasFactorsLmmBenchmark}.
 */
public final class ShapeBiasFactorsLmmBenchmark {
  private ShapeBiasFactorsLmmBenchmark() {}

  public static void main(String[] args) {
    Random rnd = new Random(1);
    SixteenClassMapping map = SixteenClassMapping.fromShared();
    double[][] probs = new double[10_000][1000];
    for (double[] p : probs) {
      double s = 0;
      for (int j = 0; j < 1000; j++) s += p[j] = rnd.nextDouble();
      for (int j = 0; j < 1000; j++) p[j] /= s;
    }
    for (int warm = 0; warm < 2; warm++) {
      long t0 = System.nanoTime();
      int h = 0;
      for (double[] p : probs) h += map.decide(p).length();
      double sec = (System.nanoTime() - t0) / 1e9;
      System.out.printf("16-class mapping: %d vectors in %.3f s = %.0f /s (%d)%n", probs.length, sec, probs.length / sec, h);
    }
    List<String> cats = map.categories();
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < 128_000; i++) {
      String s = cats.get(rnd.nextInt(16));
      String t = cats.get(rnd.nextInt(16));
      trials.add(Trial.ofDecision("b", i, cats.get(rnd.nextInt(16)), s, s + "1-" + t + "2.png"));
    }
    for (int warm = 0; warm < 2; warm++) {
      long t0 = System.nanoTime();
      ShapeBias.Result r = ShapeBias.compute(trials, ShapeBias.Params.of("bench", "x"), Cancellation.none());
      double sec = (System.nanoTime() - t0) / 1e9;
      System.out.printf("shape bias: %d trials in %.3f s = %.0f trials/s (bias %.3f)%n", trials.size(), sec, trials.size() / sec, r.shapeBias());
    }
    Path dir = SharedData.resolve("data/imagenet-x").orElseThrow();
    for (int warm = 0; warm < 2; warm++) {
      long t0 = System.nanoTime();
      ImageNetX.Annotations ann = ImageNetX.readAnnotations(dir.resolve("imagenet_x_train_multi_factor.jsonl"));
      long t1 = System.nanoTime();
      List<PredictionCsv.Prediction> preds = new ArrayList<>();
      for (ImageNetX.Annotation a : ann.rows()) preds.add(new PredictionCsv.Prediction(0, a.fileName(), rnd.nextInt(1000), 0.5, null));
      ImageNetXJoin.Joined j = ImageNetXJoin.join(ann.rows(), preds, ImageNetX.readMetaclasses(dir.resolve("imagenet_1k_classes_to_100_metaclasses.csv")), Set.of());
      FactorAnalysis.Result r = FactorAnalysis.compute(j.table(), new FactorAnalysis.Params("b", "a", "multi", "p"), Cancellation.none());
      long t2 = System.nanoTime();
      System.out.printf("ImageNet-X: read %d annotations %.3f s, join + factors + metaclasses %.3f s (avg %.4f)%n",
          ann.rows().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, r.factorAccuracy().get("average"));
    }
    String[] answers = {"It is a tiger cat.", "The main object in this image is a cat.", "B", "I see a dog and a cat", "a catamaran"};
    for (int warm = 0; warm < 2; warm++) {
      long t0 = System.nanoTime();
      int n = 200_000;
      int t = 0;
      for (int i = 0; i < n; i++) {
        if (AnswerParser.parse(answers[i % answers.length], Set.of("cat", "house cat"), Set.of("tiger cat"), "A") == AnswerParser.Outcome.TRUE) t++;
      }
      double sec = (System.nanoTime() - t0) / 1e9;
      System.out.printf("answer parsing: %d answers in %.3f s = %.0f /s (%d TRUE)%n", n, sec, n / sec, t);
    }
  }
}
