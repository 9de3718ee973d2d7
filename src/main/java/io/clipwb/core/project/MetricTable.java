package io.clipwb.core.project;

import io.clipwb.core.eval.calibration.CalibrationResult;
import io.clipwb.core.eval.corruption.CorruptionEval;
import io.clipwb.core.eval.ood.OodMetrics;
import io.clipwb.core.eval.ood.OodResult;
import io.clipwb.core.eval.retrieval.Retrieval;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.eval.shift.EffectiveRobustness;
import io.clipwb.core.eval.shift.ShiftAccuracy;
import io.clipwb.core.model.ModelCard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cross-model metric table of a project report: one row per model, one column per typed metric
 * (accuracy per set, calibration before/after temperature scaling, OOD detection per set and score,
 * effective robustness, mean corruption error, shape bias, image–text Recall@1/5/10 both ways), with each model's factors — the six of
 * its model card and the free-form ones of {@code project.json}. It is what a scatter plot of any
 * metric against any other, coloured by any factor, needs; {@code summary.csv} is this table
 * written out.
 *
 * <p>The columns are the union over all models, in a fixed order (the order of the kinds below,
 * then first appearance). A model without a value (its run of that set is missing) has NaN.
 *
 * @param models model names, row order
 * @param metrics the columns
 * @param values models x metrics
 * @param factors each model's factors, row order
 */
public record MetricTable(List<String> models, List<Metric> metrics, double[][] values, List<ModelFactors> factors) {

  /** What a metric measures; {@link #prefix} starts its key and its {@code summary.csv} column. */
  public enum Kind {
    ACCURACY("acc", "accuracy"),
    TEMPERATURE("temperature", "fitted temperature"),
    ECE("ece", "ECE"),
    ECE_AFTER_T("ece_after_t", "ECE after temperature scaling"),
    NLL("nll", "NLL"),
    NLL_AFTER_T("nll_after_t", "NLL after temperature scaling"),
    AUROC("auroc", "AUROC"),
    FPR95_OPENOOD("fpr95_openood", "FPR@95 (OpenOOD)"),
    FPR95_ID_POSITIVE("fpr95_id_positive", "FPR@95 (ID positive)"),
    ER_LOGIT("er_logit", "effective robustness (logit fit)"),
    ER_PROBIT("er_probit", "effective robustness (probit fit)"),
    MEAN_CE("mean_ce", "mean corruption error"),
    SHAPE_BIAS("shape_bias", "shape bias"),
    FRACTION_CORRECT_SHAPE("fraction_correct_shape", "fraction of shape decisions"),
    FRACTION_CORRECT_TEXTURE("fraction_correct_texture", "fraction of texture decisions"),
    RETRIEVAL_I2T_R1("retrieval_i2t_r1", "image→text Recall@1"),
    RETRIEVAL_I2T_R5("retrieval_i2t_r5", "image→text Recall@5"),
    RETRIEVAL_I2T_R10("retrieval_i2t_r10", "image→text Recall@10"),
    RETRIEVAL_T2I_R1("retrieval_t2i_r1", "text→image Recall@1"),
    RETRIEVAL_T2I_R5("retrieval_t2i_r5", "text→image Recall@5"),
    RETRIEVAL_T2I_R10("retrieval_t2i_r10", "text→image Recall@10");

    public final String prefix;
    public final String label;

    Kind(String prefix, String label) {
      this.prefix = prefix;
      this.label = label;
    }
  }

  /**
   * One column.
   *
   * @param key {@code <prefix>/<set>[/<score>]} (e.g. {@code acc/outline}, {@code auroc/ood/mcm}), or the
   *     prefix alone for per-model values ({@code temperature})
   * @param set the data set, or null
   * @param score the OOD score key, or null
   */
  public record Metric(String key, Kind kind, String set, String score) {
    static Metric of(Kind kind, String set, String score) {
      String key = kind.prefix + (set == null ? "" : "/" + set) + (score == null ? "" : "/" + score);
      return new Metric(key, kind, set, score);
    }

    /** The {@code summary.csv} column: {@code <prefix>_<set>[_<score>]}. */
    public String column() {
      return kind.prefix + (set == null ? "" : "_" + set) + (score == null ? "" : "_" + score);
    }

    /** A name for axes and legends, e.g. "AUROC on ood (mcm)". */
    public String displayName() {
      return kind.label + (set == null ? "" : " on " + set) + (score == null ? "" : " (" + score + ")");
    }
  }

