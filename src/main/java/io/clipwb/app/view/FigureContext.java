package io.clipwb.app.view;

import io.clipwb.app.export.FigureFormat;
import io.clipwb.app.export.FigureStyle;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectParams;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code clipwb figures} hands every {@link WorkbenchView}: the project, its report computed
 * once from the run output, where the run folders are, the output folder, the formats and the
 * figure style. {@code options} carries view-specific command-line settings by name (e.g.
 * {@code adaptive} for the reliability diagram, {@code mvh_csv} for the shape-bias plot's human
 * data) so a new view needs no new record component.
 */
public record FigureContext(Project project, ProjectParams params, ProjectReport report, Path runs, Path out,
    List<FigureFormat> formats, FigureStyle style, Map<String, String> options, Cancellation cancel) {
  public FigureContext {
    options = Map.copyOf(options);
    formats = List.copyOf(formats);
    if (cancel == null) cancel = Cancellation.none();
  }

  /** A view's output folder: {@code out/<view id>}. */
  public Path dir(WorkbenchView v) {
    return out.resolve(v.id());
  }

  /** A boolean option ("true"/"false"), {@code def} when absent. */
  public boolean flag(String name, boolean def) {
    String s = options.get(name);
    return s == null ? def : Boolean.parseBoolean(s);
  }

  /** A string option, or null when absent. */
  public String option(String name) {
    return options.get(name);
  }
}
