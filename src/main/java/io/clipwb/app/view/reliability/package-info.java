/**
 * The reliability diagram: {@link io.clipwb.app.view.reliability.ReliabilityChart} builds the
 * JFreeChart without a window (shared with {@code clipwb figures}); {@link
 * io.clipwb.app.view.reliability.ReliabilityView} is the workbench tab around it (model and set
 * pickers, live re-binning from the report's per-sample statistics, click a bar to drill down).
 * Reliability diagrams as in Guo et al. 2017 (On Calibration of Modern Neural Networks); adaptive
 * bins as in Nixon et al. 2019. May use the core, JavaFX, ControlsFX and JFreeChart.
 */
package io.clipwb.app.view.reliability;
