package io.clipwb.djl;

import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ClipModel;

/** CLIP towers from TorchScript through DJL's PyTorch engine, offline. CONTRACT STUB. */
public final class DjlClipModel {
  private DjlClipModel() {}

  public static ClipModel load(Bundle bundle) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
