package io.clipwb.core.project;

import io.clipwb.core.eval.RunArrays;
import io.clipwb.core.model.Bundle;
import io.clipwb.core.model.BundleLoader;
import io.clipwb.core.model.ClipModel;
import io.clipwb.core.model.ImageEncoder;
import io.clipwb.core.model.TextEncoder;
import io.clipwb.core.run.Rescorer;
import io.clipwb.core.runfolder.RunFolder;
import io.clipwb.core.runfolder.RunManifest;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The prompt lab's "what if": every model × classification set of a project report re-scored with
 * other prompt templates and/or class names from the run folders' cached image embeddings
 * ({@link Rescorer}; no image is read, no image tower is opened), and the model reports recomputed
 * from the new logits by the same code as {@link ProjectReport} (accuracy, calibration, OOD,
 * shape bias, corruption), so a re-scored number differs from the report's only through the
 * prompts. Nothing is written but new prompt embeddings to the text cache.
 *
 * <p>A text tower is opened only when some prompt is not in the cache, and then only the text
 * tower ({@code textOpener}, the DJL adapter's {@code loadTextOnly} in the front ends), once per
 * model. Prompts are the same for every set of a model, so they are embedded once per model.
 */
public final class PromptLab {
  private PromptLab() {}

  /**
   * What the lab computed.
   *
   * @param models the re-scored model reports, in the current report's order
   * @param promptsComputed prompts the text towers had to encode (0: everything came from the cache)
   * @param towersOpened text towers opened (0 when every prompt was cached)
   * @param seconds wall time
   */
  public record Outcome(List<String> templates, List<String> classNames, List<ProjectReport.ModelReport> models,
      int promptsComputed, int towersOpened, double seconds) {
    /** The re-scored metric table (same keys as {@link ProjectReport#metrics()}). */
    public MetricTable metrics() {
      return MetricTable.of(models, List.of());
    }
  }

  /**
   * What re-scoring reads from the run folders, loaded once per report and reused by every apply
   * (only the prompts change between applies): per model and classification set, the normalised
   * image embeddings, labels and the manifest (items, classes, logit scale).
   */
  public static final class Inputs {
    record Run(String name, float[][] embeddings, int[] labels, List<String> classNames, double logitScale,
        List<io.clipwb.core.runfolder.RunItem> items) {}

    private final ProjectReport report;
    private final Map<String, Map<String, Run>> runs;
    private final Map<String, Bundle> bundles;

    private Inputs(ProjectReport report, Map<String, Map<String, Run>> runs, Map<String, Bundle> bundles) {
      this.report = report;
      this.runs = runs;
      this.bundles = bundles;
    }

    /** The report these inputs belong to. */
    public ProjectReport report() {
      return report;
    }
  }

  /** Reads the run folders of {@code current}'s models and classification sets (no model is opened). */
  public static Inputs load(Project p, ProjectReport current, Path out, Cancellation cancel) {
    Map<String, Project.BundleEntry> entries = new LinkedHashMap<>();
    p.bundles().forEach(b -> entries.put(b.name(), b));
    Map<String, Map<String, Inputs.Run>> runs = new LinkedHashMap<>();
    Map<String, Bundle> bundles = new LinkedHashMap<>();
    for (ProjectReport.ModelReport m : current.models()) {
      Project.BundleEntry be = entries.get(m.model());
      if (be == null) throw new IllegalArgumentException("model \"" + m.model() + "\" of the report is not in the project");
      bundles.put(m.model(), BundleLoader.load(be.path()));
      Map<String, Inputs.Run> per = new LinkedHashMap<>();
      for (Project.DataSetEntry d : sets(p, current)) {
        cancel.check();
        Path dir = ProjectRun.runDir(out, m.model(), d.name());
        if (!Files.isRegularFile(dir.resolve("image_embeddings.npy")) || !Files.isRegularFile(dir.resolve("manifest.json"))) continue;
        RunManifest man = RunFolder.readManifest(dir);
        Rescorer.RunInputs in = Rescorer.read(dir);
        String name = man.name() != null ? man.name() : dir.toAbsolutePath().normalize().getFileName().toString();
        per.put(d.name(), new Inputs.Run(name, in.imageEmbeddings(), in.labels(), in.classNames(), man.logitScale(), man.items()));
      }
      runs.put(m.model(), per);
    }
    return new Inputs(current, runs, bundles);
  }

  private static List<Project.DataSetEntry> sets(Project p, ProjectReport current) {
    List<Project.DataSetEntry> sets = new ArrayList<>();
    for (Project.DataSetEntry d : p.datasets()) if (d.isClassification() && current.roles().containsKey(d.name())) sets.add(d);
    return sets;
  }

  /**
   * Re-scores the models and sets of {@code current} with new prompts ({@link #load} and
   * {@link #rescore(Project, Inputs, Path, List, List, Function, Path, Progress, Cancellation)}).
   */
  public static Outcome rescore(Project p, ProjectReport current, Path out, List<String> templates, List<String> classNames,
      Function<Bundle, ClipModel> textOpener, Path cacheRoot, Progress progress, Cancellation cancel) {
    return rescore(p, load(p, current, out, cancel), out, templates, classNames, textOpener, cacheRoot, progress, cancel);
  }

  /**
   * Re-scores the models and sets of the inputs' report with new prompts.
   *
   * @param templates the new templates ({@code {c}} = class name), not empty
   * @param classNames new names for the classes (same count and order as the runs'), or null to keep them
   * @param out the project run's output folder (holds {@code runs/})
   * @param textOpener opens a bundle's text tower (called at most once per model, only for uncached prompts)
   * @param cacheRoot the embedding cache the project was run with
   */
  public static Outcome rescore(Project p, Inputs inputs, Path out, List<String> templates, List<String> classNames,
      Function<Bundle, ClipModel> textOpener, Path cacheRoot, Progress progress, Cancellation cancel) {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancel, "cancel");
    if (templates == null || templates.isEmpty()) throw new IllegalArgumentException("no templates");
    long t0 = System.nanoTime();
    ProjectReport current = inputs.report();
    Project.DataSetEntry idEntry = p.idSet();
    List<Project.DataSetEntry> sets = sets(p, current);
    Map<String, Project.BundleEntry> bundles = new LinkedHashMap<>();
    p.bundles().forEach(b -> bundles.put(b.name(), b));
    List<ProjectReport.ModelReport> models = new ArrayList<>();
    int computed = 0;
    int opened = 0;
    int k = 0;
    for (ProjectReport.ModelReport m : current.models()) {
      cancel.check();
      Project.BundleEntry be = bundles.get(m.model());
      progress.update(k++, current.models().size(), m.model() + ": re-scoring");
      try (LazyText model = new LazyText(inputs.bundles.get(m.model()), textOpener)) {
        Map<String, RunArrays> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, Inputs.Run> e : inputs.runs.get(m.model()).entrySet()) {
          cancel.check();
          Inputs.Run in = e.getValue();
          List<String> names = classNames != null ? List.copyOf(classNames) : in.classNames();
          Rescorer.Result r = Rescorer.rescore(in.embeddings(), in.labels(), names, templates, model, cacheRoot, Progress.NONE, cancel);
          computed += r.promptsComputed();
          arrays.put(e.getKey(), new RunArrays(in.name(), toDouble(r.logits()), r.labels(), in.logitScale(), names, in.items()));
        }
        if (model.opened()) opened++;
        if (!arrays.containsKey(idEntry.name())) continue;
        models.add(ProjectReport.modelReport(be, idEntry, sets, arrays, m.card(), out, current.params(), cancel));
      }
    }
    progress.update(current.models().size(), current.models().size(), "re-scored");
    return new Outcome(List.copyOf(templates), classNames == null ? null : List.copyOf(classNames), List.copyOf(models), computed,
        opened, (System.nanoTime() - t0) / 1e9);
  }

  private static double[][] toDouble(float[][] m) {
    double[][] d = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      d[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) d[i][j] = m[i][j];
    }
    return d;
  }

  /** A model whose text tower is opened on first use: a re-score with cached prompts opens nothing. */
  private static final class LazyText implements ClipModel {
    private final Bundle bundle;
    private final Function<Bundle, ClipModel> opener;
    private ClipModel real;

    LazyText(Bundle bundle, Function<Bundle, ClipModel> opener) {
      this.bundle = bundle;
      this.opener = opener;
    }

    boolean opened() {
      return real != null;
    }

    @Override
    public Bundle bundle() {
      return bundle;
    }

    @Override
    public ImageEncoder newImageEncoder() {
      throw new UnsupportedOperationException("the prompt lab uses text towers only");
    }

    @Override
    public synchronized TextEncoder newTextEncoder() {
      if (real == null) real = opener.apply(bundle);
      return real.newTextEncoder();
    }

    @Override
    public void close() {
      if (real != null) real.close();
    }
  }
}
