/**
 * The sample lab's procedural world: 16 classes defined by silhouette, each with a correlated
 * texture and colour, rendered by ray casting (byte-identical for a seed on any machine) into the
 * sets of the sample project (ID, shifted, OOD, cue-conflict, multi-view with depth), with manifests
 * and a minimal PNG encoder of our own.
 *
 * <p>See {@code docs/sample-lab.md}; {@code tools/train_sample_models.py} trains the seven sample models
 * on these images.
 *
 * <p>May use: {@code core.image}, {@code core.io}, {@code core.util}, Jackson and SLF4J.
 */
package io.clipwb.core.sample;
