/**
 * The OOD-detection view: per model and OOD set, the ID-vs-OOD score histograms of each score
 * function (MSP, max-logit, energy, MCM) and their ROC curves, with AUROC and FPR@95 in the legend
 * as the core computed them ({@code core.eval.ood.OodResult}, OpenOOD v1.5's definitions: OOD is
 * the positive class, an image is flagged OOD when its score is at or below the threshold), a
 * threshold slider with the live TPR/FPR, and a click on a histogram bar drilling down into the ID
 * and the OOD images of that score range (the core's {@code ScoreHistogram.binOf} bin rule).
 *
 * <p>{@link io.clipwb.app.view.ood.OodChart} builds the charts without a window (JFreeChart only),
 * so the workbench tab ({@link io.clipwb.app.view.ood.OodView}) and {@code clipwb figures}
 * ({@link io.clipwb.app.view.ood.OodFigures}) draw the same figures. May use the core, JavaFX,
 * ControlsFX and JFreeChart; never re-computes a metric the core gives.
 */
package io.clipwb.app.view.ood;
