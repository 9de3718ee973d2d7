/**
 * Calibration: expected calibration error (equal-width and equal-mass bins), maximum calibration
 * error, NLL, Brier, reliability diagrams, per-group metrics (corruption × severity, factor) and
 * temperature scaling fitted on an explicit, seeded ID split.
 *
 * <p>References: Klaus-Tu/VLM_calibrate (ECE and {@code tune_temp}'s binary search),
 * facebookresearch/imagenetx {@code estimated_calibration_error}, Guo et al. 2017;
 * {@code CalibrationReferenceTest} reproduces {@code shared/reference/calibration.json} within 1e-6.
 *
 * <p>May use: {@code core.eval}, {@code core.io}, {@code core.util}, Jackson and SLF4J.
 */
package io.clipwb.core.eval.calibration;
