/**
 * The cue-conflict (shape vs texture) view. {@link io.clipwb.app.view.shapebias.ShapeBiasChart}
 * draws the shape-bias plot of Geirhos et al. 2019 as model-vs-human does (16 categories, fraction
 * of shape decisions 0 = texture .. 1 = shape, a marker series per model, each model's overall
 * shape bias as a vertical line, humans as red diamonds) without a window, for the workbench tab
 * {@link io.clipwb.app.view.shapebias.ShapeBiasView} and for {@code clipwb figures}
 * ({@link io.clipwb.app.view.shapebias.ShapeBiasFigures}). The numbers are the core's
 * ({@code core.eval.shapebias.ShapeBias}, {@code CueConflictRun} for model-vs-human's 16-class
 * decisions, {@code MvhCsv} for human data); {@link io.clipwb.app.view.shapebias.ShapeBiasData}
 * only gathers them. The stimulus browser shows each stimulus with every model's decision and,
 * when the data set has them, its edge and silhouette versions ({@link
 * io.clipwb.app.view.shapebias.Companions}). May use the core, JavaFX, ControlsFX and JFreeChart.
 */
package io.clipwb.app.view.shapebias;
