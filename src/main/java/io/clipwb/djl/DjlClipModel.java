package io.clipwb.djl;

import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ClipModel;

/** CLIP towers from TorchScript through DJL's PyTorch engine, offline. CONTRACT STUB. */
public final class DjlClipModel {
  private DjlClipModel() {}

  /** Engine facts recorded in run manifests (engine name and version, device). */
  public static java.util.Map<String, String> environment() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static ClipModel load(Bundle bundle) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
