package io.clipwb.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Work handed to {@link NextFrame} runs later, in a pulse, in order, on the FX thread. */
@ExtendWith(ApplicationExtension.class)
class NextFrameTest {
  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new StackPane(), 100, 100));
    stage.show();
  }

  @Test
  void runsInTheNextPulseNotNow() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    CompletableFuture<Boolean> onFx = new CompletableFuture<>();
    WaitForAsyncUtils.asyncFx(() -> {
      NextFrame.run(() -> order.add("first"));
      NextFrame.run(() -> {
        order.add("second");
        onFx.complete(javafx.application.Platform.isFxApplicationThread());
      });
      order.add("now");
    }).get(30, TimeUnit.SECONDS);
    assertEquals(true, onFx.get(30, TimeUnit.SECONDS));
    assertEquals(List.of("now", "first", "second"), order);
  }
}
