package io.clipwb.core.eval.shift;

import static io.clipwb.core.io.Csv.field;
import static io.clipwb.core.io.Csv.num;

import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.io.Npy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes shift results: {@code shift.json}, {@code shift.csv} (accuracy per set, with the class
 * subset used), {@code effective_robustness.csv} (one row per model and setting, logit and probit
 * fits) and per-set {@code <set>.{rows,predicted}.npy} for drill-down.
 */
public final class ShiftFiles {
  private ShiftFiles() {}

  public static final String ER_HEADER = "id_setting,shift_setting,model,id_accuracy,shift_accuracy,fitted_logit,er_logit,"
      + "fitted_probit,er_probit,logit_slope,logit_intercept,probit_slope,probit_intercept";

  public static void write(ShiftAccuracy.Result id, List<ShiftAccuracy.Result> shifts, List<EffectiveRobustness.Result> ers, Path out) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("version", 1);
    if (id != null) all.put("id", id);
    all.put("shifts", shifts);
    all.put("effectiveRobustness", ers);
    ResultFiles.json(out, "shift.json", all);
    StringBuilder sb = new StringBuilder("set,role,class_subset,classes_used,n,unlabelled,correct,accuracy\n");
    List<ShiftAccuracy.Result> rows = new ArrayList<>();
    if (id != null) rows.add(id);
    rows.addAll(shifts);
    for (ShiftAccuracy.Result r : rows) {
      sb.append(String.join(",", field(r.set()), r == id ? "id" : "shift", field(r.classSubset()),
          Integer.toString(r.classesUsed()), Integer.toString(r.n()), Integer.toString(r.unlabelled()),
          Integer.toString(r.nCorrect()), num(r.accuracy()))).append('\n');
      String b = ResultFiles.safe(r.set());
      Npy.write(out.resolve(b + ".rows.npy"), r.ids());
      Npy.write(out.resolve(b + ".predicted.npy"), r.predicted());
    }
    ResultFiles.text(out, "shift.csv", sb.toString());
    if (!ers.isEmpty()) ResultFiles.text(out, "effective_robustness.csv", erCsv(ers));
  }

  /** The effective-robustness table, one row per (setting, model). */
  public static String erCsv(List<EffectiveRobustness.Result> ers) {
    StringBuilder e = new StringBuilder(ER_HEADER).append('\n');
    for (EffectiveRobustness.Result r : ers) {
      for (EffectiveRobustness.ModelEr m : r.models()) {
        e.append(String.join(",", field(r.idSetting()), field(r.shiftSetting()), field(m.model()),
            num(m.idAccuracy()), num(m.shiftAccuracy()), num(m.fittedLogit()), num(m.erLogit()),
            num(m.fittedProbit()), num(m.erProbit()), num(r.logitFit().slope()), num(r.logitFit().intercept()),
            num(r.probitFit().slope()), num(r.probitFit().intercept()))).append('\n');
      }
    }
    return e.toString();
  }
}