  /**
   * A model's factors.
   *
   * @param card its model card (the paper's six factors), or null when neither the run folder nor
   *     the bundle gives one
   * @param project the free-form {@code factors} of its {@code project.json} entry
   */
  public record ModelFactors(String model, ModelCard card, Map<String, String> project) {
    /** The card's six factors by {@code summary.csv} name, empty text where there is no card. */
    public Map<String, String> cardFactors() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("architecture_family", card == null ? "" : card.architectureFamily());
      m.put("architecture_name", card == null ? "" : card.architectureName());
      m.put("training_data", card == null ? "" : card.trainingData());
      m.put("training_samples", card == null ? "" : Long.toString(card.trainingSamples()));
      m.put("fine_tuning", card == null ? "" : card.fineTuning());
      m.put("loss", card == null ? "" : card.loss());
      m.put("prompts", card == null ? "" : card.prompts());
      return m;
    }
  }

  /** The value of a model's metric, NaN when missing. */
  public double value(String model, String key) {
    int r = models.indexOf(model);
    int c = column(key);
    return r < 0 || c < 0 ? Double.NaN : values[r][c];
  }

  /** The index of a metric by key, -1 when no model has it. */
  public int column(String key) {
    for (int i = 0; i < metrics.size(); i++) if (metrics.get(i).key().equals(key)) return i;
    return -1;
  }

  /** The table of a report's models. */
  static MetricTable of(List<ProjectReport.ModelReport> models, List<EffectiveRobustness.Result> ers) {
    Map<String, Metric> columns = new LinkedHashMap<>();
    List<Map<String, Double>> rows = new ArrayList<>();
    List<Map<String, Metric>> sections = new ArrayList<>();
    for (int s = 0; s < 8; s++) sections.add(new LinkedHashMap<>());
    for (ProjectReport.ModelReport m : models) {
      Map<String, Double> row = new LinkedHashMap<>();
      Emitter e = (section, kind, set, score, v) -> {
        Metric mt = Metric.of(kind, set, score);
        sections.get(section).putIfAbsent(mt.key(), mt);
        row.put(mt.key(), v);
      };
      emit(m, ers, e);
      rows.add(row);
    }
    sections.forEach(columns::putAll);
    List<Metric> metrics = List.copyOf(columns.values());
    double[][] values = new double[models.size()][metrics.size()];
    for (int r = 0; r < models.size(); r++) {
      Arrays.fill(values[r], Double.NaN);
      for (int c = 0; c < metrics.size(); c++) {
        Double v = rows.get(r).get(metrics.get(c).key());
        if (v != null) values[r][c] = v;
      }
    }
    List<ModelFactors> factors = models.stream().map(m -> new ModelFactors(m.model(), m.card(), m.factors())).toList();
    return new MetricTable(models.stream().map(ProjectReport.ModelReport::model).toList(), metrics, values, factors);
  }

  @FunctionalInterface
  private interface Emitter {
    void put(int section, Kind kind, String set, String score, double value);
  }

  private static void emit(ProjectReport.ModelReport m, List<EffectiveRobustness.Result> ers, Emitter e) {
    e.put(0, Kind.ACCURACY, m.id().set(), null, m.id().accuracy());
    for (ShiftAccuracy.Result s : m.shifts()) e.put(0, Kind.ACCURACY, s.set(), null, s.accuracy());
    e.put(1, Kind.TEMPERATURE, null, null, m.calibration().temperature().temperature());
    for (CalibrationResult.SetRow r : m.calibration().table()) {
      e.put(2, Kind.ECE, r.set(), null, r.eceBefore());
      e.put(2, Kind.ECE_AFTER_T, r.set(), null, r.eceAfter());
      e.put(2, Kind.NLL, r.set(), null, r.nllBefore());
      e.put(2, Kind.NLL_AFTER_T, r.set(), null, r.nllAfter());
    }
    for (OodResult o : m.ood()) {
      for (OodResult.PerScore s : o.scores()) {
        OodMetrics.Metrics mm = s.metrics();
        e.put(3, Kind.AUROC, o.oodSet(), s.score().key(), mm.auroc());
        e.put(3, Kind.FPR95_OPENOOD, o.oodSet(), s.score().key(), mm.fprOpenOod());
        e.put(3, Kind.FPR95_ID_POSITIVE, o.oodSet(), s.score().key(), mm.fprIdPositive());
      }
    }
    for (EffectiveRobustness.Result r : ers) {
      EffectiveRobustness.ModelEr x = r.models().stream().filter(v -> v.model().equals(m.model())).findFirst().orElse(null);
      e.put(4, Kind.ER_LOGIT, r.shiftSetting(), null, x == null ? Double.NaN : x.erLogit());
      e.put(4, Kind.ER_PROBIT, r.shiftSetting(), null, x == null ? Double.NaN : x.erProbit());
    }
    for (Map.Entry<String, CorruptionEval.Result> c : m.corruption().entrySet()) {
      e.put(5, Kind.MEAN_CE, c.getKey(), null, c.getValue().mce());
    }
    for (Map.Entry<String, ShapeBias.Result> b : m.shapeBias().entrySet()) {
      e.put(6, Kind.SHAPE_BIAS, b.getKey(), null, b.getValue().shapeBias());
      e.put(6, Kind.FRACTION_CORRECT_SHAPE, b.getKey(), null, b.getValue().fractionCorrectShape());
      e.put(6, Kind.FRACTION_CORRECT_TEXTURE, b.getKey(), null, b.getValue().fractionCorrectTexture());
    }
    // last, so that the columns of a report without retrieval are unchanged
    for (Map.Entry<String, ProjectRetrieval.Eval> r : m.retrieval().entrySet()) {
      Retrieval.Result x = r.getValue().result();
      e.put(7, Kind.RETRIEVAL_I2T_R1, r.getKey(), null, x.imageToText().recallAt(1));
      e.put(7, Kind.RETRIEVAL_I2T_R5, r.getKey(), null, x.imageToText().recallAt(5));
      e.put(7, Kind.RETRIEVAL_I2T_R10, r.getKey(), null, x.imageToText().recallAt(10));
      e.put(7, Kind.RETRIEVAL_T2I_R1, r.getKey(), null, x.textToImage().recallAt(1));
      e.put(7, Kind.RETRIEVAL_T2I_R5, r.getKey(), null, x.textToImage().recallAt(5));
      e.put(7, Kind.RETRIEVAL_T2I_R10, r.getKey(), null, x.textToImage().recallAt(10));
    }
  }
}
