package io.clipwb.core.text;

import java.util.List;

/**
 * Prompt template sets ({@code {c}} stands for the class name). CONTRACT STUB — implemented in the
 * fidelity work. Built-in names: {@code imagenet-80} (OpenAI's 80), {@code imagenet-7} (the 7-template
 * ensemble), {@code single} ("a photo of a {c}."); otherwise a CLIP_benchmark JSON file
 * ({@code path} or {@code path#key}).
 */
public final class PromptSets {
  private PromptSets() {}

  public static List<String> templates(String nameOrFile) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Fills a template: every {@code {c}} becomes the class name. */
  public static String fill(String template, String className) {
    return template.replace("{c}", className);
  }
}
