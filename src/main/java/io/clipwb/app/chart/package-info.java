/**
 * Showing JFreeChart charts in the workbench without drawing them on the JavaFX application thread.
 * {@link io.clipwb.app.chart.ChartImageView} draws a chart with Java2D into an image on one
 * background render thread (latest wins, re-rendered after a resize), shows the image, and maps
 * clicks and mouse moves through the image's {@code ChartRenderingInfo} to JFreeChart-FX's
 * {@code ChartMouseEventFX}, so the views' drill-down listeners are those they had with
 * {@code ChartViewer}. Why: with software rendering, painting a chart on the FX thread costs tens of
 * milliseconds, and a run publishing reports repaints several at once (issue 13: the FX thread
 * must never stall during a run). May use JavaFX, JFreeChart (and its FX event types) and AWT;
 * never the core, the views or the shell.
 */
package io.clipwb.app.chart;
