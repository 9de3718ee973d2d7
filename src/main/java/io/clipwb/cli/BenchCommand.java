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
    description = "Prints forward_img_s=<x> pipeline_img_s=<y> for an image-tower TorchScript file and a folder of images.")
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--image-encoder", required = true, description = "TorchScript image tower (NCHW float -> N x D)")
  Path encoder;

  @Option(names = "--images", required = true, description = "a folder of images (any layout clipwb eval reads)")
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

  @Override
  public Integer call() {
    var items = Datasets.open(images, Optional.empty()).items();
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
      ThroughputBench.Comparison c = ThroughputBench.interleaved(m, items, batch,
          decodeThreads != null ? decodeThreads : ImageEmbedder.Options.defaults().decodeThreads(), rounds, Cancellation.none());
      ThroughputBench.Rate fwd = c.forward();
      ThroughputBench.Rate pipe = c.pipeline();
      StringBuilder ratios = new StringBuilder();
      for (double r : c.ratios()) ratios.append(ratios.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.3f", r));
      spec.commandLine().getErr().printf(java.util.Locale.ROOT,
          "%d alternating rounds over %d images (batch %d, %s): forward per round %s img/s, pipeline per round %s img/s;"
              + " pipeline/forward per round %s, median %.3f%n",
          rounds, items.size(), batch, tower.device(), fwd.spread(), pipe.spread(), ratios, c.medianRatio());
      spec.commandLine().getOut().printf(java.util.Locale.ROOT, "forward_img_s=%.2f pipeline_img_s=%.2f%n",
          fwd.imgPerSec(), pipe.imgPerSec());
      spec.commandLine().getErr().flush();
    }
    return 0;
  }
}
