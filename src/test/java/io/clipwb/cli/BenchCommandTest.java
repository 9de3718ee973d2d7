package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code clipwb bench} on the sample ViT's image tower and the sample test images (64 px): its output contract. */
class BenchCommandTest {
  @Test
  void printsForwardAndPipelineRates() {
    EvalCommandsTest.Run r = EvalCommandsTest.run("bench", "--image-encoder", "sample-data/bundles/vit-default/image_encoder.pt",
        "--images", "sample-data/data/test/manifest.csv", "--size", "64", "--batch", "64", "--rounds", "2");
    assertEquals(0, r.code(), r.err());
    Matcher m = Pattern.compile("^forward_img_s=(\\d+\\.\\d\\d) pipeline_img_s=(\\d+\\.\\d\\d)\\s*$").matcher(r.out());
    assertTrue(m.matches(), "one line forward_img_s=<x> pipeline_img_s=<y>, got: " + r.out());
    assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) > 0, r.out());
    assertTrue(r.err().contains("2 alternating rounds over 320 images"), r.err());
    assertTrue(r.err().contains("median"), r.err());
  }
}
