package io.clipwb.core.project;

import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.ClipModel;

/**
 * Opens a bundle as a runnable model. The core never names an inference engine: the front ends pass
 * the DJL adapter's loader ({@code DjlClipModel::load}); tests may pass a fake.
 */
@FunctionalInterface
public interface ModelOpener {
  ClipModel open(Bundle bundle);
}
