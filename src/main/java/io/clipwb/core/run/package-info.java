/**
 * Running models over data: the image embedder (decoding and preprocessing on worker threads
 * feeding the one inference thread, results through the cache), the text embedder (prompts cached
 * one by one), a zero-shot run that writes a run folder ({@code docs/run-folder.md}), and the
 * throughput benchmark behind {@code clipwb bench}.
 *
 * <p>May use: {@code core.cache}, {@code core.data}, {@code core.eval}, {@code core.image},
 * {@code core.io}, {@code core.model}, {@code core.text}, {@code core.util}, Jackson and SLF4J.
 */
package io.clipwb.core.run;
