package io.clipwb.app.view.corruption;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/** The corruption view as a {@link WorkbenchView}: tab {@link CorruptionView}, figures {@link CorruptionFigures}. */
public final class CorruptionViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "corruption";
  }

  @Override
  public String title() {
    return "Corruptions (2D / 3D)";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return CorruptionView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new CorruptionView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    String baseline = ctx.option("baseline_csv");
    return CorruptionFigures.write(ctx.report(), ctx.runs(), ctx.out(), ctx.formats(), ctx.style(), ctx.option("colour_by"),
        baseline == null ? null : Path.of(baseline), ctx.cancel());
  }
}
