/**
 * Distribution shift: top-1 accuracy on shifted sets from cached logits (with class subsets, as
 * ImageNet-R and ImageNet-A use 200 of the 1,000 classes), and effective robustness: a line
 * through baseline models' (ID, OOD) accuracies in logit or probit space, and each model's distance
 * from it.
 *
 * <p>References: Taori et al. 2020 and modestyachts/imagenet-testbed (result tables, probit fit),
 * hendrycks/imagenet-r and natural-adv-examples (class masks).
 *
 * <p>May use: {@code core.eval}, {@code core.io} and Jackson.
 */
package io.clipwb.core.eval.shift;
