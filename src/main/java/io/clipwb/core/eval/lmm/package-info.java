/**
 * LMM vs CLIP (ImageNet-D protocol): two-choice questions built from a cached run (the ground
 * truth and CLIP's strongest wrong class), exported for an LMM run elsewhere (LLaVA, lmms-eval, an
 * API); the answers imported back (plain JSONL, lmms-eval, CSV), parsed into TRUE/FALSE/BOTH/NEITHER
 * with class synonyms, and compared with CLIP on the same images.
 *
 * <p>The workbench does not run the LMM; it writes the questions and reads the answers.
 *
 * <p>Answers are read by an {@link io.clipwb.core.eval.lmm.AnswerProtocol}: {@code imagenet-d}
 * (default) reproduces ImageNet-D's {@code LLaVA/compute_accuracy.py} (chenshuang-zhang/imagenet_d;
 * its synonym table ships as the MIT-licensed resource {@code imagenet_d_word_mapping.json});
 * {@code strict} is {@link io.clipwb.core.eval.lmm.AnswerParser}. See {@code docs/lmm-protocols.md}.
 *
 * <p>May use: {@code core.eval} (including {@code runio}), {@code core.io}, {@code core.util} and Jackson.
 */
package io.clipwb.core.eval.lmm;
