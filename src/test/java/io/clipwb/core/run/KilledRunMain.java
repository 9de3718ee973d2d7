package io.clipwb.core.run;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.data.Datasets;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Path;
import java.util.Optional;

/** Child process of {@link ImageEmbedderTest#resumesAfterKillMinus9}: a slow run that gets killed. */
public final class KilledRunMain {
  public static void main(String[] args) {
    Path data = Path.of(args[0]);
    Path cache = Path.of(args[1]);
    FakeClipModel m = new FakeClipModel(data, 16, 300, -1);
    ImageEmbedder.run(m, Datasets.open(data, Optional.empty()).items(),
        EmbeddingCache.open(cache, m.bundle().fingerprint(), "images"), new ImageEmbedder.Options(4, 1),
        Progress.NONE, Cancellation.none());
  }
}
