package io.clipwb.app.view;

import io.clipwb.app.drill.DrillRequest;
import io.clipwb.app.state.Workbench;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up of the cross-model view tests (scatter, factors, shift): the cross run made before
 * the stage starts (it takes longer than TestFX's set-up timeout), the view alone over a workbench
 * holding that run and its report, the drill requests it sends collected in {@link #drills}.
 */
public abstract class CrossViewFxBase extends FxViewTest {
  /** The drill requests the view sent. */
  protected final List<DrillRequest> drills = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void makeCrossRun() {
    SampleRun.crossReport();
  }

  /** Shows the view {@code make} builds over the cross run's workbench, {@code width} × {@code height} (FX thread). */
  protected <V extends Parent> V showCross(Stage stage, Function<Workbench, V> make, double width, double height) {
    wb = SampleRun.crossWorkbench(drills);
    V view = make.apply(wb);
    show(stage, view, width, height);
    return view;
  }
}
