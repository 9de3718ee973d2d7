package io.clipwb.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import io.clipwb.core.model.Preprocessing;
import io.clipwb.testing.Shared;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoding + resize + center crop against {@code shared/reference/preprocess.json}: uint8 images
 * computed by OpenAI CLIP's {@code _transform} with torchvision 0.14.1 and PIL 9.4 on real photos.
 */
@Tag("reference")
class PreprocessFidelityTest {
  private static final Logger LOG = LoggerFactory.getLogger(PreprocessFidelityTest.class);

  @Test
  void matchesTorchvisionPilOnEveryReferenceCase() throws Exception {
    Path root = Shared.root();
    JsonNode ref = Json.read(Shared.path("reference/preprocess.json"));
    long total = 0;
    long same = 0;
    int cases = 0;
    for (JsonNode c : ref.get("cases")) {
      Path image = root.resolve(c.get("image").asText());
      int n = c.get("n_px").asInt();
      Preprocessing.Interpolation interp = Preprocessing.Interpolation.valueOf(c.get("interpolation").asText().toUpperCase(Locale.ROOT));
      Preprocessing spec = new Preprocessing(n, n, interp, true, Preprocessing.CLIP_MEAN, Preprocessing.CLIP_STD);
      RgbImage decoded = ImageDecoder.decode(image);
      assertEquals(c.get("size").get(0).asInt(), decoded.width(), image + " width");
      assertEquals(c.get("size").get(1).asInt(), decoded.height(), image + " height");
      RgbImage out = new Preprocessor(spec).resizeAndCrop(decoded);
      Npy.NpyArray expected = Npy.read(root.resolve(c.get("expected_uint8_hwc").asText()));
      assertEquals(n, expected.shape()[0]);
      assertEquals(n, expected.shape()[1]);
      byte[] e = new byte[expected.data().remaining()];
      expected.data().duplicate().get(e);
      assertEquals(e.length, out.rgb().length);
      int caseSame = 0;
      int max = 0;
      for (int i = 0; i < e.length; i++) {
        int d = Math.abs((e[i] & 0xff) - (out.rgb()[i] & 0xff));
        if (d == 0) caseSame++;
        max = Math.max(max, d);
      }
      double frac = caseSame / (double) e.length;
      LOG.info(String.format(Locale.ROOT, "%-60s %-8s %d identical=%.6f max_diff=%d",
          c.get("image").asText(), interp, n, frac, max));
      assertTrue(max <= 1, image + " " + interp + " " + n + ": max diff " + max);
      assertTrue(frac >= 0.999, image + " " + interp + " " + n + ": identical fraction " + frac);
      total += e.length;
      same += caseSame;
      cases++;
    }
    assertEquals(42, cases);
    LOG.info(String.format(Locale.ROOT, "preprocess fidelity: %d cases, %.6f of values identical", cases, same / (double) total));
  }
}
