package io.clipwb.core.project;

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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** What one (model, set) zero-shot pass did. */
  public record PairRun(
      String model, String set, String role, int images, int fromCache, int computed, int failed, double acc1, double seconds) {}

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

  /** The bundles and sets a run covers, in project order. */
  public record Selection(List<Project.BundleEntry> bundles, List<Project.DataSetEntry> sets) {}

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
      if (!d.isClassification()) {
        throw new ProjectException("data set \"" + n + "\" has role \"" + d.role() + "\": the project run scores the roles "
            + Project.ROLE_ID + ", " + Project.ROLE_SHIFT + ", " + Project.ROLE_CORRUPTION + ", " + Project.ROLE_OOD + " and "
            + Project.ROLE_CUE_CONFLICT
            + "; use its own command");
      }
    }
    List<Project.DataSetEntry> sets = new ArrayList<>();
    for (Project.DataSetEntry d : p.datasets()) {
      if (!d.isClassification()) continue;
      if (d == id || params.datasets().isEmpty() || params.datasets().contains(d.name())) sets.add(d);
    }
    return new Selection(List.copyOf(bs), List.copyOf(sets));
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
    long t0 = System.nanoTime();
    Progress pr = progress == null ? Progress.NONE : progress;
    Cancellation c = cancel == null ? Cancellation.none() : cancel;
    Selection sel = select(p, params);

    // validate every bundle and open every data set before any model work
    Map<String, Bundle> bundles = new LinkedHashMap<>();
    for (Project.BundleEntry e : sel.bundles()) {
      try {
        bundles.put(e.name(), BundleLoader.load(e.path()));
      } catch (RuntimeException ex) {
        throw new ProjectException("bundle \"" + e.name() + "\": " + ex.getMessage());
      }
    }
    Project.DataSetEntry idEntry = p.idSet();
    Dataset idData = open(idEntry, Optional.empty());
    ClassSet classes = idData.classes();
    Map<String, Dataset> sets = new LinkedHashMap<>();
    for (Project.DataSetEntry d : sel.sets()) sets.put(d.name(), d == idEntry ? idData : open(d, Optional.of(classes)));

    ImageEmbedder.Options opts = new ImageEmbedder.Options(params.batch(), params.decodeThreads());
    long perModel = sets.values().stream().mapToLong(ds -> ds.items().size()).sum();
    long units = perModel * bundles.size();
    List<PairRun> runs = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, Bundle> be : bundles.entrySet()) {
      c.check();
      Bundle b = be.getValue();
      String tname = params.templates() != null ? params.templates() : p.prompts() != null ? p.prompts() : PromptSets.defaultFor(b);
      List<String> templates = PromptSets.templates(tname);
      try (ClipModel model = opener.open(b)) {
        for (Project.DataSetEntry d : sel.sets()) {
          c.check();
          Dataset ds = sets.get(d.name());
          final long base = offset;
          final long n = ds.items().size();
          final String label = be.getKey() + " / " + d.name();
          // image units: the pair's cached images count as done once the embedder knows them
          Progress inner = (done, total, msg) -> {
            long at = msg.startsWith("encoding images") && total >= 0 ? base + (n - total) + done : base;
            pr.update(Math.min(at, base + n), units, label + ": " + msg);
          };
          pr.update(base, units, label);
          ZeroShotRun.Summary s = ZeroShotRun.execute(
              new ZeroShotRun.Spec(ds, tname, templates, cacheRoot, opts, environment), model,
              runDir(out, be.getKey(), d.name()), inner, c);
          offset += n;
          runs.add(new PairRun(be.getKey(), d.name(), d.role(), s.images(), s.fromCache(), s.computed(), s.failed(),
              s.metrics().acc1(), s.seconds()));
          LOG.info("{}: {} images ({} from cache, {} computed, {} failed), acc1 {}", label, s.images(), s.fromCache(),
              s.computed(), s.failed(), s.metrics().acc1());
        }
      }
    }
    pr.update(units, units, "computing the report from the run folders");
    ProjectReport report = ProjectReport.compute(p, params, out, Progress.NONE, c);
    report.write(out);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("format", "clipwb-project-run");
    rec.put("version", 1);
    rec.put("created", Instant.now().toString());
    rec.put("project", p.file().toAbsolutePath().toString());
    rec.put("cache", cacheRoot.toAbsolutePath().toString());
    rec.put("params", params);
    Map<String, Object> fp = new LinkedHashMap<>();
    bundles.forEach((n, b) -> fp.put(n, Map.of("dir", b.dir().toAbsolutePath().toString(), "fingerprint", b.fingerprint())));
    rec.put("bundles", fp);
    rec.put("runs", runs);
    rec.put("environment", environment);
    rec.put("seconds", seconds);
    Json.write(out.resolve("project-run.json"), Json.mapper().valueToTree(rec));
    return new Summary(out, List.copyOf(runs), report, seconds);
  }

  private static Dataset open(Project.DataSetEntry d, Optional<ClassSet> classes) {
    Dataset ds;
    try {
      ds = Datasets.open(d.manifest(), classes);
    } catch (RuntimeException ex) {
      throw new ProjectException("data set \"" + d.name() + "\": " + ex.getMessage());
    }
    return new Dataset(d.name(), ds.root(), ds.layout(), ds.classes(), ds.items());
  }
}
