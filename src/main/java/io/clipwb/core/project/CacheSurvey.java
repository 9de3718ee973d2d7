package io.clipwb.core.project;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.data.ClassSet;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.run.ImageEmbedder;
import io.clipwb.core.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How much of a project run the embedding cache already holds, per model × set, without loading
 * any model: the same lookup {@link ImageEmbedder} does (content keys, then the v1 path keys of older
 * caches, migrated as they are found), so the run dialog can say "18,000 of 21,616 images cached"
 * before the user starts a run. Costs one {@code stat} per image the digest index knows (hashing the
 * bytes of the others once) and reading each model's cache.
 */
public final class CacheSurvey {
  private CacheSurvey() {}

  /** One model × set: images whose embedding is cached, of all images of the set. */
  public record Count(String model, String set, int cached, int total) {}

  /**
   * Counts the cached images of every model × classification set of {@code p}.
   *
   * @throws ProjectException naming a bundle or data set that cannot be opened
   */
  public static List<Count> count(Project p, Path cacheRoot, Cancellation cancel) {
    Objects.requireNonNull(cancel, "cancel");
    Project.DataSetEntry id = p.idSet();
    Dataset idData = ProjectRun.open(id, Optional.empty(), p.allowOutsideRoot());
    ClassSet classes = idData.classes();
    Map<String, Dataset> sets = new LinkedHashMap<>();
    for (Project.DataSetEntry d : p.datasets()) {
      if (d.isClassification()) sets.put(d.name(), d == id ? idData : ProjectRun.open(d, Optional.of(classes), p.allowOutsideRoot()));
    }
    List<Count> out = new ArrayList<>();
    for (Project.BundleEntry e : p.bundles()) {
      cancel.check();
      Bundle b;
      try {
        b = BundleLoader.load(e.path());
      } catch (RuntimeException ex) {
        throw new ProjectException("bundle \"" + e.name() + "\": " + ex.getMessage(), ex);
      }
      EmbeddingCache cache = EmbeddingCache.open(cacheRoot, b.fingerprint(), "images", b.embedDim());
      for (Map.Entry<String, Dataset> s : sets.entrySet()) {
        List<Path> paths = s.getValue().items().stream().map(DataItem::path).toList();
        int cached = 0;
        for (int from = 0; from < paths.size(); from += 2048) {
          cancel.check();
          List<Path> chunk = paths.subList(from, Math.min(paths.size(), from + 2048));
          // an unreadable image is not cached; the run reports it as failed
          boolean[] hit = ImageEmbedder.lookUp(cache, b.preprocessing(), chunk, 1, new String[chunk.size()], new String[chunk.size()]);
          for (boolean h : hit) if (h) cached++;
        }
        out.add(new Count(e.name(), s.getKey(), cached, s.getValue().items().size()));
      }
    }
    return List.copyOf(out);
  }
}
