package io.clipwb.app.view.scatter;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import io.clipwb.core.eval.shift.AccuracyTable;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/**
 * The cross-model scatter and effective robustness as a {@link WorkbenchView}: tab {@link ScatterView},
 * figures {@link ScatterFigures}. Options of {@code clipwb figures}: {@code scatter_x}, {@code scatter_y}
 * (metric keys, e.g. {@code acc/test}, {@code acc/mean_shift}, {@code ece/test}), {@code scatter_factor}
 * (a card factor), {@code accuracy_table} (CSV baseline for the ER plots), {@code probit} (true/false).
 */
public final class ScatterViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "scatter";
  }

  @Override
  public String title() {
    return "Cross-Model Scatter";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return ScatterView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new ScatterView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    String t = ctx.option("accuracy_table");
    AccuracyTable table = t == null ? null : AccuracyTable.read(Path.of(t));
    return ScatterFigures.write(ctx.report(), ctx.out(), ctx.formats(), ctx.style(), ctx.option("scatter_x"), ctx.option("scatter_y"),
        ctx.option("scatter_factor"), table, ctx.flag("probit", false), ctx.cancel());
  }
}
