package io.clipwb.core.image;

import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.text.Tokenizer;
import io.clipwb.core.text.Tokenizers;
import io.clipwb.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints decode / preprocess / tokenizer timings (single thread) on the shared sample photos. Run:
 * {@code java -cp target/test-classes:target/classes:<deps> io.clipwb.core.image.FidelityBenchmark [rounds]}.
 */
public final class FidelityBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(FidelityBenchmark.class);

  private FidelityBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path root = SharedData.root().orElseThrow(() -> new IllegalStateException("needs ../shared"));
    List<Path> files;
    try (Stream<Path> s = Files.list(root.resolve("data/imagenet-samples"))) {
      files = s.filter(p -> p.toString().endsWith(".JPEG")).sorted().toList();
    }
    Preprocessor pre = new Preprocessor(Preprocessing.clip(224));
    float[] buf = new float[3 * 224 * 224];
    Path tench = root.resolve("data/imagenet-samples/n01440764_tench.JPEG"); // 500x375
    for (int r = 0; r < rounds; r++) {
      long dec = 0;
      long prep = 0;
      for (Path f : files) {
        long t0 = System.nanoTime();
        RgbImage im = ImageDecoder.decode(f);
        long t1 = System.nanoTime();
        pre.apply(im, buf, 0);
        long t2 = System.nanoTime();
        dec += t1 - t0;
        prep += t2 - t1;
      }
      int n = files.size();
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
      int reps = 50;
      long cpuDec = 0;
      long cpuPre = 0;
      long w0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        long c0 = mx.getCurrentThreadCpuTime();
        RgbImage im = ImageDecoder.decode(tench);
        long c1 = mx.getCurrentThreadCpuTime();
        pre.apply(im, buf, 0);
        cpuDec += c1 - c0;
        cpuPre += mx.getCurrentThreadCpuTime() - c1;
      }
      double tenchMs = (System.nanoTime() - w0) / 1e6 / reps;
      LOG.info(String.format(Locale.ROOT,
          "round %d: %d imagenet-samples JPEGs: decode %.2f ms/img, resize+crop+normalise %.2f ms/img, total %.1f img/s;"
              + " 500x375 tench decode+preprocess %.2f ms wall, CPU time: decode %.2f ms + preprocess %.2f ms",
          r, n, dec / 1e6 / n, prep / 1e6 / n, n / ((dec + prep) / 1e9), tenchMs, cpuDec / 1e6 / reps, cpuPre / 1e6 / reps));
    }
    long t0 = System.nanoTime();
    Tokenizer bpe = Tokenizers.openAiClip(root.resolve("data/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz"), 77);
    long t1 = System.nanoTime();
    Tokenizer hf = Tokenizers.hfTokenizerJson(root.resolve("data/clip-tokenizer/tokenizer.json"), 77);
    long t2 = System.nanoTime();
    List<String> texts = new ArrayList<>();
    for (String c : io.clipwb.core.text.ClassNames.load(root.resolve("data/imagenet-metadata/en_classnames.json"), "imagenet1k")) {
      for (String t : io.clipwb.core.text.PromptSets.templates("imagenet-80")) texts.add(io.clipwb.core.text.PromptSets.fill(t, c));
    }
    long t3 = System.nanoTime();
    bpe.tokenize(texts);
    long t4 = System.nanoTime();
    bpe.tokenize(texts);
    long t5 = System.nanoTime();
    LOG.info(String.format(Locale.ROOT, "tokenizers: load openai-clip-bpe %.0f ms, hf-tokenizer-json %.0f ms;"
            + " 80,000 ImageNet prompts %.0f ms cold, %.0f ms warm",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6));
  }
}
