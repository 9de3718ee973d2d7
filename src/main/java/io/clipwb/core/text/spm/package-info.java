/**
 * SentencePiece in plain Java: the {@code .model} file (a protobuf {@code ModelProto}) read with a
 * minimal wire-format reader, its normaliser (the precompiled character map, a darts-clone double
 * array, plus whitespace handling) and unigram Viterbi segmentation with unknown-run merging and
 * byte fallback — what SigLIP's {@code spiece.model} needs, with no native library.
 *
 * <p>Reference: google/sentencepiece 0.1.97 {@code normalizer.cc} ({@code Normalizer::Normalize},
 * {@code NormalizePrefix}), {@code unigram_model.cc} ({@code Model::EncodeOptimized}),
 * {@code sentencepiece_processor.cc} (unknown runs merged, byte fallback) and
 * {@code sentencepiece_model.proto}. {@code SentencePieceModelTest} compares the ids with those the
 * library itself gives ({@code tools/checkpoints/make_siglip_fixtures.py}).
 *
 * <p>May use: the JDK only.
 */
package io.clipwb.core.text.spm;
