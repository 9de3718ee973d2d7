package io.clipwb.core.eval.ood;

import static io.clipwb.core.io.Csv.field;
import static io.clipwb.core.io.Csv.num;

import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.io.Npy;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes OOD results: {@code ood.json}, {@code ood.csv} (one row per OOD set and score, both FPR
 * conventions labelled), {@code <set>.<score>.roc.csv} and the per-image scores
 * {@code <set>.<score>.{id,ood}_scores.npy} (rows in run order) for drill-down.
 */
public final class OodFiles {
  private OodFiles() {}

  /** The header of {@link #csvRows}. */
  public static final String CSV_HEADER = "id_set,ood_set,score,n_id,n_ood,id_accuracy,auroc,aupr_in,aupr_out,fpr_openood,"
      + "threshold_openood,fpr_id_positive,threshold_id_positive,tpr_level";

  public static void write(List<OodResult> results, Path out) {
    ResultFiles.json(out, "ood.json", results);
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (OodResult r : results) {
      sb.append(csvRows(r, ""));
      String base = ResultFiles.safe(r.oodSet());
      for (OodResult.PerScore s : r.scores()) {
        Npy.write(out.resolve(base + "." + s.score().key() + ".id_scores.npy"), s.idScores());
        Npy.write(out.resolve(base + "." + s.score().key() + ".ood_scores.npy"), s.oodScores());
        StringBuilder roc = new StringBuilder("fpr_id_flagged,tpr_ood_flagged,threshold\n");
        OodMetrics.Roc c = s.roc();
        for (int i = 0; i < c.fpr().length; i++) {
          roc.append(num(c.fpr()[i])).append(',').append(num(c.tpr()[i])).append(',').append(num(c.threshold()[i])).append('\n');
        }
        ResultFiles.text(out, base + "." + s.score().key() + ".roc.csv", roc.toString());
      }
    }
    ResultFiles.text(out, "ood.csv", sb.toString());
  }

  /**
   * The CSV rows of one result (one per score), each prefixed with {@code prefix} (e.g. a model
   * column "name,"; empty for none).
   */
  public static String csvRows(OodResult r, String prefix) {
    StringBuilder sb = new StringBuilder();
    for (OodResult.PerScore s : r.scores()) {
      OodMetrics.Metrics m = s.metrics();
      sb.append(prefix).append(String.join(",", field(r.idSet()), field(r.oodSet()), s.score().key(),
          Integer.toString(m.nId()), Integer.toString(m.nOod()), num(r.idAccuracy()), num(m.auroc()),
          num(m.auprIn()), num(m.auprOut()), num(m.fprOpenOod()), num(m.thresholdOpenOod()), num(m.fprIdPositive()),
          num(m.thresholdIdPositive()), num(m.tprLevel()))).append('\n');
    }
    return sb.toString();
  }
}
