package io.clipwb.cli;

import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ModelCard;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.core.model.checkpoint.CheckpointFolders;
import io.clipwb.core.model.checkpoint.CheckpointSpec;
import io.clipwb.core.model.safetensors.SafetensorsFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clipwb model}: what a model folder (bundle or checkpoint folder) is, before any run uses it. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Look at a model folder.",
    subcommands = {ModelCommand.Inspect.class})
public final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code clipwb model inspect FOLDER}. */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = {"Prints what a model folder was recognised as: a bundle (bundle.json) or a checkpoint folder that opens as it is"
          + " (Hugging Face CLIP or SigLIP: config.json + model.safetensors; open_clip: open_clip_config.json + open_clip_model.safetensors;"
          + " transformers.js: config.json + onnx/vision_model.onnx + onnx/text_model.onnx):"
          + " architecture, parameter count, dtype, preprocessing, tokenizer and model card.",
          "Exits with 2 and one message naming the file, field or tensor (with its expected shape) when the folder cannot be used."})
  static final class Inspect implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "a bundle or checkpoint folder")
    Path folder;

    @Override
    public Integer call() {
      Bundle b = BundleLoader.load(folder);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "folder:         %s%n", b.dir());
      out.printf(Locale.ROOT, "name:           %s%n", b.name());
      if (CheckpointFolders.isCheckpoint(b)) {
        CheckpointSpec s = CheckpointFolders.spec(b.dir());
        out.printf(Locale.ROOT, "kind:           %s checkpoint, opened directly (%s)%n",
            switch (s.layout()) {
              case HF_CLIP -> "Hugging Face CLIPModel";
              case HF_SIGLIP -> "Hugging Face SiglipModel";
              case OPEN_CLIP -> "open_clip";
            }, s.config().getFileName());
        out.printf(Locale.ROOT, "architecture:   %s%n", s.architectureName());
        CheckpointSpec.Vision v = s.vision();
        if (v.resnet()) {
          out.printf(Locale.ROOT, "image tower:    ModifiedResNet, stages %s, width %d, attention pool %d heads, %d px%n",
              Arrays.toString(v.resnetLayers()), v.width(), v.heads(), v.imageSize());
        } else if (s.layout() == CheckpointSpec.Layout.HF_SIGLIP) {
          out.printf(Locale.ROOT, "image tower:    ViT without class token, width %d, %d layers, %d heads, patch %d, %d px, MLP %d, %s, "
              + "attention-pooling head%n", v.width(), v.layers(), v.heads(), v.patchSize(), v.imageSize(), v.mlpDim(), v.act());
        } else {
          out.printf(Locale.ROOT, "image tower:    ViT, width %d, %d layers, %d heads, patch %d, %d px, MLP %d, %s%n", v.width(),
              v.layers(), v.heads(), v.patchSize(), v.imageSize(), v.mlpDim(), v.act());
        }
        CheckpointSpec.Text t = s.text();
        out.printf(Locale.ROOT, "text tower:     width %d, %d layers, %d heads, context %d, vocabulary %d, MLP %d, %s, pooling %s%s%n",
            t.width(), t.layers(), t.heads(), t.contextLength(), t.vocab(), t.mlpDim(), t.act(), t.pooling(),
            t.pooling().equals("eos") ? " (id " + t.eosTokenId() + ")" : "");
        try (SafetensorsFile f = SafetensorsFile.open(s.weights())) {
          out.printf(Locale.ROOT, "weights:        %s: %d tensors, %,d parameters, dtype %s (computed in float32)%n",
              s.weights().getFileName(), f.tensors().size(), f.parameterCount(), f.dtypeCounts().keySet());
        }
      } else {
        boolean json = java.nio.file.Files.isRegularFile(b.dir().resolve(BundleLoader.FILE_NAME));
        boolean onnx = b.imageEncoder().getFileName().toString().endsWith(".onnx");
        out.printf(Locale.ROOT, "kind:           %s, %s towers %s, %s%s%n",
            json ? "bundle (bundle.json)" : "transformers.js folder (config.json + onnx/), opened directly", onnx ? "ONNX" : "TorchScript",
            b.dir().relativize(b.imageEncoder()), b.dir().relativize(b.textEncoder()),
            b.patchEncoder().map(p -> ", " + b.dir().relativize(p)).orElse(""));
        java.util.List<java.nio.file.Path> towers = new java.util.ArrayList<>(java.util.List.of(b.imageEncoder(), b.textEncoder()));
        b.patchEncoder().ifPresent(towers::add);
        for (java.nio.file.Path f : towers) {
          if (!f.getFileName().toString().endsWith(".onnx")) continue;
          io.clipwb.core.model.onnx.OnnxGraph g = io.clipwb.core.model.onnx.OnnxGraph.read(f);
          StringBuilder io = new StringBuilder();
          g.inputs().forEach(v -> io.append(io.length() == 0 ? "" : ", ").append(v.name()).append(' ').append(v.describe()));
          io.append(" ->");
          g.outputs().forEach(v -> io.append(' ').append(v.name()).append(' ').append(v.describe()).append(','));
          io.setLength(io.length() - 1);
          out.printf(Locale.ROOT, "onnx graph:     %s: %s%n", b.dir().relativize(f), io);
        }
      }
      out.printf(Locale.ROOT, "embed dim:      %d%n", b.embedDim());
      out.printf(Locale.ROOT, "logit scale:    %.4f%n", b.logitScale());
      if (b.logitBias() != 0f) out.printf(Locale.ROOT, "logit bias:     %.4f (logits = scale x cosine + bias; sigmoid loss)%n", b.logitBias());
      Preprocessing p = b.preprocessing();
      if (p.centerCrop()) {
        out.printf(Locale.ROOT, "preprocessing:  shortest side to %d (%s), center crop %d, mean %s, std %s%n", p.resize(),
            p.interpolation().name().toLowerCase(Locale.ROOT), p.inputSize(), Arrays.toString(p.mean()), Arrays.toString(p.std()));
      } else {
        out.printf(Locale.ROOT, "preprocessing:  resize to %d x %d (%s, aspect ratio not kept), mean %s, std %s%n", p.inputSize(),
            p.inputSize(), p.interpolation().name().toLowerCase(Locale.ROOT), Arrays.toString(p.mean()), Arrays.toString(p.std()));
      }
      if (b.tokenizer().sot() < 0) {
        out.printf(Locale.ROOT, "tokenizer:      %s %s, context %d, no start token, eos %d%n", b.tokenizer().kind(), b.tokenizer().file(),
            b.tokenizer().contextLength(), b.tokenizer().eot());
      } else {
        out.printf(Locale.ROOT, "tokenizer:      %s %s, context %d, sot %d, eot %d%n", b.tokenizer().kind(), b.tokenizer().file(),
            b.tokenizer().contextLength(), b.tokenizer().sot(), b.tokenizer().eot());
      }
      ModelCard c = b.card();
      out.printf(Locale.ROOT, "card:           %s %s; data %s; samples %s; fine-tuning %s; loss %s; prompts %s%n",
          c.architectureFamily(), c.architectureName(), c.trainingData(),
          c.trainingSamples() == 0 ? "unknown" : String.format(Locale.ROOT, "%,d", c.trainingSamples()), c.fineTuning(), c.loss(),
          c.prompts());
      out.printf(Locale.ROOT, "fingerprint:    %s%n", b.fingerprint());
      out.flush();
      return 0;
    }
  }
}
