/**
 * CLIP forward passes built from DJL NDArray operations (PyTorch engine) over the tensors of a
 * checkpoint folder read directly from safetensors ({@link io.clipwb.core.model.checkpoint}): the
 * ViT and text towers of transformers' {@code modeling_clip.py} and open_clip's
 * {@code transformer.py}, open_clip's {@code modified_resnet.py}, and transformers'
 * {@code modeling_siglip.py} (no class token, attention-pooling head, last-token text head). No
 * TorchScript, no Python.
 *
 * <p>May use: DJL, {@code core.model} and its subpackages, SLF4J. Reference: the fixtures under
 * {@code src/test/resources/checkpoints}, computed by the upstream modeling code itself
 * ({@code tools/checkpoints}).
 */
package io.clipwb.djl.checkpoint;
