/**
 * The evaluations, one sub-package each (calibration, ood, shift, shapebias, factors, lmm,
 * corruption, retrieval, correspondence, zeroshot), plus what they share here: reading a run folder's
 * arrays ({@link io.clipwb.core.eval.RunArrays}), input checks with messages that name the array
 * ({@link io.clipwb.core.eval.EvalInputs}) and atomic result-file helpers
 * ({@link io.clipwb.core.eval.ResultFiles}).
 *
 * <p>Every evaluation is a pure function of cached arrays (logits, labels, embeddings, scores) that
 * may have been computed elsewhere, so its numbers can be compared with the reference tool's.
 *
 * <p>May use: {@code core.io}, {@code core.util}, {@code core.model}, {@code core.image}, Jackson and
 * SLF4J; no OpenCV/JavaCPP, not even through another package (ArchUnit: {@code ArchitectureTest}).
 */
package io.clipwb.core.eval;
