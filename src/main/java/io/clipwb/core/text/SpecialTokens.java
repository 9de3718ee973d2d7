package io.clipwb.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every tokenizer here shares: the context length and the start/end-of-text ids that frame
 * each encoded prompt ({@link Tokenizer#encode}), and the reading of a JSON tokenizer file with
 * errors that name it.
 */
abstract class SpecialTokens implements Tokenizer {
  private final int contextLength;
  private final int sot;
  private final int eot;

  SpecialTokens(int contextLength, int sot, int eot) {
    this.contextLength = contextLength;
    this.sot = sot;
    this.eot = eot;
  }

  @Override
  public final int contextLength() {
    return contextLength;
  }

  @Override
  public final int sot() {
    return sot;
  }

  @Override
  public final int eot() {
    return eot;
  }

  /** Reads a tokenizer's JSON file, naming it when it is missing or not JSON. */
  static JsonNode readJson(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException("tokenizer file not found: " + file);
    try {
      return Json.read(file);
    } catch (RuntimeException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }
}
