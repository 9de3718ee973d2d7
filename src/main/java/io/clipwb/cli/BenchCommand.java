package io.clipwb.cli;

import io.clipwb.core.data.Datasets;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.ModelCard;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.model.TextEncoder;
import io.clipwb.core.model.TokenizerSpec;
import io.clipwb.core.run.ImageEmbedder;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.run.ThroughputBench;
import io.clipwb.djl.DjlClipModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clipwb bench}: raw forward rate of an image tower vs the whole decode+preprocess+forward pipeline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Prints forward_img_s=<x> pipeline_img_s=<y> for an image-tower TorchScript file and a folder of images.",
        "With --rescore: prints rescore_gemm_s=<x> rescore_total_s=<y> for re-scoring seeded random embeddings"
            + " (default ImageNet scale: 50,000 images x 1,000 classes x 512 dims)."})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--image-encoder", description = "TorchScript image tower (NCHW float -> N x D)")
  Path encoder;

  @Option(names = "--model", description = "instead of --image-encoder: a bundle or checkpoint folder (its image tower and"
      + " preprocessing; e.g. a Hugging Face CLIP / SigLIP or open_clip folder opened directly)")
  Path model;

  @Option(names = "--images", description = "a folder of images (any layout clipwb eval reads)")
  Path images;

  @Option(names = "--batch", defaultValue = "32", description = "batch size (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--size", defaultValue = "224", description = "input size (default: ${DEFAULT-VALUE})")
  int size;

  @Option(names = "--rounds", defaultValue = "3", description = "alternating rounds: forward batches worth one pass over"
      + " the folder, then one pipeline pass (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--decode-threads", description = "decode/preprocess threads of the pipeline (default: half the cores)")
  Integer decodeThreads;

  @Option(names = "--rescore", description = "time prompt re-scoring (logits GEMM + metrics) on random unit-norm arrays instead")
  boolean rescore;

  @Option(names = "--n", defaultValue = "50000", description = "--rescore: images (default: ${DEFAULT-VALUE})")
  int rescoreImages;

  @Option(names = "--classes", defaultValue = "1000", description = "--rescore: classes (default: ${DEFAULT-VALUE})")
  int rescoreClasses;

  @Option(names = "--dim", defaultValue = "512", description = "--rescore: embedding size (default: ${DEFAULT-VALUE})")
  int rescoreDim;

  @Option(names = "--seed", defaultValue = "0", description = "--rescore: random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--dump", description = "--rescore: also write the arrays (images.npy, classes.npy, labels.npy) to this folder,"
      + " e.g. to time NumPy's matmul on the same data")
  Path dump;

  @Override
  public Integer call() {
    if (rescore) {
      RescoreBench.Timing t = RescoreBench.run(rescoreImages, rescoreClasses, rescoreDim, seed, rounds, dump);
      spec.commandLine().getErr().printf(java.util.Locale.ROOT,
          "re-scoring %d x %d against %d x %d (%d threads): GEMM per round %s s, total per round %s s%n",
          rescoreImages, rescoreDim, rescoreClasses, rescoreDim, Runtime.getRuntime().availableProcessors(),
          t.gemmRounds(), t.totalRounds());
      spec.commandLine().getOut().printf(java.util.Locale.ROOT, "rescore_gemm_s=%.3f rescore_total_s=%.3f%n", t.gemmSeconds(),
          t.totalSeconds());
      spec.commandLine().getErr().flush();
      return 0;
    }
    if ((encoder == null) == (model == null) || images == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--images and one of --image-encoder or --model are required (or give --rescore)");
    }
    var items = Datasets.open(images, Optional.empty()).items();
    if (model != null) {
      try (ClipModel m = DjlClipModel.load(io.clipwb.core.model.BundleLoader.load(model))) {
        report(m, items, m instanceof DjlClipModel d ? d.device() : "cpu");
      }
      return 0;
    }
    try (DjlClipModel.ImageTower tower = DjlClipModel.loadImageTower(encoder, false)) {
      Bundle b = new Bundle(encoder.getParent(), "bench", encoder, encoder, Optional.empty(), null, 0, 100f,
          Preprocessing.clip(size), new TokenizerSpec("word-vocab", "", 77, 0, 0),
          new ModelCard("ViT", "bench", "", 0, "none", "softmax-infonce", "single"), "bench-" + encoder.toAbsolutePath());
      ClipModel m = new ClipModel() {
        @Override public Bundle bundle() { return b; }
        @Override public ImageEncoder newImageEncoder() { return tower.newEncoder(); }
        @Override public TextEncoder newTextEncoder() { throw new UnsupportedOperationException("image tower only"); }
        @Override public void close() {}
      };
      report(m, items, tower.device());
    }
    return 0;
  }

  private void report(ClipModel m, java.util.List<io.clipwb.core.data.DataItem> items, String device) {
    {
      ThroughputBench.Comparison c = CtrlC.run(spec.commandLine().getErr(), cancel -> ThroughputBench.interleaved(m, items, batch,
          decodeThreads != null ? decodeThreads : ImageEmbedder.Options.defaults().decodeThreads(), rounds, cancel));
      ThroughputBench.Rate fwd = c.forward();
      ThroughputBench.Rate pipe = c.pipeline();
      StringBuilder ratios = new StringBuilder();
      for (double r : c.ratios()) ratios.append(ratios.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.3f", r));
      spec.commandLine().getErr().printf(java.util.Locale.ROOT,
          "%d alternating rounds over %d images (batch %d, %s): forward per round %s img/s, pipeline per round %s img/s;"
              + " pipeline/forward per round %s, median %.3f%n",
          rounds, items.size(), batch, device, fwd.spread(), pipe.spread(), ratios, c.medianRatio());
      spec.commandLine().getOut().printf(java.util.Locale.ROOT, "forward_img_s=%.2f pipeline_img_s=%.2f%n",
          fwd.imgPerSec(), pipe.imgPerSec());
      spec.commandLine().getErr().flush();
    }
  }
}
