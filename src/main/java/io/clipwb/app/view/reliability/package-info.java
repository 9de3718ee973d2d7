/**
 * The reliability-diagram view. {@link io.clipwb.app.view.reliability.ReliabilityChart} is the
 * chart factory without a window (JFreeChart only, no JavaFX): the GUI shows its chart in a
 * {@code io.clipwb.app.chart.ChartImageView} (drawn off the FX thread), {@code clipwb figures} exports it headless. The diagram follows Guo et al.
 * 2017 ("On Calibration of Modern Neural Networks"): accuracy per confidence bin, the gap to the
 * bin's mean confidence, the diagonal, and the confidence histogram, from the core's
 * {@code CalibrationMetrics} (equal-width or adaptive bins). {@link
 * io.clipwb.app.view.reliability.ReliabilityView} is the workbench tab around it: model and set
 * pickers, live re-binning from the report's per-sample statistics (no model, off the FX thread,
 * latest wins), small multiples or overlay, click a bar to drill down into its rows. May use the
 * core, JavaFX, ControlsFX and JFreeChart.
 */
package io.clipwb.app.view.reliability;
