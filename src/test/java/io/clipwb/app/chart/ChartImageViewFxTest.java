package io.clipwb.app.chart;

import static io.clipwb.app.view.SampleRun.fx;
import static io.clipwb.app.view.SampleRun.waitForValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.app.view.FxViewTest;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The off-FX-thread chart node: clicks reach the listener with the bar under the mouse, resizing re-renders, latest wins. */
class ChartImageViewFxTest extends FxViewTest {
  private ChartImageView view;
  private Stage stage;
  private final List<String> drilled = new CopyOnWriteArrayList<>();

  @Start
  void start(Stage stage) {
    this.stage = stage;
    view = new ChartImageView(bars(new double[] {3, 7, 5}));
    view.addChartMouseListener(new ChartMouseListenerFX() {
      @Override
      public void chartMouseClicked(ChartMouseEventFX e) {
        if (e.getEntity() instanceof CategoryItemEntity c) drilled.add(c.getColumnKey().toString());
      }

      @Override
      public void chartMouseMoved(ChartMouseEventFX e) {}
    });
    show(stage, new StackPane(view), 420, 320);
  }

  private static JFreeChart bars(double[] values) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (int i = 0; i < values.length; i++) d.addValue(values[i], "accuracy", "bin" + i);
    return ChartFactory.createBarChart("bars", "bin", "accuracy", d);
  }

  @Test
  void clickOnABarDrillsIntoThatBar(FxRobot robot) throws Exception {
    // the image drawn at the node's laid-out size (an earlier one, drawn before layout settled, is
    // shown stretched until it is replaced): then chart and local coordinates coincide
    waitForValue(30, () -> fx(() -> view.getRenderingInfo() != null
        && Math.abs(view.getRenderingInfo().getChartArea().getWidth() - view.getWidth()) < 1
        && Math.abs(view.getRenderingInfo().getChartArea().getHeight() - view.getHeight()) < 1 ? true : null));
    Object[] hit = fx(() -> {
      for (Object o : view.getRenderingInfo().getEntityCollection().getEntities()) {
        if (o instanceof CategoryItemEntity c && c.getColumnKey().equals("bin1")) {
          Rectangle2D b = c.getArea().getBounds2D();
          return new Object[] {view.chartToScreen(b.getCenterX(), b.getCenterY()), view.entityAt(b.getCenterX(), b.getCenterY())};
        }
      }
      return null;
    });
    assertNotNull(hit, "the bar of bin1 is among the entities");
    assertTrue(hit[1] instanceof CategoryItemEntity e && e.getColumnKey().equals("bin1"), "hit-testing finds the bar");
    robot.clickOn((javafx.geometry.Point2D) hit[0]);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(List.of("bin1"), drilled, "the listener got exactly the clicked bar");
  }

  @Test
  void resizingRendersAgainAtTheNewSize(FxRobot robot) throws Exception {
    waitForValue(30, () -> fx(view::getRenderingInfo));
    int before = fx(view::publishes);
    double w0 = fx(() -> view.getRenderingInfo().getChartArea().getWidth());
    fx(() -> {
      stage.setWidth(stage.getWidth() + 200);
      return null;
    });
    waitForValue(30, () -> fx(() -> view.publishes() > before && view.getRenderingInfo().getChartArea().getWidth() > w0 + 100 ? true : null));
    double w1 = fx(() -> view.getRenderingInfo().getChartArea().getWidth());
    assertEquals(fx(view::getWidth), w1, 1.0, "the new image is drawn at the node's new width");
  }

  @Test
  void aRenderSupersededWhileDrawingIsNeverPublished(FxRobot robot) throws Exception {
    waitForValue(30, () -> fx(view::getRenderingInfo));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    JFreeChart slow = new JFreeChart(new BlockingPlot(entered, release));
    JFreeChart latest = bars(new double[] {1, 2, 3, 4});
    int before = fx(view::publishes);
    fx(() -> {
      view.setChart(slow);
      return null;
    });
    assertTrue(entered.await(30, TimeUnit.SECONDS), "the slow chart is being drawn");
    fx(() -> {
      view.setChart(latest);
      return null;
    });
    release.countDown();
    waitForValue(30, () -> fx(() -> view.renderedChart() == latest ? true : null));
    WaitForAsyncUtils.waitForFxEvents();
    assertSame(latest, fx(view::renderedChart));
    assertEquals(before + 1, fx(view::publishes), "only the latest chart was published");
    long bars = fx(() -> view.getRenderingInfo().getEntityCollection().getEntities().stream()
        .filter(o -> o instanceof CategoryItemEntity).count());
    assertEquals(4, bars, "the entities are the latest chart's");
  }

  /** A plot whose drawing waits until released (to hold a render in flight). */
  private static final class BlockingPlot extends CategoryPlot {
    private final transient CountDownLatch entered;
    private final transient CountDownLatch release;

    BlockingPlot(CountDownLatch entered, CountDownLatch release) {
      super(new DefaultCategoryDataset(), new org.jfree.chart.axis.CategoryAxis(), new org.jfree.chart.axis.NumberAxis(),
          new org.jfree.chart.renderer.category.BarRenderer());
      this.entered = entered;
      this.release = release;
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info) {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      super.draw(g2, area, anchor, parentState, info);
    }
  }
}
