package io.clipwb.app.view.shift;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/** The distribution-shift view as a {@link WorkbenchView}: tab {@link ShiftView}, figures {@link ShiftFigures}. */
public final class ShiftViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "shift";
  }

  @Override
  public String title() {
    return "Distribution Shift";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return ShiftView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new ShiftView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    return ShiftFigures.write(ctx.report(), ctx.runs(), ctx.out(), ctx.formats(), ctx.style(), ctx.cancel());
  }
}
