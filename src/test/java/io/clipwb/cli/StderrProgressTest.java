package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StderrProgressTest {
  @Test
  void showsTheComputedRateOnlyOnceSomethingWasComputed() throws Exception {
    StringWriter sw = new StringWriter();
    StderrProgress p = new StderrProgress(new PrintWriter(sw));
    p.items(0, 90);
    p.update(0, 10, "90 of 100 images from cache; encoding 10");
    assertFalse(sw.toString().contains("computed/s"), sw.toString());
    Thread.sleep(20);
    p.items(10, 90);
    p.update(10, 10, "encoding images");
    String out = sw.toString();
    assertTrue(out.contains("computed/s, 90 from cache"), out);
    assertTrue(out.contains("[100.0%] encoding images (10/10"), out);
  }
}
