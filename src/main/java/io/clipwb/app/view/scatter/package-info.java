/**
 * The cross-model scatter and effective-robustness view. {@link io.clipwb.app.view.scatter.ScatterData}
 * turns the project's metric table ({@code core.project.MetricTable}) into points grouped by one of
 * the model cards' six factors with a least-squares line per group; {@link
 * io.clipwb.app.view.scatter.ErResults} gets effective robustness from the core's {@code ErBaseline}
 * (Taori et al. 2020, "Measuring Robustness to Natural Distribution Shifts"; probit axes after Miller
 * et al. 2021, "Accuracy on the Line"), for all, some or imported baseline models; {@link
 * io.clipwb.app.view.scatter.ScatterChart} and {@link io.clipwb.app.view.scatter.ErChart} draw them
 * with JFreeChart only (headless for {@code clipwb figures}); {@link
 * io.clipwb.app.view.scatter.ScatterView} and {@link io.clipwb.app.view.scatter.ErPane} are the
 * JavaFX tab. May use the core, {@code app.state}, {@code app.jobs}, {@code app.export},
 * {@code app.view}, JavaFX, ControlsFX and JFreeChart.
 */
package io.clipwb.app.view.scatter;
