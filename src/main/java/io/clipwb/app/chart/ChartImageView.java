package io.clipwb.app.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.event.ChartChangeListener;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JFreeChart shown as an image that is drawn off the FX thread. Why: JFreeChart-FX's
 * {@code ChartViewer} paints the chart on the JavaFX application thread on every change and resize,
 * which with software rendering costs tens of milliseconds per chart, and a run publishing a new
 * report every few seconds redraws several charts at once; the window then stalls. Here the chart
 * is drawn with Java2D into a {@link BufferedImage} on one background thread shared by all charts,
 * and the FX thread only copies the finished pixels into an image.
 *
 * <p>Latest wins: a new chart or a new size supersedes a render not yet published (its result is
 * dropped), so a burst of changes publishes one image. While the node is resized the last image
 * is stretched and a new one rendered after a short pause. Clicks and mouse moves are mapped
 * through the published image's {@link ChartRenderingInfo} to the same {@link ChartMouseEventFX}
 * that {@code ChartViewer} fires, so drill-down listeners work unchanged; entity tool tips show as
 * a JavaFX tooltip. No zoom or pan (the views drill down instead).
 *
 * <p>Thread rule: a chart handed to {@link #setChart} belongs to the render thread from then on; it
 * must not be changed afterwards (hand a new chart instead, or change it inside
 * {@link #update(java.util.function.Consumer)}, which runs on the render thread).
 */
public final class ChartImageView extends Region {
  private static final Logger LOG = LoggerFactory.getLogger(ChartImageView.class);
  /** Pause after the last resize before re-rendering at the new size. */
  static final Duration RESIZE_PAUSE = Duration.millis(120);
  private static final ExecutorService RENDERER =
      Executors.newSingleThreadExecutor(io.clipwb.core.util.BackgroundThreads.daemon("clipwb-chart-render"));

  /** A finished render: the pixels, the size they stand for (logical pixels) and the entities. */
  private record Rendered(JFreeChart chart, int pw, int ph, double w, double h, int[] argbPre, ChartRenderingInfo info) {}

  private final ImageView image = new ImageView();
  private final AtomicLong generation = new AtomicLong();
  private final PauseTransition resizePause = new PauseTransition(RESIZE_PAUSE);
  private final List<ChartMouseListenerFX> listeners = new ArrayList<>();
  private final Tooltip tooltip = new Tooltip();
  private final ChartChangeListener changed = e -> {
    // a change made on the FX thread (the render thread's own draws are not changes to follow)
    if (Platform.isFxApplicationThread()) requestRender();
  };
  private JFreeChart chart;
  private Rendered shown;
  private double requestedW = -1;
  private double requestedH = -1;
  private boolean tooltipInstalled;
  private int publishes;

  /** An empty view (no chart yet). */
  public ChartImageView() {
    this(null);
  }

  public ChartImageView(JFreeChart chart) {
    getStyleClass().add("chart-image-view");
    image.setManaged(false);
    image.setPreserveRatio(false);
    image.setSmooth(true);
    getChildren().add(image);
    setPrefSize(480, 360);
    setMinSize(50, 50);
    resizePause.setOnFinished(e -> requestRender());
    setOnMouseClicked(this::clicked);
    setOnMouseMoved(this::moved);
    setOnMouseExited(e -> hideTooltip());
    setChart(chart);
  }

  /** The chart shown (or being rendered to be shown); null for none. */
  public JFreeChart getChart() {
    return chart;
  }

  /** Shows {@code c} (null: nothing) once rendered off the FX thread; from now on do not change it outside {@link #update}. */
  public void setChart(JFreeChart c) {
    if (chart != null) chart.removeChangeListener(changed);
    chart = c;
    if (c != null) c.addChangeListener(changed);
    requestRender();
  }

  /** Changes the chart on the render thread (where no draw of it can be under way), then renders it again. */
  public void update(java.util.function.Consumer<JFreeChart> change) {
    JFreeChart c = chart;
    if (c == null) return;
    RENDERER.execute(() -> {
      try {
        change.accept(c);
      } catch (RuntimeException e) {
        LOG.warn("chart update failed", e);
      }
    });
    requestRender();
  }

  /** The entities of the image shown now (for hit-testing), null before the first image. */
  public ChartRenderingInfo getRenderingInfo() {
    return shown == null ? null : shown.info();
  }

  /** The chart whose image is shown now (it lags {@link #getChart()} while a render is under way). */
  public JFreeChart renderedChart() {
    return shown == null ? null : shown.chart();
  }

  /** How many images were published so far (tests). */
  public int publishes() {
    return publishes;
  }

  /** Screen position of a point in the rendering info's coordinates (where to click an entity), or null when not shown. */
  public Point2D chartToScreen(double x, double y) {
    if (shown == null || getWidth() <= 0 || getHeight() <= 0) return null;
    return localToScreen(x * getWidth() / shown.w(), y * getHeight() / shown.h());
  }

  /** The entity under local point (x, y) of this node, or null. */
  public ChartEntity entityAt(double x, double y) {
    Rendered r = shown;
    if (r == null || getWidth() <= 0 || getHeight() <= 0) return null;
    EntityCollection ec = r.info().getEntityCollection();
    return ec == null ? null : ec.getEntity(x * r.w() / getWidth(), y * r.h() / getHeight());
  }

  public void addChartMouseListener(ChartMouseListenerFX l) {
    listeners.add(l);
  }

  public void removeChartMouseListener(ChartMouseListenerFX l) {
    listeners.remove(l);
  }

  @Override
  protected void layoutChildren() {
    double w = getWidth();
    double h = getHeight();
    image.relocate(0, 0);
    image.setFitWidth(w);
    image.setFitHeight(h);
    if (Math.abs(w - requestedW) < 0.5 && Math.abs(h - requestedH) < 0.5) return;
    if (shown == null) {
      requestRender(); // nothing to stretch: render at once
    } else {
      resizePause.playFromStart(); // stretch the old image meanwhile
    }
  }

  /** Renders the current chart at the current size off the FX thread; publishes it unless superseded. FX thread. */
  private void requestRender() {
    resizePause.stop();
    double w = Math.ceil(getWidth());
    double h = Math.ceil(getHeight());
    long g = generation.incrementAndGet();
    requestedW = getWidth();
    requestedH = getHeight();
    JFreeChart c = chart;
    if (c == null || w < 1 || h < 1) {
      if (c == null) {
        shown = null;
        image.setImage(null);
      }
      return;
    }
    double scale = getScene() != null && getScene().getWindow() != null ? Math.max(1, getScene().getWindow().getRenderScaleX()) : 1;
    renderer().execute(() -> {
      if (g != generation.get()) return; // superseded before it started
      Rendered r;
      try {
        r = render(c, w, h, scale);
      } catch (RuntimeException e) {
        LOG.warn("cannot draw chart", e);
        return;
      }
      Platform.runLater(() -> publish(g, r));
    });
  }

  private void publish(long g, Rendered r) {
    if (g != generation.get()) return; // a newer render is on its way
    WritableImage img = new WritableImage(r.pw(), r.ph());
    img.getPixelWriter().setPixels(0, 0, r.pw(), r.ph(), PixelFormat.getIntArgbPreInstance(), r.argbPre(), 0, r.pw());
    image.setImage(img);
    shown = r;
    publishes++;
  }

  /** Draws {@code c} at {@code w} x {@code h} logical pixels, {@code scale} device pixels each. Render thread. */
  private static Rendered render(JFreeChart c, double w, double h, double scale) {
    int pw = (int) Math.ceil(w * scale);
    int ph = (int) Math.ceil(h * scale);
    BufferedImage bi = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g2 = bi.createGraphics();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g2.scale(scale, scale);
      ChartRenderingInfo info = new ChartRenderingInfo();
      c.draw(g2, new Rectangle2D.Double(0, 0, w, h), info);
      int[] px = ((DataBufferInt) bi.getRaster().getDataBuffer()).getData();
      return new Rendered(c, pw, ph, w, h, px, info);
    } finally {
      g2.dispose();
    }
  }

  /** The one thread all chart images are drawn on (also the only thread that may change a shown chart). */
  static Executor renderer() {
    return RENDERER;
  }

  private void clicked(MouseEvent e) {
    if (listeners.isEmpty() || renderedChart() == null) return;
    ChartMouseEventFX ce = new ChartMouseEventFX(renderedChart(), e, entityAt(e.getX(), e.getY()));
    for (ChartMouseListenerFX l : List.copyOf(listeners)) l.chartMouseClicked(ce);
  }

  private void moved(MouseEvent e) {
    ChartEntity entity = entityAt(e.getX(), e.getY());
    String text = entity == null ? null : entity.getToolTipText();
    if (text == null || text.isBlank()) {
      hideTooltip();
    } else {
      if (!text.equals(tooltip.getText())) tooltip.setText(text);
      if (!tooltipInstalled) {
        Tooltip.install(this, tooltip);
        tooltipInstalled = true;
      }
    }
    if (listeners.isEmpty() || renderedChart() == null) return;
    ChartMouseEventFX ce = new ChartMouseEventFX(renderedChart(), e, entity);
    for (ChartMouseListenerFX l : List.copyOf(listeners)) l.chartMouseMoved(ce);
  }

  private void hideTooltip() {
    if (!tooltipInstalled) return;
    Tooltip.uninstall(this, tooltip);
    tooltipInstalled = false;
  }
}
