package io.clipwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The calibrate/ood/shift commands on temporary .npy files and run folders. */
class EvalCommandsTest {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static float[][] logits(int n, int c, long seed, int[] y, boolean ood) {
    Random r = new Random(seed);
    float[][] z = new float[n][c];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(c);
      for (int j = 0; j < c; j++) z[i][j] = (float) (20 + 3 * r.nextGaussian());
      if (!ood) z[i][y[i]] += 8;
    }
    return z;
  }

  /** int32 labels, to check both integer widths are read. */
  static void writeInt32(Path f, int[] v) {
    String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (" + v.length + ",), }";
    int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
    String h = dict + " ".repeat(pad) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + h.length() + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length()).put(h.getBytes());
    for (int x : v) b.putInt(x);
    AtomicFiles.write(f, b.array());
  }

  static Path runFolder(Path dir, String name, int n, long seed, boolean ood, String manifestExtra) {
    Path d = dir.resolve(name);
    int[] y = new int[n];
    Npy.write(d.resolve("logits.npy"), logits(n, 10, seed, y, ood));
    Npy.write(d.resolve("labels.npy"), y);
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < n; i++) {
      items.append(i == 0 ? "" : ",").append("{\"path\":\"").append(i).append(".png\",\"label\":").append(y[i])
          .append(",\"corruption\":\"").append(i % 2 == 0 ? "fog" : "snow").append("\",\"severity\":").append(1 + i % 3).append('}');
    }
    AtomicFiles.writeString(d.resolve("manifest.json"),
        "{\"name\":\"" + name + "\",\"logit_scale\":100.0,\"items\":[" + items + "]" + manifestExtra + "}");
    return d;
  }

  @Test
  void calibrateOnBareNpyFilesPrintsJsonAndWritesFiles(@TempDir Path dir) throws Exception {
    int[] y = new int[500];
    Npy.write(dir.resolve("z.npy"), logits(500, 10, 1, y, false));
    writeInt32(dir.resolve("y.npy"), y);
    Run r = run("calibrate", "--logits", dir.resolve("z.npy").toString(), "--labels", dir.resolve("y.npy").toString(),
        "--bins", "10", "--calib-fraction", "1", "--out", dir.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(10, j.get("params").get("bins").asInt());
    assertEquals(500, j.get("table").get(0).get("n").asInt());
    assertTrue(j.get("temperature").get("temperature").asDouble() > 0.5);
    assertTrue(Files.exists(dir.resolve("out/calibration.json")));
    assertTrue(Files.readString(dir.resolve("out/calibration.csv")).lines().count() == 2);
    assertEquals(500, Npy.read(dir.resolve("out/z.confidence.npy")).size());
  }

  @Test
  void calibrateOverRunsWithShiftAndGroups(@TempDir Path dir) throws Exception {
    Path id = runFolder(dir, "val", 400, 2, false, "");
    Path sh = runFolder(dir, "val-c", 300, 3, false, "");
    Run r = run("calibrate", "--run", id.toString(), "--shift-run", sh.toString(), "--group-by", "corruption,severity",
        "--seed", "3", "--out", dir.resolve("o").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(2, j.get("table").size());
    assertEquals("val-c", j.get("table").get(1).get("set").asText());
    assertEquals(200, j.get("split").get("calibrationRows").asInt());
    assertTrue(j.get("groups").size() >= 12, "6 groups per set (2 corruptions x 3 severities)");
    assertTrue(Files.readString(dir.resolve("o/reliability.csv")).contains("val-c,after,equal_mass"));
  }

  @Test
  void oodOnArraysAndRuns(@TempDir Path dir) throws Exception {
    int[] y = new int[300];
    Npy.write(dir.resolve("id.npy"), logits(300, 10, 4, y, false));
    Npy.write(dir.resolve("ood.npy"), logits(200, 10, 5, new int[200], true));
    Run r = run("ood", "--id-logits", dir.resolve("id.npy").toString(), "--ood-logits", dir.resolve("ood.npy").toString(),
        "--scores", "msp,energy", "--out", dir.resolve("o").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode res = Json.mapper().readTree(r.out()).get("results").get(0);
    assertEquals(2, res.get("scores").size());
    assertTrue(res.get("scores").get(0).get("metrics").get("auroc").asDouble() > 0.7);
    assertTrue(Files.exists(dir.resolve("o/ood.msp.roc.csv")));
    assertEquals(200, Npy.read(dir.resolve("o/ood.energy.ood_scores.npy")).size());

    Path idRun = runFolder(dir, "val", 300, 4, false, "");
    Path oodRun = runFolder(dir, "noise", 200, 5, true, "");
    Run r2 = run("ood", "--id-run", idRun.toString(), "--ood-run", oodRun.toString(), "--tau", "0.5");
    assertEquals(0, r2.code(), r2.err());
    JsonNode res2 = Json.mapper().readTree(r2.out()).get("results").get(0);
    assertEquals(0.5, res2.get("params").get("tau").asDouble());
    assertEquals("noise", res2.get("oodSet").asText());
    assertEquals(4, res2.get("scores").size());
  }

  @Test
  void shiftWithSubsetFileAndAccuracyTable(@TempDir Path dir) throws Exception {
    Path id = runFolder(dir, "val", 300, 6, false, "");
    Path sh = runFolder(dir, "sketch", 200, 7, false, "");
    Path subset = dir.resolve("subset.txt");
    Files.writeString(subset, "# all ten classes\n0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n");
    Path table = dir.resolve("acc.csv");
    Files.writeString(table, "model,val,sketch\nA,50,30\nB,60,38\nC,70,47\nD,80,60\n");
    Run r = run("shift", "--id-run", id.toString(), "--shift-run", sh.toString(), "--class-subset", subset.toString(),
        "--accuracy-table", table.toString(), "--model", "mine", "--out", dir.resolve("o").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(10, j.get("shifts").get(0).get("classesUsed").asInt());
    JsonNode er = j.get("effectiveRobustness").get(0);
    assertEquals("sketch", er.get("shiftSetting").asText());
    assertEquals(5, er.get("models").size(), "4 baselines + this model");
    assertEquals("mine", er.get("models").get(4).get("model").asText());
    assertTrue(Files.readString(dir.resolve("o/effective_robustness.csv")).contains("mine"));

    Path b1 = runFolder(dir, "b1-val", 200, 8, false, "");
    Path b1s = runFolder(dir, "b1-sketch", 200, 9, true, "");
    Path b2 = runFolder(dir, "b2-val", 200, 10, false, "");
    Path b2s = runFolder(dir, "b2-sketch", 200, 11, false, "");
    Run br = run("shift", "--id-run", id.toString(), "--shift-run", sh.toString(),
        "--baseline-run", "b1=" + b1 + "," + b1s, "--baseline-run", "b2=" + b2 + "," + b2s);
    assertEquals(0, br.code(), br.err());
    JsonNode ber = Json.mapper().readTree(br.out()).get("effectiveRobustness").get(0);
    assertEquals(2, ber.get("logitFit").get("n").asInt());
    assertEquals("this model", ber.get("models").get(2).get("model").asText());

    Run t = run("shift", "--accuracy-table", table.toString());
    assertEquals(0, t.code(), t.err());
    assertEquals(4, Json.mapper().readTree(t.out()).get("effectiveRobustness").get(0).get("models").size());
  }

  @Test
  void badFilesGiveOneLineErrors(@TempDir Path dir) {
    int[] y = new int[50];
    Npy.write(dir.resolve("z.npy"), logits(50, 10, 1, y, false));
    Npy.write(dir.resolve("y.npy"), new int[49]);
    Npy.write(dir.resolve("yf.npy"), new double[50]);
    Npy.write(dir.resolve("v.npy"), new double[50]);
    double[][] nan = new double[5][3];
    nan[2][1] = Double.NaN;
    Npy.write(dir.resolve("nan.npy"), nan);
    Run a = run("calibrate", "--logits", dir.resolve("z.npy").toString(), "--labels", dir.resolve("y.npy").toString());
    assertEquals(2, a.code());
    assertTrue(a.err().contains("mismatched lengths") && a.err().contains("y.npy"), a.err());
    Run b = run("calibrate", "--logits", dir.resolve("z.npy").toString(), "--labels", dir.resolve("yf.npy").toString());
    assertTrue(b.err().contains("expected int32 or int64 labels") && b.err().contains("<f8"), b.err());
    Run c = run("calibrate", "--logits", dir.resolve("v.npy").toString(), "--labels", dir.resolve("y.npy").toString());
    assertTrue(c.err().contains("expected a 2-D array"), c.err());
    Run d = run("ood", "--id-logits", dir.resolve("nan.npy").toString(), "--ood-logits", dir.resolve("z.npy").toString());
    assertEquals(2, d.code());
    assertTrue(d.err().contains("nan.npy") && d.err().contains("row 2"), d.err());
    Run e = run("shift", "--id-run", dir.resolve("missing").toString());
    assertTrue(e.err().contains("does not exist"), e.err());
    assertEquals(1, e.err().strip().lines().count(), "one line, no stack trace: " + e.err());
  }
}
