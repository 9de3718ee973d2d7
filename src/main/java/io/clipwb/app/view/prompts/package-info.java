/**
 * The prompt lab: edit prompt templates and class names and see every model's accuracy, ECE, AUROC
 * and shape bias move, re-scored from the cached image embeddings by the core's {@code PromptLab}
 * ({@code Rescorer}: CLIP's prompt engineering and ensembling, Radford et al. 2021 §3.1.4; text
 * towers only, opened through {@code DjlClipModel.loadTextOnly} only for prompts not in the cache).
 * {@link io.clipwb.app.view.prompts.PromptComparison} builds the current-vs-new table without
 * JavaFX; {@link io.clipwb.app.view.prompts.PromptLabView} is the tab. May use the core, the
 * workbench state ({@code ProjectService} opens the text towers), JavaFX and ControlsFX.
 */
package io.clipwb.app.view.prompts;
