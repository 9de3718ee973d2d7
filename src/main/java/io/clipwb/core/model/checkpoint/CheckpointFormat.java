package io.clipwb.core.model.checkpoint;

import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.FileDigests;
import io.clipwb.core.model.FolderFormat;
import java.nio.file.Path;

/** Hugging Face CLIP and open_clip checkpoint folders as a {@link FolderFormat} (registered in META-INF/services). */
public final class CheckpointFormat implements FolderFormat {
  @Override
  public boolean recognises(Path folder) {
    return CheckpointFolders.recognise(folder).isPresent();
  }

  @Override
  public Bundle load(Path folder, FileDigests digests) {
    return CheckpointFolders.load(folder, digests);
  }
}
