package io.clipwb.core.corrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.cli.Main;
import io.clipwb.core.eval.corruption.CorruptedItem;
import io.clipwb.core.eval.corruption.CorruptionSetReader;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptionSetGeneratorTest {
  @Test
  void writesTheStandardLayoutAndReusesTheCache(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("in/bird");
    Files.createDirectories(in);
    Files.copy(TestImages.shared("data/imagenet-c-sample/bird.jpeg"), in.resolve("b1.jpeg"));
    Files.copy(TestImages.colourSample(), in.resolve("b2.jpeg"));
    Path out = tmp.resolve("out");
    var sources = CorruptionSources.fromFolder(tmp.resolve("in"), null);
    var p = new CorruptionSetGenerator.Params(List.of(Corruption.GAUSSIAN_NOISE, Corruption.CONTRAST), List.of(1, 5), 0, 64, "jpeg", 85,
        DepthMap.Scale.MILLIMETRES, 2);
    var s1 = CorruptionSetGenerator.generate(sources, out, p, Progress.NONE, Cancellation.none());
    assertEquals(8, s1.generated());
    assertEquals(0, s1.cached());
    Path f = out.resolve("gaussian_noise/5/bird/b1.jpg");
    assertTrue(Files.isRegularFile(f));
    Files.setLastModifiedTime(f, FileTime.fromMillis(1000));
    var s2 = CorruptionSetGenerator.generate(sources, out, p, Progress.NONE, Cancellation.none());
    assertEquals(0, s2.generated());
    assertEquals(8, s2.cached());
    assertEquals(1000, Files.getLastModifiedTime(f).toMillis(), "a cached output is not rewritten");
    // a different seed changes the key of random corruptions only... and every key includes the seed
    var p3 = new CorruptionSetGenerator.Params(p.corruptions(), p.severities(), 1, 64, "jpeg", 85, DepthMap.Scale.MILLIMETRES, 2);
    assertEquals(8, CorruptionSetGenerator.generate(sources, out, p3, Progress.NONE, Cancellation.none()).generated());

    List<CorruptedItem> items = CorruptionSetReader.scan(out);
    assertEquals(8, items.size());
    assertEquals(new CorruptedItem("contrast/1/bird/b1.jpg", "contrast", 1, "bird"), items.get(0));
    assertEquals("bird/b1", items.get(0).imageKey());
    String[] pred = new String[items.size()];
    java.util.Arrays.fill(pred, "bird");
    var grid = io.clipwb.core.eval.corruption.CorruptionGrid.forImage(items, "bird/b2", pred, new float[items.size()],
        new boolean[items.size()]);
    assertEquals(4, grid.cells().size());
    var thumb = io.clipwb.core.eval.corruption.CorruptionGrid.thumbnail(out, grid.cells().get(0), 32);
    assertEquals(32, thumb.width());
  }

  @Test
  void aBadSourceIsReportedAndTheOthersStillRun(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("in/c");
    Files.createDirectories(in);
    Files.copy(TestImages.shared("data/imagenet-c-sample/bird.jpeg"), in.resolve("good.jpeg"));
    Files.writeString(in.resolve("broken.jpg"), "not a jpeg");
    var p = new CorruptionSetGenerator.Params(List.of(Corruption.BRIGHTNESS), List.of(2), 0, 32, "png", 85, DepthMap.Scale.MILLIMETRES, 1);
    var s = CorruptionSetGenerator.generate(CorruptionSources.fromFolder(tmp.resolve("in"), null), tmp.resolve("out"), p,
        Progress.NONE, Cancellation.none());
    assertEquals(1, s.generated());
    assertEquals(1, s.failures().size());
    assertTrue(s.failures().get(0).reason().contains("broken.jpg"), s.failures().get(0).reason());
  }

  @Test
  void cliGeneratesRgbdCorruptionsWithDepth(@TempDir Path tmp) throws Exception {
    Path rgbDir = tmp.resolve("rgb/room");
    Path depthDir = tmp.resolve("depth/room");
    Files.createDirectories(rgbDir);
    Files.createDirectories(depthDir);
    Files.copy(TestImages.shared("data/rgbd/open3d/color/00000.jpg"), rgbDir.resolve("f0.jpg"));
    Files.copy(TestImages.shared("data/rgbd/open3d/depth/00000.png"), depthDir.resolve("f0.png"));
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("corrupt", "--images", tmp.resolve("rgb").toString(), "--depth", tmp.resolve("depth").toString(),
        "--depth-scale", "mm", "--corruptions", "fog_3d,near_focus,iso_noise", "--severities", "1,5", "--size", "64",
        "--out", tmp.resolve("out").toString());
    assertEquals(0, rc, err.toString());
    assertTrue(Files.isRegularFile(tmp.resolve("out/fog_3d/5/room/f0.jpg")));
    assertTrue(Files.isRegularFile(tmp.resolve("out/near_focus/1/room/f0.jpg")));
    int bad = Main.commandLine().execute("corrupt", "--images", tmp.resolve("rgb").toString(), "--corruptions", "nonsense",
        "--out", tmp.resolve("o2").toString());
    assertEquals(2, bad);
  }

  @Test
  void csvManifestsAreReadWithDepthAndBadRowsNamed(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("m.csv"), "path,label,depth\nimgs/a.jpg,tench,depth/a.png\nimgs/b.jpg,,\n");
    var sources = CorruptionSources.fromManifest(tmp.resolve("m.csv"), null);
    assertEquals(2, sources.size());
    assertEquals("tench", sources.get(0).className());
    assertEquals(tmp.resolve("depth/a.png"), sources.get(0).depth());
    assertEquals("unknown", sources.get(1).className());
    assertEquals(null, sources.get(1).depth());
    Files.writeString(tmp.resolve("q.csv"), "path,label\n\"imgs/a, b.jpg\",\"tench, fish\"\n");
    var quoted = CorruptionSources.fromManifest(tmp.resolve("q.csv"), null);
    assertEquals(tmp.resolve("imgs/a, b.jpg"), quoted.get(0).image());
    assertEquals("tench, fish", quoted.get(0).className());
    Files.writeString(tmp.resolve("bad.csv"), "path,label\nx.jpg\n");
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> CorruptionSources.fromManifest(tmp.resolve("bad.csv"), null));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    Files.writeString(tmp.resolve("nohdr.csv"), "file,label\nx.jpg,a\n");
    var e2 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> CorruptionSources.fromManifest(tmp.resolve("nohdr.csv"), null));
    assertTrue(e2.getMessage().contains("'path'"), e2.getMessage());
  }
}
