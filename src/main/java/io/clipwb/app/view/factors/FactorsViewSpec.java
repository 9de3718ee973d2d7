package io.clipwb.app.view.factors;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/**
 * The visual-factor view as a {@link WorkbenchView}: tab {@link FactorsView}, figures
 * {@link FactorsFigures}. Options of {@code clipwb figures}: {@code factors_annotations} (an
 * ImageNet-X JSONL; default: the runs' manifest factor columns), {@code factors_set} (default: the
 * in-distribution set), {@code factors_group} (a card factor grouping the fits).
 */
public final class FactorsViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "factors";
  }

  @Override
  public String title() {
    return "Visual Factors (ImageNet-X)";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return FactorsView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new FactorsView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    String a = ctx.option("factors_annotations");
    FactorData.Source src = a == null ? FactorData.Source.manifest() : FactorData.Source.imagenetX(Path.of(a));
    return FactorsFigures.write(ctx.report(), ctx.runs(), ctx.out(), ctx.formats(), ctx.style(), ctx.option("factors_set"), src,
        ctx.option("factors_group"), ctx.cancel());
  }
}
