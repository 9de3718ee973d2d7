package io.clipwb.core.eval.corruption;

import io.clipwb.core.eval.calibration.Binning;
import io.clipwb.core.io.Csv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Robustness to corruptions from per-item correctness and confidence over a corrupted set.
 *
 * <p>Definitions (Hendrycks &amp; Dietterich, ICLR 2019, "Benchmarking Neural Network Robustness to
 * Common Corruptions and Perturbations"; hendrycks/robustness {@code ImageNet-C/test.py}):
 * E(c,s) = top-1 error of corruption c at severity s; corruption error
 * CE_c = Σ_s E(c,s) / Σ_s E_base(c,s) when baseline (the paper: AlexNet) errors are given, otherwise
 * the unnormalised mean over severities (labelled so in {@link Result#ceKind()}); mCE = mean of CE_c
 * over the benchmark corruptions (the 15 ImageNet-C ones; extras such as speckle_noise,
 * gaussian_blur, spatter, saturate are reported but excluded unless listed). Relative CE (needs both
 * clean errors) = Σ_s (E(c,s) − E_clean) / Σ_s (E_base(c,s) − E_base,clean). Relative robustness to
 * the clean accuracy: accuracy drop (clean − corrupted) and retention (corrupted / clean), both per
 * corruption (mean over severities). ECE per cell: 15 equal-width confidence bins.
 */
public final class CorruptionEval {
  private CorruptionEval() {}

  /** ImageNet-C's held-out corruptions, excluded from mCE by default. */
  public static final Set<String> EXTRA = Set.of("speckle_noise", "gaussian_blur", "spatter", "saturate");

  /**
   * @param baselineErrors per corruption, the baseline model's error at severities 1..5 (null = none)
   * @param baselineCleanError the baseline's clean error (for relative CE; null = none)
   * @param cleanAccuracy the evaluated model's clean accuracy (null = unknown)
   * @param mceCorruptions corruptions averaged into mCE (null = all present but {@link #EXTRA})
   * @param eceBins number of equal-width confidence bins (15)
   */
  public record Params(Map<String, double[]> baselineErrors, Double baselineCleanError, Double cleanAccuracy,
      List<String> mceCorruptions, int eceBins) {
    public static Params defaults() {
      return new Params(null, null, null, null, 15);
    }
  }

  /** One corruption × severity cell with the rows (item indices) it aggregates. */
  public record Cell(String corruption, int severity, int n, double accuracy, double error, double ece,
      double meanConfidence, int[] items) {}

  /** Per corruption: mean over severities, CE, and robustness relative to clean accuracy. */
  public record CorruptionSummary(String corruption, double meanAccuracy, double meanError, double ce,
      Double relativeCe, Double accuracyDrop, Double retention, boolean inMce) {}

  /**
   * @param ceKind "normalized" (Σ E / Σ E_baseline) or "unnormalized" (mean error over severities)
   */
  public record Result(List<Cell> cells, List<CorruptionSummary> corruptions, double mce, Double relativeMce,
      String ceKind, Double cleanAccuracy, int items) {}

  /**
   * @param correct per item: top-1 correct
   * @param confidence per item: the predicted class's probability (for ECE)
   */
  public static Result compute(List<CorruptedItem> items, boolean[] correct, float[] confidence, Params p) {
    if (correct.length != items.size() || confidence.length != items.size()) {
      throw new IllegalArgumentException("per-item arrays have " + correct.length + " / " + confidence.length
          + " rows but the set has " + items.size() + " items");
    }
    Map<String, Map<Integer, List<Integer>>> groups = new TreeMap<>();
    for (int i = 0; i < items.size(); i++) {
      CorruptedItem it = items.get(i);
      groups.computeIfAbsent(it.corruption(), k -> new TreeMap<>()).computeIfAbsent(it.severity(), k -> new ArrayList<>()).add(i);
    }
    boolean normalized = p.baselineErrors() != null && !p.baselineErrors().isEmpty();
    List<Cell> cells = new ArrayList<>();
    List<CorruptionSummary> sums = new ArrayList<>();
    double mceSum = 0, rmceSum = 0;
    int mceN = 0, rmceN = 0;
    for (var e : groups.entrySet()) {
      String c = e.getKey();
      double errSum = 0, accSum = 0, baseSum = 0, relNum = 0, relDen = 0;
      int nSev = 0;
      double[] base = normalized ? p.baselineErrors().get(c) : null;
      if (normalized && base == null) {
        throw new IllegalArgumentException("baseline errors have no entry for corruption '" + c + "'");
      }
      for (var s : e.getValue().entrySet()) {
        int[] idx = s.getValue().stream().mapToInt(Integer::intValue).toArray();
        int ok = 0;
        double conf = 0;
        for (int i : idx) {
          if (correct[i]) ok++;
          conf += confidence[i];
        }
        double acc = ok / (double) idx.length;
        cells.add(new Cell(c, s.getKey(), idx.length, acc, 1 - acc, ece(idx, correct, confidence, p.eceBins()),
            conf / idx.length, idx));
        errSum += 1 - acc;
        accSum += acc;
        nSev++;
        if (base != null) {
          int si = s.getKey() - 1;
          if (si < 0 || si >= base.length || Double.isNaN(base[si])) {
            throw new IllegalArgumentException("baseline errors for '" + c + "' lack severity " + s.getKey());
          }
          baseSum += base[si];
          if (p.cleanAccuracy() != null && p.baselineCleanError() != null) {
            relNum += (1 - acc) - (1 - p.cleanAccuracy());
            relDen += base[si] - p.baselineCleanError();
          }
        }
      }
      double meanAcc = accSum / nSev, meanErr = errSum / nSev;
      double ce = normalized ? errSum / baseSum : meanErr;
      Double rce = normalized && p.cleanAccuracy() != null && p.baselineCleanError() != null ? relNum / relDen : null;
      boolean inMce = p.mceCorruptions() != null ? p.mceCorruptions().contains(c) : !EXTRA.contains(c);
      Double drop = p.cleanAccuracy() == null ? null : p.cleanAccuracy() - meanAcc;
      Double ret = p.cleanAccuracy() == null || p.cleanAccuracy() == 0 ? null : meanAcc / p.cleanAccuracy();
      sums.add(new CorruptionSummary(c, meanAcc, meanErr, ce, rce, drop, ret, inMce));
      if (inMce) {
        mceSum += ce;
        mceN++;
        if (rce != null) {
          rmceSum += rce;
          rmceN++;
        }
      }
    }
    return new Result(cells, sums, mceN == 0 ? Double.NaN : mceSum / mceN, rmceN == 0 ? null : rmceSum / rmceN,
        normalized ? "normalized" : "unnormalized", p.cleanAccuracy(), items.size());
  }

  /**
   * Expected calibration error over the given rows: the calibration package's equal-width
   * reliability diagram ({@code bins} bins, a confidence c falls in bin (lo, hi]) and its ECE,
   * Σ_b |B_b|/n · |acc(B_b) − conf(B_b)|, so corruption cells and calibration reports agree.
   */
  static double ece(int[] rows, boolean[] correct, float[] confidence, int bins) {
    double[] conf = new double[rows.length];
    boolean[] ok = new boolean[rows.length];
    for (int k = 0; k < rows.length; k++) {
      conf[k] = confidence[rows[k]];
      ok[k] = correct[rows[k]];
    }
    return Binning.ece(Binning.equalWidth(conf, ok, null, bins, false), rows.length);
  }

  /**
   * A baseline model's errors for normalised CE.
   *
   * @param errors per corruption, errors at severities 1..5 (NaN = not given), or null
   * @param cleanError the baseline's clean error, or null
   */
  public record Baseline(Map<String, double[]> errors, Double cleanError) {}

  /**
   * Reads baseline errors as robustness test beds publish them: a CSV with the header
   * {@code corruption,1,2,3,4,5}, one row per corruption (fractions, or percent when above 1; blank =
   * severity not given) and optionally a row {@code clean} with the clean error in column {@code 1}.
   * Errors name the file and line.
   */
  public static Baseline readBaseline(java.nio.file.Path file) {
    Map<String, double[]> base = new LinkedHashMap<>();
    Double clean = null;
    Csv.Table t = Csv.readRagged(file, ',');
    int name = t.requireColumn("corruption");
    for (Csv.Row row : t.rows()) {
      String c = row.values().get(name).trim();
      double[] e = new double[5];
      int filled = 0;
      for (int s = 1; s <= 5; s++) {
        int col = t.column(Integer.toString(s));
        String v = col < 0 || col >= row.values().size() ? "" : row.values().get(col).trim();
        if (v.isEmpty()) {
          e[s - 1] = Double.NaN;
          continue;
        }
        try {
          e[s - 1] = Double.parseDouble(v);
        } catch (NumberFormatException ex) {
          throw new IllegalArgumentException(file + " line " + row.line() + ": '" + v + "' (severity " + s + " of " + c + ") is not a number", ex);
        }
        if (e[s - 1] > 1) e[s - 1] /= 100; // percent
        filled++;
      }
      if (c.equalsIgnoreCase("clean")) clean = e[0];
      else if (filled == 0) throw new IllegalArgumentException(file + " line " + row.line() + ": no error values for " + c);
      else base.put(c, e);
    }
    return new Baseline(base, clean);
  }

  /** Writes {@code corruption_eval.json} (the whole result, item indices included) into {@code dir}. */
  public static void write(java.nio.file.Path dir, Params params, Result r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("params", params);
    json.put("result", r);
    io.clipwb.core.io.Json.write(dir.resolve("corruption_eval.json"), json);
  }

  /** Cells as a corruption → severity → accuracy table (the heat-map view). */
  public static Map<String, Map<Integer, Double>> accuracyTable(Result r) {
    Map<String, Map<Integer, Double>> t = new LinkedHashMap<>();
    for (Cell c : r.cells()) t.computeIfAbsent(c.corruption(), k -> new TreeMap<>()).put(c.severity(), c.accuracy());
    return t;
  }
}
