/**
 * Projects ({@code project.json}): the models to compare and the data sets to evaluate them on,
 * each with its role (ID, shifted, corrupted, OOD, cue-conflict); the all-models run that fills
 * one run folder per (model, set) through the embedding cache; and the cross-model report
 * (accuracy under shift, calibration, OOD, corruption errors, shape bias, effective robustness)
 * computed from those run folders alone.
 *
 * <p>May use: {@code core.data}, {@code core.eval..}, {@code core.io}, {@code core.model},
 * {@code core.run}, {@code core.text}, {@code core.util}, Jackson and SLF4J. Models are opened through
 * a {@link io.clipwb.core.project.ModelOpener} the front end passes in.
 */
package io.clipwb.core.project;
