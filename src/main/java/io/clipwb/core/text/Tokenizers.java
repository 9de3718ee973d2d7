package io.clipwb.core.text;

import io.clipwb.core.model.Bundle;

/** Creates the tokenizer a bundle names. CONTRACT STUB — implemented in the fidelity work. */
public final class Tokenizers {
  private Tokenizers() {}

  public static Tokenizer forBundle(Bundle bundle) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
