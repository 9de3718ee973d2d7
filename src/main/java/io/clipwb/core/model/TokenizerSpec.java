package io.clipwb.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which tokenizer a bundle's text tower was trained with.
 *
 * <ul>
 *   <li>{@code openai-clip-bpe}: OpenAI's {@code SimpleTokenizer} over {@code bpe_simple_vocab_16e6.txt.gz}
 *       (no NFC normalisation);
 *   <li>{@code hf-tokenizer-json}: a Hugging Face {@code tokenizer.json} of a CLIP model (NFC, lower case);
 *   <li>{@code word-vocab}: a JSON list of lower-case words (ids = list index), for small self-contained
 *       models such as the sample lab's.
 * </ul>
 *
 * {@code file} is relative to the bundle folder; the prefix {@code shared:} makes it relative to the
 * shared data folder ({@link io.clipwb.core.util.SharedData}).
 */
public record TokenizerSpec(
    @JsonProperty("kind") String kind,
    @JsonProperty("file") String file,
    @JsonProperty("context_length") int contextLength,
    @JsonProperty("sot") int sot,
    @JsonProperty("eot") int eot) {}
