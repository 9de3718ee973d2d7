/**
 * The corruption view (issue 14, "3D-corruption grid"): for a corrupted set of the project (the
 * ImageNet-C layout {@code <corruption>/<severity>/<class>/*}, 2D ImageNet-C corruptions and 3D
 * Common Corruptions alike) a heatmap of accuracy or ECE per corruption × severity per model, curves
 * of accuracy against severity with mCE / relative mCE in the legend (Hendrycks &amp; Dietterich 2019,
 * {@code CorruptionEval}; normalised when baseline errors are imported), and for one chosen image
 * the corruption × severity grid of its versions with every model's prediction and confidence
 * (border green when correct, red when wrong). Clicking a heatmap cell, a curve point or a grid
 * tile drills down into that cell's images.
 *
 * <p>{@link io.clipwb.app.view.corruption.CorruptionCharts} and
 * {@link io.clipwb.app.view.corruption.CorruptionFigures} are headless (JFreeChart only), so
 * {@code clipwb figures} draws the same charts; the view and the grid are JavaFX. May use the core,
 * {@code app.state}, {@code app.jobs}, {@code app.drill}, {@code app.export}, JavaFX, ControlsFX and
 * JFreeChart; never the shell.
 */
package io.clipwb.app.view.corruption;
