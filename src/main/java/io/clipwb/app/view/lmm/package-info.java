/**
 * LLaVA (any LMM) versus CLIP per class (issue 14), the ImageNet-D protocol (Zhang et al. 2024):
 * two-choice questions built from CLIP's run (the ground truth and CLIP's strongest wrong class,
 * core {@code Questions}), LMM answers imported in the formats {@code clipwb lmm compare} reads
 * (lmms-eval {@code --log_samples} JSONL, VLMEvalKit prediction TSV, plain JSONL) through the core's
 * {@code AnswerImport}, a preview of how each line parses before it is accepted, and the core's
 * {@code LmmComparison} drawn as a sorted per-class bar chart of the accuracy difference (LMM −
 * CLIP) with a hard-class filter; a click on a class opens its images with CLIP's prediction and
 * the LMM's raw answer and parsed option. The answers a project ships are listed under
 * {@code lmm_answers} in {@code project.json} (core {@code LmmAnswerSources}); the sample's are a
 * documented synthetic stand-in.
 *
 * <p>{@link io.clipwb.app.view.lmm.LmmData}, {@link io.clipwb.app.view.lmm.LmmChart} and
 * {@link io.clipwb.app.view.lmm.LmmFigures} are headless; {@code LmmData.compare} is the single
 * place answers are parsed. May use the core, {@code app.state}, {@code app.jobs},
 * {@code app.drill}, {@code app.export}, JavaFX, ControlsFX and JFreeChart; never the shell.
 */
package io.clipwb.app.view.lmm;
