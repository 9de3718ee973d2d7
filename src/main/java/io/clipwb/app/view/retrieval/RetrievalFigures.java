package io.clipwb.app.view.retrieval;

import io.clipwb.app.export.FigureExport;
import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The retrieval figures of a project report, headless (what {@code clipwb figures} runs):
 * {@code retrieval/<set>_image_to_text.<ext>} and {@code retrieval/<set>_text_to_image.<ext>}, Recall@1/5/10
 * per model, for every caption set the report scored. A report without caption sets writes nothing.
 */
public final class RetrievalFigures {
  private RetrievalFigures() {}

  public static List<Path> write(ProjectReport report, Path out, List<FigureFormat> formats, FigureStyle style, Cancellation cancel) {
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    List<Path> written = new ArrayList<>();
    for (String set : RetrievalChart.sets(report)) {
      List<ProjectReport.ModelReport> models = RetrievalChart.modelsWith(report, set);
      for (RetrievalChart.Direction d : RetrievalChart.Direction.values()) {
        c.check();
        String name = FigureExport.safeName(set) + "_" + d.name().toLowerCase(java.util.Locale.ROOT);
        written.addAll(FigureExport.writeAll(RetrievalChart.create(set, d, models, style), out.resolve("retrieval").resolve(name),
            formats, style));
      }
    }
    return written;
  }
}
