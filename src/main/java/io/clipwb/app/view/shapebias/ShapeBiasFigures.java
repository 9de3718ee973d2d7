package io.clipwb.app.view.shapebias;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.eval.shapebias.ShapeBias;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape-bias plots of a project report, written headless for {@code clipwb figures}:
 * {@code shape-bias/<cue-conflict set>.<ext>}, every model of the report plus the humans when
 * model-vs-human CSVs are given ({@code --option mvh_csv=PATH[,PATH...]}); {@code --option
 * color_by=FACTOR} colours models by a factor ({@code card_loss}, {@code tower}, ...), {@code
 * --option mapping=project|direct-16|imagenet-1000-mean} picks the 16-class decision. The figure is
 * taller than the style's height by its legend, and at least 95 mm for the 16 category rows.
 */
public final class ShapeBiasFigures {
  private static final Logger LOG = LoggerFactory.getLogger(ShapeBiasFigures.class);

  private ShapeBiasFigures() {}

  /** Writes the figures and returns the files written (none when the project has no cue-conflict set). */
  public static List<Path> write(ProjectReport report, Path runs, Path out, List<FigureFormat> formats, FigureStyle style,
      List<Path> mvhCsv, String factor, ShapeBiasData.Mapping mapping, Cancellation cancel) {
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    List<Path> written = new ArrayList<>();
    List<String> sets = ShapeBiasData.cueConflictSets(report);
    if (sets.isEmpty()) return written;
    ShapeBias.Result humans = null;
    if (mvhCsv != null && !mvhCsv.isEmpty()) {
      List<String> problems = new ArrayList<>();
      humans = ShapeBiasData.humans(mvhCsv, problems, c);
      problems.forEach(p -> LOG.warn("human data: {}", p));
    }
    List<String> models = report.models().stream().map(ProjectReport.ModelReport::model).toList();
    for (String set : sets) {
      c.check();
      ShapeBiasData.Data data = ShapeBiasData.compute(report, runs, set, models, mapping, factor, humans, c);
      data.problems().forEach(p -> LOG.warn("shape bias on {}: {}", set, p));
      if (data.series().isEmpty()) continue;
      FigureStyle tall = tall(style, data.series().size());
      String title = "Shape bias on " + set;
      written.addAll(FigureExport.writeAll(ShapeBiasChart.create(title, data, tall),
          out.resolve("shape-bias").resolve(FigureExport.safeName(set)), formats, tall));
    }
    return written;
  }

  /** The style made tall enough for 16 category rows and a legend of {@code series} lines. */
  static FigureStyle tall(FigureStyle style, int series) {
    double h = Math.max(style.heightMm(), 95) + ShapeBiasChart.legendMm(series, style);
    return new FigureStyle(style.widthMm(), Math.min(2000, h), style.dpi(), style.fontFamily(), style.fontSizePt());
  }

  /** Splits an {@code mvh_csv} option ("a.csv,b.csv" or the platform's path separator) into paths. */
  static List<Path> paths(String option) {
    List<Path> out = new ArrayList<>();
    if (option == null || option.isBlank()) return out;
    for (String s : option.split("[," + java.util.regex.Pattern.quote(java.io.File.pathSeparator) + "]")) {
      if (!s.isBlank()) out.add(Path.of(s.strip()));
    }
    return out;
  }
}
