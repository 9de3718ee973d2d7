package io.clipwb.app.state;

import io.clipwb.core.io.Sha256;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    String hex = Sha256.hex(p.file().toAbsolutePath().normalize().toString());
    return dataDir.resolve("projects").resolve(ResultFiles.safe(p.name()) + "-" + hex.substring(0, 8));
  }

  /**
   * Runs the project. {@code partial} receives a report over the pairs finished so far each time
   * a pair finishes (computed on the calling thread's next step: keep it cheap or hand it off).
   */
  public static ProjectRun.Summary run(
      Project p, RunRequest req, Path cache, Path out, Progress progress, Cancellation cancel, Consumer<String[]> pairFinished) {
    ProjectParams params = req.params();
    // the pair label ("model / set: ...") of the progress messages tells when the previous pair's
    // run folder is complete (ProjectRun writes it before it starts the next pair)
    String[] current = {null};
    Progress watch = new Progress() {
      @Override
      public void update(long d, long t, String msg) {
        String label = msg == null ? null : msg.contains(": ") ? msg.substring(0, msg.indexOf(": ")) : msg;
        if (label != null && label.contains(" / ") && !label.equals(current[0])) {
          if (current[0] != null) pairFinished.accept(current[0].split(" / ", 2));
          current[0] = label;
        } else if (msg != null && msg.startsWith("computing the report") && current[0] != null) {
          pairFinished.accept(current[0].split(" / ", 2));
          current[0] = null;
        }
        progress.update(d, t, msg);
      }

      @Override
      public void items(long computed, long fromCache) {
        progress.items(computed, fromCache);
      }
    };
    boolean forceCpu = !req.gpu();
    return ProjectRun.execute(p, params, b -> DjlClipModel.load(b, forceCpu), cache, DjlClipModel.runEnvironment(), out, watch, cancel);
  }

  /**
   * The prompt lab's re-scoring of a report's models with new templates / class names, opening
   * only text towers (DJL's {@code loadTextOnly}) and only for prompts not in the cache.
   */
  public static io.clipwb.core.project.PromptLab.Outcome rescorePrompts(Project p, io.clipwb.core.project.PromptLab.Inputs inputs,
      Path out, List<String> templates, List<String> classNames, Path cache, boolean forceCpu, Progress progress, Cancellation cancel) {
    return io.clipwb.core.project.PromptLab.rescore(p, inputs, out, templates, classNames, b -> DjlClipModel.loadTextOnly(b, forceCpu),
        cache, progress, cancel);
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
   * The report over what exists under {@code out}: the core's report over the finished pairs of
   * {@code sets} (null or empty: all classification sets), listing the missing ones. Null when no
   * model has a finished in-distribution run yet.
   */
  public static ProjectReport reportOfFinished(Project p, List<String> sets, Path out, Cancellation cancel) {
    boolean anyId = status(p, out).stream().anyMatch(x -> x.complete() && x.set().equals(p.idSet().name()));
    if (!anyId) return null;
    List<String> chosen = sets == null ? List.of() : sets;
    return ProjectReport.compute(p, ProjectParams.defaults().withSelection(List.of(), chosen), out, Progress.NONE, cancel);
  }

  /** How many images of each model × set the cache already holds (no model is loaded; blocking). */
  public static List<io.clipwb.core.project.CacheSurvey.Count> cacheSurvey(Project p, Path cache) {
    return io.clipwb.core.project.CacheSurvey.count(p, cache, Cancellation.none());
  }

  private static volatile java.util.concurrent.CompletableFuture<Integer> gpus;

  /**
   * The CUDA devices DJL sees, asked once per process on a daemon thread (loading the engine takes
   * a moment); 0 when the engine cannot say.
   */
  public static java.util.concurrent.CompletableFuture<Integer> gpus() {
    java.util.concurrent.CompletableFuture<Integer> g = gpus;
    if (g == null) {
      synchronized (ProjectService.class) {
        if (gpus == null) {
          gpus = new java.util.concurrent.CompletableFuture<>();
          Thread t = new Thread(() -> {
            try {
              gpus.complete(DjlClipModel.gpuCount());
            } catch (RuntimeException | LinkageError e) {
              gpus.complete(0);
            }
          }, "clipwb-gpu-probe");
          t.setDaemon(true);
          t.start();
        }
        g = gpus;
      }
    }
    return g;
  }
}
