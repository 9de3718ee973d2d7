/**
 * Texture vs shape bias: CLIP's 16-class decisions on the cue-conflict stimuli of a cached run
 * (1,000-way probabilities mapped to 16 classes as model-vs-human does), shape bias per model and
 * group, and model-vs-human's per-trial CSV read and written.
 *
 * <p>References: Geirhos et al. 2019 (rgeirhos/texture-vs-shape stimuli), bethgelab/model-vs-human
 * ({@code ShapeBias.analysis}, {@code ImageNetProbabilitiesTo16ClassesMapping}, NumPy's pairwise
 * summation order); {@code ShapeBiasReferenceTest} reproduces {@code shared/reference/shape_bias.json}
 * exactly.
 *
 * <p>May use: {@code core.eval} (including {@code runio}), {@code core.io}, {@code core.util} and Jackson.
 */
package io.clipwb.core.eval.shapebias;
