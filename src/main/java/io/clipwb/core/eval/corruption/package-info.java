/**
 * Robustness to corruptions: accuracy, ECE and corruption error per corruption × severity, mCE
 * (against a baseline's errors, AlexNet's by default) and relative mCE of a cached run over a
 * corrupted set in the layout {@code <corruption>/<severity>/<class>/*}, plus the data of the
 * corruption grid view (one clean image, every corrupted version, the model's answer on each).
 *
 * <p>Reference: Hendrycks &amp; Dietterich, ICLR 2019 (CE and mCE definitions); the layout of the
 * published ImageNet-C and ImageNet-3DCC sets.
 *
 * <p>May use: {@code core.eval}, {@code core.image}, {@code core.model} and Jackson; never
 * {@code core.corrupt}'s OpenCV code (the grid's thumbnails use {@code core.image}).
 */
package io.clipwb.core.eval.corruption;
