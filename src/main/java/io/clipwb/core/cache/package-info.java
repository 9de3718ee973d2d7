/**
 * The embedding cache behind "one pass, every analysis": image and text embeddings computed
 * once per (model fingerprint, key), kept on disk in append-only shards, and read back by every
 * evaluation, prompt change and re-scoring without touching the model.
 *
 * <p>May use: {@code core.io} (atomic files, JSON, .npy) and SLF4J. Used by {@code core.run}.
 */
package io.clipwb.core.cache;
