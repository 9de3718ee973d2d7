/**
 * Visual factors: per-factor accuracy and error ratio as ImageNet-X defines them, from ImageNet-X
 * annotations joined to a model's predictions by file name, or from 0/1 factor columns of any
 * manifest; and the multi-model factor trend (a least-squares line per model group and factor).
 *
 * <p>Reference: facebookresearch/imagenetx ({@code aggregate.py}: {@code _compute_factor_accuracies},
 * {@code error_ratio}; {@code augment_model_predictions}); {@code ImageNetXReferenceTest} reproduces
 * {@code shared/reference/imagenet_x.json} within 1e-9.
 *
 * <p>May use: {@code core.eval} (including {@code runio}), {@code core.io}, {@code core.util} and Jackson.
 */
package io.clipwb.core.eval.factors;
