package io.clipwb.cli;

import io.clipwb.core.util.Vectors;
import io.clipwb.core.eval.correspondence.DenseFeatures;
import io.clipwb.core.eval.correspondence.DenseMatcher;
import io.clipwb.core.eval.correspondence.GridFootprint;
import io.clipwb.core.eval.retrieval.CaptionSet;
import io.clipwb.core.eval.retrieval.Retrieval;
import io.clipwb.core.model.PatchFeatures;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.util.Locale;
import java.util.Random;

/**
 * Prints speed figures of the retrieval metric (COCO-5k size by default) and of the dense
 * correspondence search. Not a test: run it by hand,
 * {@code java -Xmx1g -cp target/clipwb/lib/'*' io.clipwb.cli.RetrievalBenchmark [images captions dim]}.
 */
public final class RetrievalBenchmark {
  private RetrievalBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int m = args.length > 1 ? Integer.parseInt(args[1]) : 25000;
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    Random r = new Random(1);
    float[][] img = new float[n][d];
    float[][] txt = new float[m][d];
    int[] t2i = new int[m];
    for (float[] row : img) for (int j = 0; j < d; j++) row[j] = (float) r.nextGaussian();
    for (int t = 0; t < m; t++) {
      t2i[t] = t % n;
      for (int j = 0; j < d; j++) txt[t][j] = img[t2i[t]][j] + 2f * (float) r.nextGaussian();
    }
    img = Vectors.normalizeRows(img);
    txt = Vectors.normalizeRows(txt);
    Runtime rt = Runtime.getRuntime();
    long t0 = System.nanoTime();
    Retrieval.Result res = Retrieval.compute(img, txt, t2i, CaptionSet.invert(t2i, n), Retrieval.Params.defaults(), Progress.NONE,
        Cancellation.none());
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "retrieval %d images x %d captions x %d dims: %.1f s, %.2f GFLOP/s, %d threads, max heap %d MB, "
            + "i2t R@1 %.3f, t2i R@1 %.3f%n", n, m, d, s, 2.0 * n * m * d / s / 1e9, Runtime.getRuntime().availableProcessors(),
        rt.maxMemory() >> 20, res.imageToText().recall().get("R@1"), res.textToImage().recall().get("R@1"));

    // dense correspondence search: 16x16 grid of 768-d features over a 640x480 image
    float[][] cells = new float[256][768];
    for (float[] c : cells) for (int j = 0; j < 768; j++) c[j] = (float) r.nextGaussian();
    DenseFeatures f = new DenseFeatures(new PatchFeatures(16, 16, new float[][][] {cells}),
        0, GridFootprint.clipPreprocessing(640, 480, 224, 224, true), 640, 480);
    t0 = System.nanoTime();
    DenseMatcher matcher = new DenseMatcher(f, 1);
    double setup = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    int q = 1000;
    for (int i = 0; i < q; i++) matcher.best(f.sampleNormalized(100 + i % 400, 50 + i % 380));
    double perQuery = (System.nanoTime() - t0) / 1e9 / q;
    System.out.printf(Locale.ROOT, "dense NN over %d pixels (16x16x768 grid): setup %.3f s, %.2f ms per query (single thread)%n",
        matcher.candidates(), setup, perQuery * 1e3);
  }
}
