package io.clipwb.app.view.reliability;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/** The reliability diagram as a {@link WorkbenchView}: tab {@link ReliabilityView}, figures {@link ReliabilityFigures}. */
public final class ReliabilityViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "reliability";
  }

  @Override
  public String title() {
    return "Reliability Diagram";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return ReliabilityView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new ReliabilityView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    return ReliabilityFigures.write(ctx.report(), ctx.project().idSet().name(), ctx.out(), ctx.formats(), ctx.style(),
        ctx.flag("adaptive", false), ctx.cancel());
  }
}
