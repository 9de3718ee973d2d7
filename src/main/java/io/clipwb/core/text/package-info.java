/**
 * Text to token ids and the prompts that make class weights: OpenAI CLIP's BPE tokenizer
 * (its {@code basic_clean} with Python's {@code html.unescape}; {@code ftfy} omitted), Hugging Face
 * {@code tokenizer.json} read in plain Java, SigLIP's SentencePiece tokenizer ({@link
 * io.clipwb.core.text.SiglipTokenizer} over {@code core.sentencepiece}), the word-vocabulary tokenizer of the sample models,
 * prompt template sets and class-name files.
 *
 * <p>References: openai/CLIP {@code simple_tokenizer.py} and {@code clip.tokenize(truncate=True)}
 * ({@code ClipTokenizerFidelityTest} compares 2,012 texts with {@code shared/reference/clip_tokenizer.json}),
 * Hugging Face {@code CLIPTokenizerFast}, transformers' {@code tokenization_siglip.py}
 * ({@code SiglipTokenizerTest}), CLIP_benchmark's templates and class names.
 *
 * <p>May use: {@code core.model} (the tokenizer spec), {@code core.io}, {@code core.util} and Jackson.
 */
package io.clipwb.core.text;
