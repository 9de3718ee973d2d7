/**
 * LMM vs CLIP (ImageNet-D protocol): two-choice questions built from a cached run (the ground
 * truth and CLIP's strongest wrong class), exported for an LMM run elsewhere (LLaVA, lmms-eval, an
 * API); the answers imported back (plain JSONL, lmms-eval, CSV), parsed into TRUE/FALSE/BOTH/NEITHER
 * with class synonyms, and compared with CLIP on the same images.
 *
 * <p>The workbench does not run the LMM; it writes the questions and reads the answers.
 *
 * <p>May use: {@code core.eval} (including {@code runio}), {@code core.io}, {@code core.util} and Jackson.
 */
package io.clipwb.core.eval.lmm;
