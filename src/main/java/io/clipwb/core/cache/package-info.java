/**
 * The embedding cache behind "one pass, every analysis": image and text embeddings computed
 * once per (model fingerprint, key), kept on disk in append-only shards (large ones read through
 * memory mappings, see {@code ShardRows}), and read back by every evaluation, prompt change and
 * re-scoring without touching the model. {@link io.clipwb.core.cache.DigestIndex} remembers content
 * digests by file stamp in an append-only file, so content-addressed image keys cost a {@code stat}
 * on a warm run. Key recipe, index format and limits: {@code docs/cache.md}.
 *
 * <p>May use: {@code core.io} (atomic files, JSON, .npy, SHA-256), Jackson and SLF4J. Used by
 * {@code core.run}, {@code core.model} (bundle digests) and {@code core.project}.
 */
package io.clipwb.core.cache;
