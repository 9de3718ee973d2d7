/**
 * Generators of corrupted image sets: the 19 ImageNet-C corruptions (15 benchmark + 4 extra) and
 * the 3D Common Corruptions that can be synthesised from an RGB image and its depth map, at
 * severities 1–5, written in the published sets' layout {@code <corruption>/<severity>/<class>/…}.
 *
 * <p>References: hendrycks/robustness {@code imagenet_c/corruptions.py} (bit-identical where the
 * operation is deterministic: contrast, brightness, saturate, pixelate, JPEG), Pillow's BOX resize,
 * EPFL-VILAB/3DCommonCorruptions {@code create_3dcc/} (fog 3D, near/far focus, ISO noise, low light,
 * colour quantisation); {@code ReferenceToolFingerprintsTest} and {@code ImageNetCTest} compare with
 * their outputs.
 *
 * <p>May use: {@code core.image}, {@code core.io}, {@code core.util} and OpenCV through JavaCPP
 * ({@code org.bytedeco}, wrapped by {@link io.clipwb.core.corrupt.CvOps}). It is the only core package
 * that touches native image code; the evaluations ({@code core.eval..}) must not depend on it
 * through OpenCV (ArchUnit: {@code ArchitectureTest}).
 */
package io.clipwb.core.corrupt;
