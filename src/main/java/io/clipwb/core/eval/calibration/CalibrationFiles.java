package io.clipwb.core.eval.calibration;

import static io.clipwb.core.io.Csv.field;
import static io.clipwb.core.io.Csv.num;

import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.io.Npy;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link CalibrationResult} as files a researcher opens in one line of Python:
 * {@code calibration.json} (everything), {@code calibration.csv} (before/after table per set and
 * group), {@code reliability.csv} (every bin of every diagram) and per-sample arrays
 * {@code <set>.{rows,labels,predicted,confidence,confidence_after_t,nll,nll_after_t}.npy} so a bin
 * can be turned back into its images.
 */
public final class CalibrationFiles {
  private CalibrationFiles() {}

  public static void write(CalibrationResult res, Path out) {
    ResultFiles.json(out, "calibration.json", res);
    ResultFiles.text(out, "calibration.csv", res.tableCsv(""));
    StringBuilder rel = new StringBuilder("set,stage,binning,bin,lower,upper,count,mean_confidence,accuracy,gap\n");
    res.before().forEach((set, m) -> {
      reliability(rel, set, "before", "equal_width", m.reliability());
      reliability(rel, set, "before", "equal_mass", m.adaptiveReliability());
      reliability(rel, set, "after", "equal_width", res.after().get(set).reliability());
      reliability(rel, set, "after", "equal_mass", res.after().get(set).adaptiveReliability());
    });
    ResultFiles.text(out, "reliability.csv", rel.toString());
    for (String set : res.samplesBefore().keySet()) {
      SampleStats b = res.samplesBefore().get(set);
      SampleStats a = res.samplesAfter().get(set);
      String s = ResultFiles.safe(set);
      Npy.write(out.resolve(s + ".rows.npy"), b.ids());
      Npy.write(out.resolve(s + ".labels.npy"), b.labels());
      Npy.write(out.resolve(s + ".predicted.npy"), b.predicted());
      Npy.write(out.resolve(s + ".confidence.npy"), b.confidence());
      Npy.write(out.resolve(s + ".confidence_after_t.npy"), a.confidence());
      Npy.write(out.resolve(s + ".nll.npy"), b.nll());
      Npy.write(out.resolve(s + ".nll_after_t.npy"), a.nll());
    }
  }

  private static void reliability(StringBuilder sb, String set, String stage, String binning, List<ReliabilityBin> bins) {
    for (ReliabilityBin b : bins) {
      sb.append(String.join(",", field(set), stage, binning, Integer.toString(b.index()), num(b.lower()),
          num(b.upper()), Integer.toString(b.count()), num(b.meanConfidence()),
          num(b.accuracy()), num(b.gap()))).append('\n');
    }
  }
}
