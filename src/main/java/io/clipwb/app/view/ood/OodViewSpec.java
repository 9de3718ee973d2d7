package io.clipwb.app.view.ood;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/** The OOD-detection view as a {@link WorkbenchView}: tab {@link OodView}, figures {@link OodFigures}. */
public final class OodViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "ood";
  }

  @Override
  public String title() {
    return "OOD Detection";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return OodView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new OodView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    return OodFigures.write(ctx.report(), ctx.out(), ctx.formats(), ctx.style(), ctx.cancel());
  }
}
