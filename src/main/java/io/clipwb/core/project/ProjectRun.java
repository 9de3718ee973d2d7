package io.clipwb.core.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.data.ClassSet;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.data.Datasets;
import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.run.ImageEmbedder;
import io.clipwb.core.run.ZeroShotRun;
import io.clipwb.core.text.PromptSets;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every model of a project on every classification set in one pass, then writes the
 * cross-model report. This is the workbench's "one click": zero-shot logits of each (model, set)
 * pair go through the embedding cache into a run folder {@code out/runs/<model>/<set>/} (the same
 * folder {@code clipwb eval} writes), and {@link ProjectReport} computes calibration, OOD detection,
 * accuracy under shift and effective robustness from those folders alone.
 *
 * <p>Nothing is lost on a crash or cancel: every embedding already computed is in the cache, so the
 * next run recomputes only the rest; every bundle and data set is validated before any model work.
 */
public final class ProjectRun {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectRun.class);

  private ProjectRun() {}

  /** A pair whose run folder was written. */
  public static final String COMPLETE = "complete";

  /** A pair whose run stopped with an error or a cancel; its previous run folder, if any, is unchanged. */
  public static final String FAILED = "failed";

  /**
   * What one (model, set) zero-shot pass did.
   *
   * @param failed images that could not be decoded (not rows of the run)
   * @param status {@link #COMPLETE} or {@link #FAILED}
   * @param error why the pair failed, or null
   */
  public record PairRun(
      String model, String set, String role, int images, @JsonProperty("from_cache") int fromCache, int computed, int failed,
      double acc1, double seconds, String status, String error) {}

  /**
   * The record of a project run ({@code project-run.json}), rewritten after every pair, so that a
   * cancelled or failed run still says which pairs finished.
   *
   * @param status {@code running} (the run is going on, or its process died), {@code complete},
   *     {@code cancelled} or {@code failed}
   * @param runs the pairs run so far, in run order
   */
  public record RunRecord(
      String created, String project, String cache, Map<String, String> bundles, List<PairRun> runs, String status, double seconds) {}

  /** What the whole run did. */
  public record Summary(Path out, List<PairRun> runs, ProjectReport report, double seconds) {
    public int computed() {
      return runs.stream().mapToInt(PairRun::computed).sum();
    }

    public int fromCache() {
      return runs.stream().mapToInt(PairRun::fromCache).sum();
    }

    public int failed() {
      return runs.stream().mapToInt(PairRun::failed).sum();
    }
  }

  /**
   * The bundles and sets a run covers, in project order.
   *
   * @param sets the classification sets (zero-shot logits)
   * @param captions the image–caption sets scored for retrieval ({@link ProjectRetrieval})
   */
  public record Selection(List<Project.BundleEntry> bundles, List<Project.DataSetEntry> sets, List<Project.DataSetEntry> captions) {
    public Selection(List<Project.BundleEntry> bundles, List<Project.DataSetEntry> sets) {
      this(bundles, sets, List.of());
    }
  }

  /** The folder of the run of {@code model} on {@code set} under a project run's output folder. */
  public static Path runDir(Path out, String model, String set) {
    return out.resolve("runs").resolve(ResultFiles.safe(model)).resolve(ResultFiles.safe(set));
  }

  /**
   * Resolves the parameters' bundle and set names against the project.
   *
   * @throws ProjectException naming any unknown bundle or set, or a set whose role is not a
   *     classification role
   */
  public static Selection select(Project p, ProjectParams params) {
    List<Project.BundleEntry> bs = new ArrayList<>();
    Set<String> known = new TreeSet<>();
    p.bundles().forEach(b -> known.add(b.name()));
    for (String n : params.bundles()) {
      if (!known.contains(n)) throw new ProjectException("no bundle named \"" + n + "\" in " + p.file() + " (bundles: " + known + ")");
    }
    for (Project.BundleEntry b : p.bundles()) if (params.bundles().isEmpty() || params.bundles().contains(b.name())) bs.add(b);
    Project.DataSetEntry id = p.idSet();
    Map<String, Project.DataSetEntry> byName = new LinkedHashMap<>();
    p.datasets().forEach(d -> byName.put(d.name(), d));
    for (String n : params.datasets()) {
      Project.DataSetEntry d = byName.get(n);
      if (d == null) throw new ProjectException("no data set named \"" + n + "\" in " + p.file() + " (sets: " + byName.keySet() + ")");
      if (!d.isClassification() && !d.isRetrieval()) {
        throw new ProjectException("data set \"" + n + "\" has role \"" + d.role() + "\": the project run scores the roles "
            + Project.ROLE_ID + ", " + Project.ROLE_SHIFT + ", " + Project.ROLE_CORRUPTION + ", " + Project.ROLE_OOD + ", "
            + Project.ROLE_CUE_CONFLICT + " and " + Project.ROLE_CAPTIONS + " (with a \"captions\" file)"
            + "; use its own command");
      }
    }
    List<Project.DataSetEntry> sets = new ArrayList<>();
    List<Project.DataSetEntry> captions = new ArrayList<>();
    for (Project.DataSetEntry d : p.datasets()) {
      boolean chosen = params.datasets().isEmpty() || params.datasets().contains(d.name());
      if (d.isRetrieval() && chosen) captions.add(d);
      if (!d.isClassification()) continue;
      if (d == id || chosen) sets.add(d);
    }
    return new Selection(List.copyOf(bs), List.copyOf(sets), List.copyOf(captions));
  }

  /**
   * Runs the project: validates everything, embeds through the cache, writes the run folders and
   * the report.
   *
   * @param opener opens a bundle as a model (the DJL adapter in the front ends)
   * @param cacheRoot the embedding cache
   * @param environment facts recorded in every run manifest (engine, versions)
   * @param out output folder: {@code runs/}, {@code models/}, summary files, {@code project-run.json}
   */
  public static Summary execute(
      Project p, ProjectParams params, ModelOpener opener, Path cacheRoot, Map<String, String> environment, Path out,
      Progress progress, Cancellation cancel) {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancel, "cancel");
    long t0 = System.nanoTime();
    Selection sel = select(p, params);

    // validate every bundle and open every data set before any model work
    Map<String, Bundle> bundles = loadBundles(sel);
    Project.DataSetEntry idEntry = p.idSet();
    Dataset idData = open(idEntry, Optional.empty(), p.allowOutsideRoot());
    ClassSet classes = idData.classes();
    Map<String, Dataset> sets = new LinkedHashMap<>();
    for (Project.DataSetEntry d : sel.sets()) sets.put(d.name(), d == idEntry ? idData : open(d, Optional.of(classes), p.allowOutsideRoot()));

    // class subsets (read by the report after every model has run) and prompt sets are checked now
    for (Project.DataSetEntry d : sel.sets()) {
      try {
        ProjectReport.subset(d, classes.size());
      } catch (RuntimeException ex) {
        throw new ProjectException("data set \"" + d.name() + "\": class_subset: " + ex.getMessage(), ex);
      }
    }
    Map<String, List<String>> templatesOf = new LinkedHashMap<>();
    Map<String, String> templateNames = new LinkedHashMap<>();
    for (Map.Entry<String, Bundle> be : bundles.entrySet()) {
      String tname = params.templates() != null ? params.templates() : p.prompts() != null ? p.prompts() : PromptSets.defaultFor(be.getValue());
      try {
        templatesOf.put(be.getKey(), PromptSets.templates(tname));
      } catch (RuntimeException ex) {
        throw new ProjectException("bundle \"" + be.getKey() + "\": prompts \"" + tname + "\": " + ex.getMessage(), ex);
      }
      templateNames.put(be.getKey(), tname);
    }

    Map<String, Integer> captionImages = new LinkedHashMap<>();
    for (Project.DataSetEntry d : sel.captions()) {
      try {
        captionImages.put(d.name(), ProjectRetrieval.captions(d).images().size());
      } catch (RuntimeException ex) {
        throw new ProjectException("data set \"" + d.name() + "\": " + ex.getMessage(), ex);
      }
    }

    ImageEmbedder.Options opts = new ImageEmbedder.Options(params.batch(), params.decodeThreads());
    long perModel = sets.values().stream().mapToLong(ds -> ds.items().size()).sum()
        + captionImages.values().stream().mapToLong(Integer::longValue).sum();
    long units = perModel * bundles.size();
    RecordWriter rec = new RecordWriter(p, params, cacheRoot, bundles, environment, out, t0);
    long offset = 0;
    long computedSoFar = 0;
    long cachedSoFar = 0;
    try {
      for (Map.Entry<String, Bundle> be : bundles.entrySet()) {
        cancel.check();
        Bundle b = be.getValue();
        String tname = templateNames.get(be.getKey());
        List<String> templates = templatesOf.get(be.getKey());
        try (ClipModel model = opener.open(b)) {
          for (Project.DataSetEntry d : sel.sets()) {
            cancel.check();
            Dataset ds = sets.get(d.name());
            final long base = offset;
            final long n = ds.items().size();
            final String label = be.getKey() + " / " + d.name();
            // image units: the pair's cached images count as done once the embedder knows them
            final long computedBase = computedSoFar;
            final long cachedBase = cachedSoFar;
            Progress inner = new Progress() {
              @Override
              public void update(long done, long total, String msg) {
                long at = msg.startsWith("encoding images") && total >= 0 ? base + (n - total) + done : base;
                progress.update(Math.min(at, base + n), units, label + ": " + msg);
              }

              @Override
              public void items(long computed, long fromCache) {
                // cumulative over the whole project run, so a consumer's rate spans pairs
                progress.items(computedBase + computed, cachedBase + fromCache);
              }
            };
            progress.update(base, units, label);
            long tp = System.nanoTime();
            ZeroShotRun.Summary s;
            try {
              s = ZeroShotRun.execute(new ZeroShotRun.Spec(ds, tname, templates, cacheRoot, opts, environment), model,
                  runDir(out, be.getKey(), d.name()), inner, cancel);
            } catch (RuntimeException ex) {
              rec.add(new PairRun(be.getKey(), d.name(), d.role(), ds.items().size(), 0, 0, 0, Double.NaN,
                  (System.nanoTime() - tp) / 1e9, FAILED, String.valueOf(ex.getMessage())));
              throw ex;
            }
            offset += n;
            computedSoFar += s.computed();
            cachedSoFar += s.fromCache();
            rec.add(new PairRun(be.getKey(), d.name(), d.role(), s.images(), s.fromCache(), s.computed(), s.failed(),
                s.metrics().acc1(), s.seconds(), COMPLETE, null));
            LOG.info("{}: {} images ({} from cache, {} computed, {} failed), acc1 {}", label, s.images(), s.fromCache(),
                s.computed(), s.failed(), s.metrics().acc1());
          }
          for (Project.DataSetEntry d : sel.captions()) {
            cancel.check();
            long n = captionImages.get(d.name());
            String label = be.getKey() + " / " + d.name();
            final long base = offset;
            progress.update(base, units, label);
            long tp = System.nanoTime();
            ProjectRetrieval.Embedded s;
            try {
              s = ProjectRetrieval.embed(d, model, cacheRoot, opts, environment, runDir(out, be.getKey(), d.name()), new Progress() {
                @Override
                public void update(long done, long total, String msg) {
                  long at = msg != null && msg.startsWith("encoding images") && total >= 0 ? base + (n - total) + done : base;
                  progress.update(Math.min(at, base + n), units, label + ": " + msg);
                }
              }, cancel);
            } catch (RuntimeException ex) {
              rec.add(new PairRun(be.getKey(), d.name(), d.role(), (int) n, 0, 0, 0, Double.NaN,
                  (System.nanoTime() - tp) / 1e9, FAILED, String.valueOf(ex.getMessage())));
              throw ex;
            }
            offset += n;
            computedSoFar += s.computed();
            cachedSoFar += s.fromCache();
            rec.add(new PairRun(be.getKey(), d.name(), d.role(), s.images(), s.fromCache(), s.computed(), s.failed(), Double.NaN,
                s.seconds(), COMPLETE, null));
            LOG.info("{}: {} images, {} captions embedded for retrieval ({} images from cache)", label, s.images(), s.captions(),
                s.fromCache());
          }
        }
      }
      progress.update(units, units, "computing the report from the run folders");
      ProjectReport report = ProjectReport.compute(p, params, out, Progress.NONE, cancel);
      report.write(out);
      rec.finish("complete");
      return new Summary(out, rec.runs(), report, (System.nanoTime() - t0) / 1e9);
    } catch (java.util.concurrent.CancellationException ex) {
      rec.finish("cancelled");
      throw ex;
    } catch (RuntimeException ex) {
      rec.finish("failed");
      throw ex;
    }
  }

  /** Reads {@code out/project-run.json} back (the GUI shows complete/failed/missing pairs from it). */
  public static RunRecord readRecord(Path out) {
    Path f = out.resolve("project-run.json");
    if (!Files.isRegularFile(f)) throw new IllegalArgumentException(out + ": no project-run.json (the project has not been run here)");
    JsonNode n = Json.read(f);
    int version = n.path("version").asInt(0);
    if (!"clipwb-project-run".equals(n.path("format").asText()) || version < 1 || version > RECORD_VERSION) {
      throw new IllegalArgumentException(f + ": not a project run record this release reads (format "
          + n.path("format").asText() + ", version " + version + "; reads clipwb-project-run 1 to " + RECORD_VERSION + ")");
    }
    List<PairRun> runs = new ArrayList<>();
    for (JsonNode r : n.path("runs")) {
      // version 1 records of the previous release have camelCase "fromCache" and no status (all complete)
      int fromCache = r.has("from_cache") ? r.get("from_cache").asInt() : r.path("fromCache").asInt();
      runs.add(new PairRun(r.path("model").asText(), r.path("set").asText(), r.path("role").asText(), r.path("images").asInt(),
          fromCache, r.path("computed").asInt(), r.path("failed").asInt(), r.path("acc1").asDouble(Double.NaN),
          r.path("seconds").asDouble(Double.NaN), r.hasNonNull("status") ? r.get("status").asText() : COMPLETE,
          r.hasNonNull("error") ? r.get("error").asText() : null));
    }
    Map<String, String> bundles = new LinkedHashMap<>();
    n.path("bundles").fields().forEachRemaining(e -> bundles.put(e.getKey(), e.getValue().path("fingerprint").asText()));
    return new RunRecord(n.path("created").asText(null), n.path("project").asText(null), n.path("cache").asText(null), bundles,
        List.copyOf(runs), n.hasNonNull("status") ? n.get("status").asText() : "complete", n.path("seconds").asDouble(Double.NaN));
  }

  /** The version of {@code project-run.json} this release writes. */
  public static final int RECORD_VERSION = 1;

  /** Keeps {@code project-run.json} up to date: rewritten (atomically) after every pair and at the end. */
  private static final class RecordWriter {
    private final Map<String, Object> rec = new LinkedHashMap<>();
    private final List<PairRun> runs = new ArrayList<>();
    private final Path out;
    private final long t0;

    RecordWriter(Project p, ProjectParams params, Path cacheRoot, Map<String, Bundle> bundles, Map<String, String> env, Path out,
        long t0) {
      this.out = out;
      this.t0 = t0;
      rec.put("format", "clipwb-project-run");
      rec.put("version", RECORD_VERSION);
      rec.put("created", Instant.now().toString());
      rec.put("project", p.file().toAbsolutePath().toString());
      rec.put("cache", cacheRoot.toAbsolutePath().toString());
      rec.put("params", ProjectReportFiles.SNAKE.valueToTree(params));
      Map<String, Object> fp = new LinkedHashMap<>();
      bundles.forEach((n, b) -> fp.put(n, Map.of("dir", b.dir().toAbsolutePath().toString(), "fingerprint", b.fingerprint())));
      rec.put("bundles", fp);
      rec.put("runs", runs);
      rec.put("environment", env);
      rec.put("status", "running");
      rec.put("seconds", 0.0);
      write();
    }

    void add(PairRun r) {
      runs.add(r);
      write();
    }

    List<PairRun> runs() {
      return List.copyOf(runs);
    }

    void finish(String status) {
      rec.put("status", status);
      write();
    }

    private void write() {
      rec.put("seconds", (System.nanoTime() - t0) / 1e9);
      Json.write(out.resolve("project-run.json"), ProjectReportFiles.SNAKE.valueToTree(rec));
    }
  }

  /**
   * Every bundle of the selection, loaded and validated, by name (a run and a sweep plan check them
   * all before any work); a bad one fails naming it.
   */
  public static Map<String, Bundle> loadBundles(Selection sel) {
    Map<String, Bundle> bundles = new LinkedHashMap<>();
    for (Project.BundleEntry e : sel.bundles()) {
      try {
        bundles.put(e.name(), BundleLoader.load(e.path()));
      } catch (RuntimeException ex) {
        throw new ProjectException("bundle \"" + e.name() + "\": " + ex.getMessage(), ex);
      }
    }
    return bundles;
  }

  /** A project data set opened under its project name; a bad one fails naming it. */
  public static Dataset open(Project.DataSetEntry d, Optional<ClassSet> classes, boolean allowOutsideRoot) {
    Dataset ds;
    try {
      ds = Datasets.open(d.manifest(), classes, allowOutsideRoot);
    } catch (RuntimeException ex) {
      throw new ProjectException("data set \"" + d.name() + "\": " + ex.getMessage(), ex);
    }
    return new Dataset(d.name(), ds.root(), ds.layout(), ds.classes(), ds.items(), ds.skipped());
  }
}
