/**
 * Zero-shot image–text retrieval from cached, L2-normalised embeddings: Recall@K both ways,
 * median and mean rank, every query's rank for drill-down; caption sets read from Karpathy-split
 * JSON or a CSV.
 *
 * <p>Reference: LAION-AI/CLIP_benchmark's retrieval metric; {@code RetrievalTest} compares with the
 * numbers of {@code src/test/resources/retrieval/make_reference.py}.
 *
 * <p>May use: {@code core.io}, {@code core.util}, Jackson and SLF4J.
 */
package io.clipwb.core.eval.retrieval;
