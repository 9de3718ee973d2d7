package io.clipwb.app.view.shapebias;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/**
 * The cue-conflict view as a {@link WorkbenchView}: tab {@link ShapeBiasView}, figures
 * {@link ShapeBiasFigures} with the options {@code mvh_csv}, {@code color_by} and {@code mapping}.
 */
public final class ShapeBiasViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "shape-bias";
  }

  @Override
  public String title() {
    return "Cue Conflict (Shape Bias)";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return ShapeBiasView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new ShapeBiasView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    String mapping = ctx.option("mapping");
    String factor = ctx.option("color_by");
    return ShapeBiasFigures.write(ctx.report(), ctx.runs(), ctx.out(), ctx.formats(), ctx.style(),
        ShapeBiasFigures.paths(ctx.option("mvh_csv")), factor == null ? ShapeBiasData.NO_FACTOR : factor,
        mapping == null ? ShapeBiasData.Mapping.PROJECT : ShapeBiasData.Mapping.parse(mapping), ctx.cancel());
  }
}
