/**
 * OOD detection: per-image scores (MSP, max-logit, energy, MCM) from cached cosines or logits of
 * an ID and an OOD set, and AUROC, AUPR-In/Out and FPR@95 in both conventions (OpenOOD and
 * sklearn {@code roc_curve}), ROC points and score histograms.
 *
 * <p>References: Jingkang50/OpenOOD v1.5 {@code compute_all_metrics}, scikit-learn 1.2.1,
 * MCM (Ming et al. 2022); {@code OodReferenceTest} reproduces {@code shared/reference/ood_detection.json}
 * within 1e-6.
 *
 * <p>May use: {@code core.eval}, {@code core.io}, {@code core.util} and Jackson.
 */
package io.clipwb.core.eval.ood;
