package io.clipwb.core.image;

import java.nio.file.Path;

/**
 * Decodes image files to 8-bit RGB exactly as PIL's {@code Image.open(p).convert("RGB")} does
 * (the first step of OpenAI CLIP's preprocessing). CONTRACT STUB — implemented in the fidelity work.
 */
public final class ImageDecoder {
  private ImageDecoder() {}

  /**
   * @throws ImageDecodeException with a reason a user understands (truncated, unsupported format, ...)
   */
  public static RgbImage decode(Path file) throws ImageDecodeException {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
