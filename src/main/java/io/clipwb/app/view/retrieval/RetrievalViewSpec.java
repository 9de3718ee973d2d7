package io.clipwb.app.view.retrieval;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/** Image–text retrieval as a {@link WorkbenchView}: tab {@link RetrievalView}, figures {@link RetrievalFigures}. */
public final class RetrievalViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "retrieval";
  }

  @Override
  public String title() {
    return "Retrieval";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return RetrievalView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new RetrievalView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    return RetrievalFigures.write(ctx.report(), ctx.out(), ctx.formats(), ctx.style(), ctx.cancel());
  }
}
