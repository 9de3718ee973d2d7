package io.clipwb.core.sweep;

import io.clipwb.core.cache.EmbeddingCache;
import io.clipwb.core.data.ClassSet;
import io.clipwb.core.data.DataItem;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectException;
import io.clipwb.core.project.ProjectParams;
import io.clipwb.core.project.ProjectRetrieval;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.run.ImageEmbedder;
import io.clipwb.core.util.Cancellation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link SweepPlan}: for every model × set a project run would embed (the same
 * {@link ProjectRun#select selection}: classification sets and caption sets), the images the local
 * cache lacks, keyed and looked up exactly as a run does ({@link ImageEmbedder#lookUp}: content keys,
 * rows still under v1 path keys migrated). Costs one {@code stat} per image once the cache's digest
 * index knows the file (one SHA-256 of its bytes the first time) plus reading each model's cache;
 * loads no model.
 *
 * <p>The JSON-lines files are written first and {@code plan.json} last, so a folder with a
 * {@code plan.json} is a complete plan.
 */
public final class SweepPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(SweepPlanner.class);
  /** Threads hashing image files for the cache look-up (the digest index makes a second plan cheap). */
  private static final int LOOKUP_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private SweepPlanner() {}

  /**
   * @param pathMap how the cluster sees local paths (images, and bundles unless copied)
   * @param copyBundles copy each bundle folder into {@code out/bundles/} (for clusters that do not
   *     share the desktop's storage); else the plan references the (mapped) bundle folder
   * @param out the plan folder (created; an existing plan there is replaced)
   */
  public static SweepPlan.Plan plan(Project p, ProjectParams params, Path cacheRoot, PathMap pathMap, boolean copyBundles, Path out,
      Cancellation cancel) {
    Objects.requireNonNull(cancel, "cancel");
    ProjectRun.Selection sel = ProjectRun.select(p, params);
    Map<String, List<DataItem>> sets = openSets(p, sel);
    Map<String, Bundle> bundles = ProjectRun.loadBundles(sel);
    try {
      Files.createDirectories(out);
      Files.deleteIfExists(out.resolve(SweepPlan.PLAN_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create plan folder " + out + ": " + e.getMessage(), e);
    }
    List<SweepPlan.Model> models = new ArrayList<>();
    long total = 0;
    int index = 0;
    for (Map.Entry<String, Bundle> be : bundles.entrySet()) {
      cancel.check();
      Bundle b = be.getValue();
      String file = String.format("%02d-%s.jsonl", index++, ResultFiles.safe(be.getKey()));
      EmbeddingCache cache = EmbeddingCache.open(cacheRoot, b.fingerprint(), "images", b.embedDim());
      List<SweepPlan.SetCount> counts = new ArrayList<>();
      long lines = 0;
      Set<String> seen = new HashSet<>();
      try (BufferedWriter w = Files.newBufferedWriter(out.resolve(file), StandardCharsets.UTF_8)) {
        for (Map.Entry<String, List<DataItem>> s : sets.entrySet()) {
          int missing = 0;
          List<DataItem> items = s.getValue();
          // the cache's own look-up: content keys through its digest index, and rows still under
          // v1 (path) keys copied to their content key, so they are not planned again
          List<java.nio.file.Path> paths = items.stream().map(DataItem::path).toList();
          String[] keys = new String[items.size()];
          String[] errors = new String[items.size()];
          boolean[] hit = ImageEmbedder.lookUp(cache, b.preprocessing(), paths, LOOKUP_THREADS, keys, errors);
          for (int i = 0; i < items.size(); i++) {
            cancel.check();
            if (hit[i]) continue;
            if (keys[i] == null) {
              LOG.warn("sweep plan: {} is not planned: {}", paths.get(i), errors[i]);
              continue;
            }
            SweepPlan.Image img = image(keys[i], items.get(i), s.getKey(), pathMap);
            if (img == null) continue;
            missing++;
            if (!seen.add(img.key())) continue; // the same file in two sets: embedded once
            w.write(SweepPlan.line(img));
            w.write('\n');
            lines++;
          }
          counts.add(new SweepPlan.SetCount(s.getKey(), s.getValue().size(), missing));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + out.resolve(file) + ": " + e.getMessage(), e);
      }
      String bundleRef = copyBundles ? copyBundle(b.dir(), out.resolve("bundles").resolve(ResultFiles.safe(be.getKey())), out)
          : pathMap.apply(b.dir());
      models.add(new SweepPlan.Model(be.getKey(), b.fingerprint(), cacheDir(b.fingerprint()), bundleRef, copyBundles, b.embedDim(),
          b.preprocessing(), file, lines, List.copyOf(counts)));
      total += lines;
      LOG.info("sweep plan: {}: {} images to embed", be.getKey(), lines);
    }
    SweepPlan.Plan plan = new SweepPlan.Plan(SweepPlan.FORMAT, SweepPlan.VERSION, Instant.now().toString(),
        p.file().toAbsolutePath().toString(), cacheRoot.toAbsolutePath().toString(), pathMap.rules(), SweepPlan.TEXT_NOTE,
        List.copyOf(models), total);
    Json.write(out.resolve(SweepPlan.PLAN_FILE), plan);
    return plan;
  }

  /** The folder name of a model in a cache: the first 16 hex digits of its fingerprint (as {@link EmbeddingCache} names it). */
  public static String cacheDir(String fingerprint) {
    return fingerprint.length() > 16 ? fingerprint.substring(0, 16) : fingerprint;
  }

  /** The plan line of one image, or null when it cannot be read (the project run reports it as failed). */
  private static SweepPlan.Image image(String key, DataItem it, String set, PathMap pathMap) {
    try {
      BasicFileAttributes a = Files.readAttributes(it.path(), BasicFileAttributes.class);
      return new SweepPlan.Image(key, pathMap.apply(it.path()), a.size(), a.lastModifiedTime().toMillis(), set, it.id());
    } catch (IOException e) {
      LOG.warn("sweep plan: {} is not planned: {}", it.path(), e.getMessage());
      return null;
    }
  }

  /** The items of every set a project run embeds, in project order. */
  private static Map<String, List<DataItem>> openSets(Project p, ProjectRun.Selection sel) {
    Project.DataSetEntry id = p.idSet();
    Dataset idData = ProjectRun.open(id, Optional.empty(), p.allowOutsideRoot());
    ClassSet classes = idData.classes();
    Map<String, List<DataItem>> sets = new LinkedHashMap<>();
    for (Project.DataSetEntry d : sel.sets()) {
      sets.put(d.name(), (d == id ? idData : ProjectRun.open(d, Optional.of(classes), p.allowOutsideRoot())).items());
    }
    for (Project.DataSetEntry d : sel.captions()) {
      List<DataItem> items = new ArrayList<>();
      try {
        Path root = ProjectRetrieval.imageRoot(d);
        for (String img : ProjectRetrieval.captions(d).images()) items.add(new DataItem(img, root.resolve(img).normalize(), -1, Map.of()));
      } catch (RuntimeException ex) {
        throw new ProjectException("data set \"" + d.name() + "\": " + ex.getMessage(), ex);
      }
      sets.put(d.name(), items);
    }
    return sets;
  }

  /** Copies a bundle folder (recursively) into the plan; returns its path relative to the plan folder. */
  private static String copyBundle(Path from, Path to, Path planDir) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path src : s.toList()) {
        Path dst = to.resolve(from.relativize(src).toString());
        if (Files.isDirectory(src)) Files.createDirectories(dst);
        else Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy bundle " + from + " into the plan: " + e.getMessage(), e);
    }
    return planDir.relativize(to).toString();
  }
}
