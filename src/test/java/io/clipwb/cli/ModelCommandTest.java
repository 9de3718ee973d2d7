package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clipwb model inspect} and {@code clipwb bench --model} on the checkpoint fixtures. */
class ModelCommandTest {
  static final String FIXTURES = "src/test/resources/checkpoints/";

  @TempDir Path tmp;

  @Test
  void inspectPrintsWhatWasRecognised() {
    EvalCommandsTest.Run r = EvalCommandsTest.run("model", "inspect", FIXTURES + "openclip-rn-bf16");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("open_clip checkpoint, opened directly (open_clip_config.json)"), r.out());
    assertTrue(r.out().contains("ModifiedResNet, stages [1, 1, 1, 1], width 4"), r.out());
    assertTrue(Pattern.compile("dtype \\[BF16]").matcher(r.out()).find(), r.out());
    assertTrue(r.out().contains("data unknown; samples unknown; fine-tuning unknown; loss softmax-infonce"), r.out());
    r = EvalCommandsTest.run("model", "inspect", FIXTURES + "hf-clip-vit");
    assertTrue(r.out().contains("Hugging Face CLIPModel") && r.out().contains("pooling eos"), r.out());
    assertTrue(r.out().contains("shortest side to 32 (bicubic), center crop 32"), r.out());
  }

  @Test
  void inspectReportsASiglipFolderWithItsBias() {
    EvalCommandsTest.Run r = EvalCommandsTest.run("model", "inspect", FIXTURES + "hf-siglip");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Hugging Face SiglipModel checkpoint, opened directly (config.json)"), r.out());
    assertTrue(r.out().contains("attention-pooling head") && r.out().contains("pooling last"), r.out());
    assertTrue(Pattern.compile("logit bias: +-[0-9.]+ \\(logits = scale x cosine \\+ bias; sigmoid loss\\)").matcher(r.out()).find(), r.out());
    assertTrue(r.out().contains("resize to 32 x 32 (bicubic, aspect ratio not kept), mean [0.5, 0.5, 0.5]"), r.out());
    assertTrue(r.out().contains("siglip-sentencepiece spiece.model, context 16, no start token, eos 1"), r.out());
    assertTrue(r.out().contains("loss sigmoid"), r.out());
    assertTrue(!EvalCommandsTest.run("model", "inspect", FIXTURES + "hf-clip-vit").out().contains("logit bias"));
  }

  /** A zero-shot run of the SigLIP folder writes logits = scale x cos + bias (recomputed here from the run's own arrays). */
  @Test
  void siglipEvalWritesBiasedLogits() {
    Path out = tmp.resolve("run");
    EvalCommandsTest.Run r = EvalCommandsTest.run("eval", "--model", FIXTURES + "hf-siglip", "--data", "sample-data/data/test/manifest.csv",
        "--out", out.toString(), "--cache", tmp.resolve("cache").toString(), "--templates", "single");
    assertEquals(0, r.code(), r.err());
    io.clipwb.core.model.Bundle b = io.clipwb.core.model.BundleLoader.load(Path.of(FIXTURES + "hf-siglip"));
    float[][] logits = io.clipwb.core.io.Npy.read(out.resolve("logits.npy")).asFloatMatrix();
    float[][] img = io.clipwb.core.io.Npy.read(out.resolve("image_embeddings.npy")).asFloatMatrix();
    float[][] cls = io.clipwb.core.io.Npy.read(out.resolve("text_embeddings.npy")).asFloatMatrix();
    double worst = 0;
    for (int i = 0; i < logits.length; i++) {
      for (int c = 0; c < cls.length; c++) {
        double dot = 0;
        double ni = 0;
        double nc = 0;
        for (int k = 0; k < img[i].length; k++) {
          dot += (double) img[i][k] * cls[c][k];
          ni += (double) img[i][k] * img[i][k];
          nc += (double) cls[c][k] * cls[c][k];
        }
        double want = b.logitScale() * dot / Math.sqrt(ni * nc) + b.logitBias();
        worst = Math.max(worst, Math.abs(want - logits[i][c]));
      }
    }
    assertTrue(worst < 1e-4, "logits differ from scale x cos + bias by " + worst);
    assertEquals(b.logitBias(), (float) io.clipwb.core.runfolder.RunFolder.read(out).manifest().logitBias(), 0f); // written as a float
  }

  @Test
  void inspectPrintsTheOnnxGraphs() {
    EvalCommandsTest.Run r = EvalCommandsTest.run("model", "inspect", FIXTURES + "onnx/hf-clip-vit-transformersjs");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("transformers.js folder (config.json + onnx/), opened directly, ONNX towers onnx/vision_model.onnx"), r.out());
    assertTrue(r.out().contains("onnx/text_model.onnx: input_ids int64 [batch x 16], attention_mask int64 [batch x 16] ->"
        + " text_embeds float32 [batch x 16]"), r.out());
    assertTrue(r.out().contains("logit scale:    " + "16.6658"), r.out());
  }

  @Test
  void benchTimesAnOnnxBundle() {
    EvalCommandsTest.Run r = EvalCommandsTest.run("bench", "--model", FIXTURES + "onnx/openclip-vit-quickgelu",
        "--images", "sample-data/data/test/manifest.csv", "--batch", "64", "--rounds", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("forward_img_s="), r.out());
  }

  @Test
  void inspectNamesTheMissingFile() throws Exception {
    Path d = tmp.resolve("broken");
    Files.createDirectories(d);
    Files.copy(Path.of(FIXTURES + "hf-clip-vit/config.json"), d.resolve("config.json"));
    EvalCommandsTest.Run r = EvalCommandsTest.run("model", "inspect", d.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bundle.json: missing") && r.err().contains("checkpoint folder"), r.err());
  }

  @Test
  void benchTimesACheckpointFolder() {
    EvalCommandsTest.Run r = EvalCommandsTest.run("bench", "--model", FIXTURES + "openclip-vit-quickgelu",
        "--images", "sample-data/data/test/manifest.csv", "--batch", "64", "--rounds", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("forward_img_s="), r.out());
  }
}
