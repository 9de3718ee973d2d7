package io.clipwb.core.eval.calibration;

import static io.clipwb.core.io.Csv.field;
import static io.clipwb.core.io.Csv.num;


import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * The calibration report of one model (JSON via {@code core.io.Json}). {@code table} is the
 * before/after temperature-scaling table, one row per set; {@code groups} the same per group of
 * items (corruption/severity, metadata factor); {@code before}/{@code after} hold the full metrics
 * with reliability diagrams whose bins list their items; {@code samplesBefore}/{@code samplesAfter}
 * the per-sample statistics of each set (not in the JSON; written as .npy).
 */
public record CalibrationResult(
    int version,
    CalibrationParams params,
    SplitInfo split,
    TemperatureScaling.Fit temperature,
    List<SetRow> table,
    List<GroupRow> groups,
    Map<String, CalibrationMetrics> before,
    Map<String, CalibrationMetrics> after,
    @JsonIgnore Map<String, SampleStats> samplesBefore,
    @JsonIgnore Map<String, SampleStats> samplesAfter) {

  /** Format version of this JSON. */
  public static final int VERSION = 1;

  /** The calibration split, without its row lists (they follow from n, fraction and seed). */
  public record SplitInfo(int n, double fraction, long seed, int calibrationRows, int evaluationRows, boolean inSample) {}

  /** One row of the before/after table. */
  public record SetRow(
      String set, String role, int n, double accuracy,
      double eceBefore, double eceAfter, double eceImagenetXBefore, double eceImagenetXAfter,
      double adaptiveEceBefore, double adaptiveEceAfter, double mceBefore, double mceAfter,
      double nllBefore, double nllAfter, double brierBefore, double brierAfter) {
    static SetRow of(String set, String role, CalibrationMetrics b, CalibrationMetrics a) {
      return new SetRow(set, role, b.n(), b.accuracy(), b.ece(), a.ece(), b.eceImagenetX(), a.eceImagenetX(),
          b.adaptiveEce(), a.adaptiveEce(), b.mce(), a.mce(), b.nll(), a.nll(), b.brier(), a.brier());
    }
  }

  /** One group of a set (e.g. "gaussian_noise/3"), before and after T; rows = its items. */
  public record GroupRow(
      String set, String group, int n, double accuracy, double eceBefore, double eceAfter,
      double nllBefore, double nllAfter, double brierBefore, double brierAfter, int[] rows) {
    static GroupRow of(String set, String group, CalibrationMetrics b, CalibrationMetrics a, int[] rows) {
      return new GroupRow(set, group, b.n(), b.accuracy(), b.ece(), a.ece(), b.nll(), a.nll(), b.brier(), a.brier(), rows);
    }
  }

  /** The result without reliability items, group rows or per-sample data (for stdout). */
  public CalibrationResult summary() {
    Map<String, CalibrationMetrics> b = new java.util.LinkedHashMap<>();
    Map<String, CalibrationMetrics> a = new java.util.LinkedHashMap<>();
    before.forEach((k, v) -> b.put(k, v.summary()));
    after.forEach((k, v) -> a.put(k, v.summary()));
    List<GroupRow> g = groups.stream()
        .map(r -> new GroupRow(r.set(), r.group(), r.n(), r.accuracy(), r.eceBefore(), r.eceAfter(), r.nllBefore(),
            r.nllAfter(), r.brierBefore(), r.brierAfter(), null))
        .toList();
    return new CalibrationResult(version, params, split, temperature, table, g, b, a, Map.of(), Map.of());
  }

  /** The before/after table as CSV, one line per set (and per group), with a model column. */
  public String tableCsv(String model) {
    StringBuilder sb = new StringBuilder(
        "model,set,group,role,n,accuracy,temperature,ece_before,ece_after,ece_imagenet_x_before,ece_imagenet_x_after,"
            + "adaptive_ece_before,adaptive_ece_after,mce_before,mce_after,nll_before,nll_after,brier_before,brier_after\n");
    for (SetRow r : table) {
      sb.append(String.join(",", field(model), field(r.set()), "", field(r.role()), Integer.toString(r.n()),
          num(r.accuracy()), num(temperature.temperature()), num(r.eceBefore()), num(r.eceAfter()),
          num(r.eceImagenetXBefore()), num(r.eceImagenetXAfter()), num(r.adaptiveEceBefore()), num(r.adaptiveEceAfter()),
          num(r.mceBefore()), num(r.mceAfter()), num(r.nllBefore()), num(r.nllAfter()), num(r.brierBefore()),
          num(r.brierAfter()))).append('\n');
    }
    for (GroupRow g : groups) {
      sb.append(String.join(",", field(model), field(g.set()), field(g.group()), "group", Integer.toString(g.n()),
          num(g.accuracy()), num(temperature.temperature()), num(g.eceBefore()), num(g.eceAfter()), "", "", "", "", "", "",
          num(g.nllBefore()), num(g.nllAfter()), num(g.brierBefore()), num(g.brierAfter()))).append('\n');
    }
    return sb.toString();
  }

  /**
   * Calibration under shift across models: the before/after tables of several models in one CSV
   * (one header, a model column).
   */
  public static String tableCsv(Map<String, CalibrationResult> byModel) {
    StringBuilder sb = new StringBuilder();
    boolean first = true;
    for (Map.Entry<String, CalibrationResult> e : byModel.entrySet()) {
      String t = e.getValue().tableCsv(e.getKey());
      sb.append(first ? t : t.substring(t.indexOf('\n') + 1));
      first = false;
    }
    return sb.toString();
  }

}
