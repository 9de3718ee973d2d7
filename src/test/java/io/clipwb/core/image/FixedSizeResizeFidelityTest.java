package io.clipwb.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.core.model.Preprocessing;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The resize without crop (a Hugging Face {@code size: {height, width}}, SigLIP's processor) against
 * the pixels SiglipImageProcessor's path computes: transformers' {@code image_transforms.resize}
 * through PIL 9.4's {@code Image.resize}, rescale and normalise with mean = std = 0.5
 * ({@code src/test/resources/checkpoints/preprocess}, tools/checkpoints/make_siglip_fixtures.py), on
 * non-square noise images that are shrunk along one side and enlarged along the other.
 */
@Tag("reference")
class FixedSizeResizeFidelityTest {
  @Test
  void matchesPilThroughTheHuggingFaceImageProcessor() throws Exception {
    Path dir = Path.of(FixedSizeResizeFidelityTest.class.getResource("/checkpoints/preprocess/expected.json").toURI()).getParent();
    JsonNode doc = Json.read(dir.resolve("expected.json"));
    Npy.NpyArray a = Npy.read(dir.resolve(doc.get("expected_npy").asText()));
    double[] want = a.asDoubles();
    int n = a.shape()[2];
    int per = 3 * n * n;
    float[] half = {0.5f, 0.5f, 0.5f};
    int k = 0;
    for (JsonNode c : doc.get("cases")) {
      Preprocessing.Interpolation interp = Preprocessing.Interpolation.valueOf(c.get("interpolation").asText().toUpperCase(Locale.ROOT));
      RgbImage img = ImageDecoder.decode(dir.resolve(c.get("image").asText()));
      assertEquals(c.get("size").get(0).asInt(), img.width());
      float[] got = new Preprocessor(new Preprocessing(n, n, interp, false, half, half)).apply(img);
      double max = 0;
      for (int i = 0; i < per; i++) max = Math.max(max, Math.abs(want[k * per + i] - got[i]));
      // measured 0.0: the resampling is uint8-identical and x/255 rounds the same in float32
      org.slf4j.LoggerFactory.getLogger(FixedSizeResizeFidelityTest.class).info("{} {}: max diff {}", c.get("image").asText(), interp, max);
      assertTrue(max <= 1e-6, c + ": max diff " + max);
      k++;
    }
    assertEquals(4, k);
  }
}
