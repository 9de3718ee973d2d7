package io.clipwb.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.data.Dataset;
import io.clipwb.core.data.Datasets;
import io.clipwb.core.eval.ResultFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectParams;
import io.clipwb.core.project.ProjectReport;
import io.clipwb.core.project.ProjectRun;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import io.clipwb.djl.DjlClipModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every call the workbench makes into the core project API, in one place, so a change of the core
 * (typed run folders, a report over finished pairs, richer progress) is adapted here and nowhere
 * else. All methods block: callers run them off the FX thread.
 */
public final class ProjectService {
  private ProjectService() {}

  /** What the run dialog asks for. */
  public record RunRequest(List<String> models, List<String> sets, String templates, int batch, int threads, boolean gpu) {
    public ProjectParams params() {
      return ProjectParams.defaults().withSelection(models, sets).withTemplates(templates).withBatching(batch, threads);
    }
  }

  /** One model x set pair of a project's output folder. */
  public record PairStatus(String model, String set, String role, boolean complete, int images, int fromCache, int computed) {}

  public static Project load(Path file) {
    return Project.load(file);
  }

  public static Bundle loadBundle(Path dir) {
    return BundleLoader.load(dir);
  }

  public static Dataset openDataset(Path manifestOrFolder) {
    return Datasets.open(manifestOrFolder, Optional.empty());
  }

  /**
   * The output folder the GUI runs a project into:
   * {@code <data dir>/projects/<safe name>-<8 hex of sha256(absolute project path)>}.
   */
  public static Path outputsFor(Path dataDir, Project p) {
    String abs = p.file().toAbsolutePath().normalize().toString();
    String hex;
    try {
      hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(abs.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return dataDir.resolve("projects").resolve(ResultFiles.safe(p.name()) + "-" + hex.substring(0, 8));
  }

  /** Engine facts recorded in run manifests (what the CLI records too). */
  public static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("clipwb", "0.1.0");
    env.put("java", System.getProperty("java.version"));
    env.putAll(DjlClipModel.environment());
    return env;
  }

  /**
   * Runs the project. {@code partial} receives a report over the pairs finished so far each time
   * a pair finishes (computed on the calling thread's next step: keep it cheap or hand it off).
   */
  public static ProjectRun.Summary run(
      Project p, RunRequest req, Path cache, Path out, Progress progress, Cancellation cancel, Consumer<String[]> pairFinished) {
    ProjectParams params = req.params();
    // TODO(core consolidation): the core will report finished pairs itself; today the pair label
    // ("model / set: ...") of the progress messages tells when the previous pair's folder is complete
    String[] current = {null};
    Progress watch = (d, t, msg) -> {
      String label = msg == null ? null : msg.contains(": ") ? msg.substring(0, msg.indexOf(": ")) : msg;
      if (label != null && label.contains(" / ") && !label.equals(current[0])) {
        if (current[0] != null) pairFinished.accept(current[0].split(" / ", 2));
        current[0] = label;
      } else if (msg != null && msg.startsWith("computing the report") && current[0] != null) {
        pairFinished.accept(current[0].split(" / ", 2));
        current[0] = null;
      }
      progress.update(d, t, msg);
    };
    boolean forceCpu = !req.gpu();
    return ProjectRun.execute(p, params, b -> DjlClipModel.load(b, forceCpu), cache, environment(), out, watch, cancel);
  }

  /** The classification pairs of a project and whether each has a complete run folder under {@code out}. */
  public static List<PairStatus> status(Project p, Path out) {
    Map<String, JsonNode> recorded = new LinkedHashMap<>();
    Path pr = out.resolve("project-run.json");
    if (Files.isRegularFile(pr)) {
      try {
        for (JsonNode r : Json.read(pr).path("runs")) recorded.put(r.path("model").asText() + "\n" + r.path("set").asText(), r);
      } catch (RuntimeException e) {
        // an unreadable record only loses the cache column
      }
    }
    List<PairStatus> s = new ArrayList<>();
    for (Project.BundleEntry b : p.bundles()) {
      for (Project.DataSetEntry d : p.datasets()) {
        if (!d.isClassification()) continue;
        Path dir = ProjectRun.runDir(out, b.name(), d.name());
        boolean complete = Files.isRegularFile(dir.resolve("manifest.json"));
        JsonNode r = recorded.get(b.name() + "\n" + d.name());
        s.add(new PairStatus(b.name(), d.name(), d.role(), complete, r == null ? -1 : r.path("images").asInt(),
            r == null ? -1 : r.path("from_cache").asInt(r.path("fromCache").asInt()), r == null ? -1 : r.path("computed").asInt()));
      }
    }
    return s;
  }

  /**
   * The report over what exists under {@code out}: each model with a complete in-distribution run,
   * on those of {@code sets} (null or empty: all classification sets) whose run folders are complete.
   * Computed model by model and merged (no effective robustness: its fit needs the same sets for
   * every model; the final report of a run has it). Null when no model has a complete ID run.
   * TODO(core consolidation): replace with the core's report over finished pairs.
   */
  public static ProjectReport reportOfFinished(Project p, List<String> sets, Path out, Cancellation cancel) {
    List<PairStatus> st = status(p, out);
    String id = p.idSet().name();
    List<ProjectReport.ModelReport> models = new ArrayList<>();
    Map<String, String> roles = new LinkedHashMap<>();
    ProjectReport last = null;
    for (Project.BundleEntry b : p.bundles()) {
      List<String> done = new ArrayList<>();
      for (PairStatus x : st) {
        if (!x.model().equals(b.name()) || !x.complete()) continue;
        if (x.set().equals(id) || sets == null || sets.isEmpty() || sets.contains(x.set())) done.add(x.set());
      }
      if (!done.contains(id)) continue;
      cancel.check();
      last = ProjectReport.compute(p, ProjectParams.defaults().withSelection(List.of(b.name()), done), out, Progress.NONE, cancel);
      models.addAll(last.models());
      roles.putAll(last.roles());
    }
    if (last == null) return null;
    return new ProjectReport(last.version(), last.project(), last.params(), roles, List.copyOf(models), List.of(), last.notes());
  }
}
