package io.clipwb.app.catalog;

import io.clipwb.app.view.WorkbenchView;
import io.clipwb.app.view.corruption.CorruptionViewSpec;
import io.clipwb.app.view.factors.FactorsViewSpec;
import io.clipwb.app.view.lmm.LmmViewSpec;
import io.clipwb.app.view.ood.OodViewSpec;
import io.clipwb.app.view.prompts.PromptLabViewSpec;
import io.clipwb.app.view.reliability.ReliabilityViewSpec;
import io.clipwb.app.view.retrieval.RetrievalViewSpec;
import io.clipwb.app.view.scatter.ScatterViewSpec;
import io.clipwb.app.view.shapebias.ShapeBiasViewSpec;
import io.clipwb.app.view.shift.ShiftViewSpec;
import java.util.List;
import java.util.Optional;

/**
 * The workbench's views in View-menu order (Ctrl+1, Ctrl+2, … follow this order). One line per
 * view: the shell and {@code clipwb figures} read this list and nothing else.
 */
public final class Views {
  private Views() {}

  public static final List<WorkbenchView> ALL = List.of(
      new ReliabilityViewSpec(),
      new ShiftViewSpec(),
      new ScatterViewSpec(),
      new FactorsViewSpec(),
      new OodViewSpec(),
      new ShapeBiasViewSpec(),
      new CorruptionViewSpec(),
      new LmmViewSpec(),
      new RetrievalViewSpec(),
      new PromptLabViewSpec());

  /** The view with this id. */
  public static Optional<WorkbenchView> byId(String id) {
    return ALL.stream().filter(v -> v.id().equals(id)).findFirst();
  }
}
