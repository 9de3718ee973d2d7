package io.clipwb.core.eval.lmm;

/**
 * One LMM answer as read from a file, before it is matched to a question. Any of
 * {@code questionId}, {@code index}, {@code image} and {@code position} (the k-th exported question,
 * from lmms-eval's {@code doc_id}) may be null; the matcher uses the first that is present. {@code source}/{@code line} name where it came from, for error messages.
 */
public record LmmAnswer(String source, int line, String model, String questionId, Integer index, String image, Integer position, String answer) {}
