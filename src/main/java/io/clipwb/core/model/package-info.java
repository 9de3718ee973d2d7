/**
 * Models as the core sees them: the bundle format ({@code bundle.json} version 1, documented in
 * {@code docs/bundles.md}), its strict loader and fingerprint (SHA-256 over the bundle's files, with
 * digests remembered by {@link io.clipwb.core.model.FileDigests}), the model card with the paper's
 * six factors, and the engine-free {@link io.clipwb.core.model.ClipModel} interface with its
 * per-thread image and text encoders.
 *
 * <p>May use: {@code core.io}, {@code core.util}, {@code core.cache} (its cache root and digest index), Jackson and SLF4J. No inference engine: the DJL
 * adapter implements {@code ClipModel}; tests may implement it in plain Java.
 */
package io.clipwb.core.model;
