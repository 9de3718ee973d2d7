/**
 * Model folders that open as they are, without an export step: a Hugging Face {@code CLIPModel}
 * folder ({@code config.json}, {@code model.safetensors}, {@code preprocessor_config.json},
 * {@code tokenizer.json}), a Hugging Face {@code SiglipModel} folder (the same plus {@code spiece.model}
 * and {@code tokenizer_config.json} instead of {@code tokenizer.json}) and an open_clip checkpoint ({@code open_clip_config.json},
 * {@code open_clip_model.safetensors}). Recognises the layout, reads the architecture from the config
 * with the upstream defaults (transformers' {@code configuration_clip.py} / {@code configuration_siglip.py}, open_clip's
 * {@code CLIPVisionCfg}/{@code CLIPTextCfg}), refuses fields it cannot honour, and turns the folder
 * into a {@link io.clipwb.core.model.Bundle} (preprocessing, tokenizer, model card from the config and
 * an optional {@code card.json}) — documented in {@code docs/bundles.md}, "Folders that open as they
 * are".
 *
 * <p>May use: {@code core.model}, {@code core.model.safetensors}, {@code core.sentencepiece} (to check a
 * SigLIP {@code spiece.model} when the folder is opened), {@code core.io}, Jackson, SLF4J. No
 * inference engine: the forward passes over these specs live in {@code io.clipwb.djl.checkpoint}.
 */
package io.clipwb.core.model.checkpoint;
