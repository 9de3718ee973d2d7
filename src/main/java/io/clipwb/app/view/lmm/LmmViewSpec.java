package io.clipwb.app.view.lmm;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/** LLaVA (any LMM) vs CLIP per class as a {@link WorkbenchView}: tab {@link LmmView}, figures {@link LmmFigures}. */
public final class LmmViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "lmm";
  }

  @Override
  public String title() {
    return "LMM vs CLIP per Class";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return LmmView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new LmmView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    String t = ctx.option("hard_threshold");
    return LmmFigures.write(ctx.project(), ctx.runs(), ctx.out(), ctx.formats(), ctx.style(), t == null ? 0.5 : Double.parseDouble(t),
        ctx.cancel());
  }
}
