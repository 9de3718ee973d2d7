package io.clipwb.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Control bars keep still while a run adds models, and a picker's new items are styled at once. */
@ExtendWith(ApplicationExtension.class)
class ViewControlsTest {
  private CheckComboBox<String> box;
  private FlowPane bar;

  @Start
  void start(Stage stage) {
    box = new CheckComboBox<>();
    bar = ViewControls.bar(new Label("Models"), box, new Label("Sets"));
    stage.setScene(new Scene(bar, 700, 120));
    stage.show();
  }

  @Test
  void pickersHaveAFixedWidthSoTheControlsAfterThemDoNotMove() throws Exception {
    assertEquals(ViewControls.PICKER_WIDTH, box.getPrefWidth());
    Node sets = bar.getChildren().get(2);
    double x0 = WaitForAsyncUtils.asyncFx(() -> sets.getBoundsInParent().getMinX()).get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.asyncFx(() -> ViewControls.refill(box, List.of("sample-vit-default", "sample-rn-default", "sample-vit-shape")))
        .get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(3, WaitForAsyncUtils.asyncFx(() -> box.getCheckModel().getCheckedItems().size()).get(30, TimeUnit.SECONDS));
    assertEquals(x0, WaitForAsyncUtils.asyncFx(() -> sets.getBoundsInParent().getMinX()).get(30, TimeUnit.SECONDS), 0.5,
        "three checked models do not push the next control along");
  }

  @Test
  void newItemsAreStyledInTheSameEventNotInTheNextPulsesLayout() throws Exception {
    // the picker's hidden list creates a cell per item; unstyled cells found during a pulse's layout
    // make JavaFX run one more pulse that repaints the whole window (docs/fx-responsiveness.md)
    List<String> state = WaitForAsyncUtils.asyncFx(() -> {
      ViewControls.refill(box, List.of("a", "b", "c", "d"));
      List<String> s = new java.util.ArrayList<>();
      for (Node c : box.lookupAll(".check-box-list-cell")) {
        // padding comes from the list-cell rule of the style sheet: set only once CSS has styled the cell
        s.add("cell " + (((Control) c).getPadding().equals(javafx.geometry.Insets.EMPTY) ? "unstyled" : "styled"));
      }
      return s;
    }).get(30, TimeUnit.SECONDS);
    assertNotNull(state);
    assertTrue(state.contains("cell styled"), "the hidden list made and styled its cells at once: " + state);
    assertTrue(state.stream().allMatch("cell styled"::equals), String.valueOf(state));
  }
}
