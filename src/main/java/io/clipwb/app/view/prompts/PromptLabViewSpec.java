package io.clipwb.app.view.prompts;

import io.clipwb.app.state.Workbench;
import io.clipwb.app.view.FigureContext;
import io.clipwb.app.view.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;

/**
 * The prompt lab as a {@link WorkbenchView}. It has no figure of its own (its result is a table
 * and depends on the prompts typed in), so {@code clipwb figures} writes nothing for it.
 */
public final class PromptLabViewSpec implements WorkbenchView {
  @Override
  public String id() {
    return "prompts";
  }

  @Override
  public String title() {
    return "Prompt Lab";
  }

  @Override
  public Class<? extends Node> nodeType() {
    return PromptLabView.class;
  }

  @Override
  public Node create(Workbench wb) {
    return new PromptLabView(wb);
  }

  @Override
  public List<Path> writeFigures(FigureContext ctx) {
    return List.of();
  }
}
