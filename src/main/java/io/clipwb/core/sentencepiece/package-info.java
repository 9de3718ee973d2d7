/**
 * SentencePiece in plain Java: the {@code .model} file (a protobuf {@code ModelProto}) read with a
 * minimal wire-format reader, its normaliser (the precompiled character map, a darts-clone double
 * array, plus whitespace handling) and unigram Viterbi segmentation with unknown-run merging and
 * byte fallback — what SigLIP's {@code spiece.model} needs, with no native library.
 *
 * <p>Reference: google/sentencepiece 0.1.97 {@code normalizer.cc} ({@code Normalizer::Normalize},
 * {@code NormalizePrefix}), {@code unigram_model.cc} ({@code Model::EncodeOptimized}),
 * {@code sentencepiece_processor.cc} (unknown runs merged, byte fallback) and
 * {@code sentencepiece_model.proto}. {@code SiglipTokenizerTest} compares the ids with those the
 * library itself gives ({@code tools/checkpoints/make_siglip_fixtures.py}).
 *
 * <p>May use: the JDK only. Its own core package (not under {@code core.text}) so that the checkpoint
 * loader ({@code core.model.checkpoint}) can check a {@code spiece.model} without depending on
 * {@code core.text}, which depends on {@code core.model}.
 */
package io.clipwb.core.sentencepiece;
