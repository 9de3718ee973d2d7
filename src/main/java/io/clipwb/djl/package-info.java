/**
 * The inference adapter: CLIP towers from a bundle's TorchScript files through DJL's PyTorch
 * engine (libtorch), strictly offline ({@code ai.djl.offline=true}; libtorch comes from the Maven
 * artifact, nothing is downloaded). {@link io.clipwb.djl.DjlClipModel} implements the core's
 * {@link io.clipwb.core.model.ClipModel}; front ends pass {@code DjlClipModel::load} to the core.
 *
 * <p>Reference: PyTorch's eager outputs of the same towers, written by
 * {@code tools/export_bundle.py --fixtures} ({@code DjlClipModelTest}, within 1e-5).
 *
 * <p>May use: {@code io.clipwb.core.model} and {@code ai.djl}. This is the only package that may import
 * {@code ai.djl} (ArchUnit: {@code LayeringTest}); the core never sees an engine type.
 */
package io.clipwb.djl;
