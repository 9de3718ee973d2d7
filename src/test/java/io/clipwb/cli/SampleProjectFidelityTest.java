package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end fidelity of the whole Java path (PNG decoding, PIL-exact preprocessing, word-vocab
 * tokenizer, DJL TorchScript towers, zero-shot head, project runner) against PyTorch: the accuracy
 * of every sample model on every labelled evaluation set must equal what the training script
 * measured in Python on the same files ({@code sample-data/bundles/training-results.json}, written by
 * {@code tools/train_sample_models.py}), and so must the shape bias on the 240 cue-conflict images.
 * 7 models x 6 sets x 320 images. Near-ties could flip an argmax between libtorch builds, so one
 * image per set may differ (shape bias: 0.01); on this machine none does.
 */
@Tag("reference")
class SampleProjectFidelityTest {
  @Test
  void everySampleModelMatchesPyTorchOnEverySet(@TempDir Path tmp) {
    Path out = tmp.resolve("out");
    EvalCommandsTest.Run r = EvalCommandsTest.run("project", "run", "sample-data/project.json", "--out", out.toString(),
        "--cache", tmp.resolve("cache").toString(), "--datasets", "outline,novel-texture,novel-background,dark,rotated,cue-conflict",
        "--batch", "64");
    assertEquals(0, r.code(), r.err());
    JsonNode python = Json.read(Path.of("sample-data/bundles/training-results.json"));
    JsonNode summary = Json.read(out.resolve("summary.json"));
    int compared = 0;
    int shapeBiases = 0;
    List<String> diffs = new ArrayList<>();
    for (JsonNode m : summary.get("models")) {
      String key = m.get("model").asText().replaceFirst("^sample-", "");
      JsonNode eval = python.get(key).get("eval");
      Iterator<Map.Entry<String, JsonNode>> it = eval.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("cue-conflict")) {
          // shape bias by model-vs-human's recipe, on the 240 cue-conflict images
          double py = e.getValue().get("shape_bias").asDouble();
          double java = m.get("shape_bias").get("cue-conflict").get("shape_bias").asDouble();
          if (Math.abs(java - py) > 1e-12) diffs.add(key + "/shape_bias: java " + java + " python " + py);
          assertEquals(py, java, 0.01, key + " shape bias");
          shapeBiases++;
          continue;
        }
        if (!e.getValue().has("top1")) continue;
        double java = m.get("accuracy").get(e.getKey()).asDouble();
        double py = e.getValue().get("top1").asDouble();
        int n = e.getValue().get("n").asInt();
        long images = Math.round(Math.abs(java - py) * n);
        if (images > 0) diffs.add(key + "/" + e.getKey() + ": java " + java + " python " + py);
        assertTrue(images <= 1, key + " on " + e.getKey() + ": java " + java + " vs PyTorch " + py);
        compared++;
      }
    }
    assertEquals(42, compared, "7 models x 6 labelled sets");
    assertEquals(7, shapeBiases, "7 models on the cue-conflict set");
    System.err.println("SampleProjectFidelityTest: " + compared + " accuracies and " + shapeBiases
        + " shape biases compared with PyTorch, differing: " + diffs);
  }
}
