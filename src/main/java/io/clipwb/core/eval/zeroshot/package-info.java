/**
 * CLIP zero-shot classification: class weights as the renormalised mean of each class's
 * L2-normalised prompt embeddings, logits as logit scale × cosine.
 *
 * <p>Reference: Radford et al. 2021; LAION-AI/CLIP_benchmark
 * {@code zeroshot_classification.zero_shot_classifier}.
 *
 * <p>May use: nothing but the JDK: it is arithmetic over float arrays.
 */
package io.clipwb.core.eval.zeroshot;
