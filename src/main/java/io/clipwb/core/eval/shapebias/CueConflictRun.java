package io.clipwb.core.eval.shapebias;

import io.clipwb.core.util.Vectors;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clipwb.core.eval.runio.CachedRun;
import io.clipwb.core.runfolder.RunItem;
import io.clipwb.core.io.Csv;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CLIP's 16-class decisions on the texture-vs-shape stimuli of a cached run, and what follows from
 * them: shape bias on the cue-conflict images ({@link ShapeBias}), accuracy on the edge and filled
 * silhouette images, and the decisions as model-vs-human trials.
 *
 * <p>Two ways to get a 16-class decision, chosen by the run's classes and recorded in the result:
 * <ul>
 *   <li>{@code direct-16}: the run was zero-shot over the 16 class names; the decision is the
 *       arg-max logit among them;
 *   <li>{@code imagenet-1000-mean}: the run was zero-shot over the 1,000 ImageNet classes; softmax,
 *       then model-vs-human's {@link SixteenClassMapping} (mean probability per category, arg-max).
 * </ul>
 *
 * Which set an image belongs to comes from its path: a name {@code <shape>N-<texture>M.png} is
 * cue-conflict (true class = its folder, else the shape in its name); a path through a folder
 * {@code edges} or {@code filled-silhouettes} is that set (true class = the parent folder).
 */
public final class CueConflictRun {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CueConflictRun.class);

  private CueConflictRun() {}

  /** How the 16-class decision was made. */
  public enum Mode {
    DIRECT_16("direct-16"),
    IMAGENET_1000_MEAN("imagenet-1000-mean");

    private final String id;

    Mode(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Mode parse(String s) {
      for (Mode m : values()) if (m.id.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) return m;
      throw new IllegalArgumentException("unknown decision mode '" + s + "' (direct-16 or imagenet-1000-mean)");
    }
  }

  /** Evaluation settings. {@code mode} null = choose from the run's classes. */
  public record Params(Mode mode, String subject) {}

  /**
   * One image's decision. {@code scores} are the 16 values the arg-max was taken over (logits for
   * direct-16, mean probabilities for imagenet-1000-mean), in {@code categories} order.
   */
  public record Decision(
      int row, String path, String imagename, String set, String category, String response, boolean correct, double[] scores) {}

  /** Accuracy on one stimulus set, overall and per true class, with the rows it covers. */
  public record SetAccuracy(
      String set, int n, int correct, double accuracy,
      @JsonProperty("per_category") Map<String, Double> perCategory, List<Integer> rows) {}

  /** Everything the run evaluation produced. */
  public record Result(
      String model,
      @JsonProperty("decision_mode") String decisionMode,
      List<String> categories,
      @JsonProperty("shape_bias") ShapeBias.Result shapeBias,
      @JsonProperty("stimulus_accuracy") Map<String, SetAccuracy> stimulusAccuracy,
      @JsonProperty("n_skipped") int nSkipped,
      @JsonProperty("skipped_paths") List<String> skippedPaths,
      List<Decision> decisions) {}

  /** Computes decisions, shape bias and stimulus accuracies over a cached run. */
  public static Result compute(CachedRun run, SixteenClassMapping mapping, Params params, Progress progress, Cancellation cancel) {
    java.util.Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    List<String> cats = mapping.categories();
    Mode mode = params.mode() != null ? params.mode() : chooseMode(run, cats);
    int[] column = new int[cats.size()];
    if (mode == Mode.DIRECT_16) {
      Map<String, Integer> byName = new HashMap<>();
      for (int c = 0; c < run.classes().size(); c++) byName.put(norm(run.classes().get(c)), c);
      for (int k = 0; k < cats.size(); k++) {
        Integer c = byName.get(cats.get(k));
        if (c == null) {
          throw new IllegalArgumentException(run.dir() + ": decision mode direct-16 needs the class '" + cats.get(k)
              + "' among the run's classes " + run.classes());
        }
        column[k] = c;
      }
    } else if (run.classes().size() != 1000) {
      throw new IllegalArgumentException(run.dir() + ": decision mode imagenet-1000-mean needs a run over the 1000 ImageNet classes, this one has "
          + run.classes().size());
    }
    String subject = params.subject() != null ? params.subject() : run.model();
    List<Decision> decisions = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int n = run.items().size();
    for (int i = 0; i < n; i++) {
      if ((i & 255) == 0) {
        cancel.check();
        progress.update(i, n, "16-class decisions");
      }
      RunItem item = run.items().get(i);
      String set = setOf(item.path());
      String category = trueCategory(item, set, cats, run);
      if (category == null) {
        skipped.add(item.path());
        continue;
      }
      double[] scores = new double[cats.size()];
      int best;
      if (mode == Mode.DIRECT_16) {
        for (int k = 0; k < scores.length; k++) scores[k] = run.logits()[i][column[k]];
        best = CachedRun.argmax(scores);
      } else {
        scores = mapping.aggregate(Vectors.softmax(run.logits()[i]));
        best = SixteenClassMapping.argmaxLastOnTie(scores);
      }
      String response = cats.get(best);
      decisions.add(new Decision(i, item.path(), item.fileName(), set, category, response, response.equals(category), scores));
    }
    progress.update(n, n, "16-class decisions");
    LOG.debug("{}: {} decisions ({}), {} images skipped (not one of the 16 classes)", run.dir(), decisions.size(), mode.id(), skipped.size());
    List<Trial> conflict = trials(decisions, "cue-conflict", subject);
    ShapeBias.Result sb = conflict.isEmpty() ? null
        : ShapeBias.compute(conflict, ShapeBias.Params.of("run " + run.dir().getFileName() + " (" + subject + ")", mode.id()), cancel);
    Map<String, SetAccuracy> acc = new LinkedHashMap<>();
    for (String set : List.of("cue-conflict", "edges", "filled-silhouettes", "other")) {
      List<Decision> ds = decisions.stream().filter(d -> d.set().equals(set)).toList();
      if (!ds.isEmpty()) acc.put(set, accuracy(set, ds));
    }
    return new Result(subject, mode.id(), cats, sb, acc, skipped.size(), List.copyOf(skipped), List.copyOf(decisions));
  }

  /** direct-16 when the run's classes are the 16 categories, imagenet-1000-mean for 1000 classes. */
  static Mode chooseMode(CachedRun run, List<String> cats) {
    if (run.classes().size() == 1000) return Mode.IMAGENET_1000_MEAN;
    java.util.Set<String> names = new java.util.HashSet<>();
    run.classes().forEach(c -> names.add(norm(c)));
    if (names.containsAll(cats)) return Mode.DIRECT_16;
    throw new IllegalArgumentException(run.dir() + ": the run's " + run.classes().size()
        + " classes are neither the 16 cue-conflict classes " + cats + " nor the 1000 ImageNet classes");
  }

  private static String norm(String s) {
    return s.trim().toLowerCase(Locale.ROOT);
  }

  /** cue-conflict, edges, filled-silhouettes or other, from the image path. */
  static String setOf(String path) {
    String p = path.replace('\\', '/');
    String name = p.substring(p.lastIndexOf('/') + 1);
    if (CueConflictNames.parse(name).isPresent()) return "cue-conflict";
    for (String part : p.split("/")) {
      String s = norm(part);
      if (s.equals("edges") || s.equals("edge")) return "edges";
      if (s.equals("filled-silhouettes") || s.equals("silhouettes") || s.equals("silhouette")) return "filled-silhouettes";
    }
    return "other";
  }

  private static String trueCategory(RunItem item, String set, List<String> cats, CachedRun run) {
    String p = item.path().replace('\\', '/');
    String[] parts = p.split("/");
    String folder = parts.length >= 2 ? norm(parts[parts.length - 2]) : "";
    if (cats.contains(folder)) return folder;
    if (set.equals("cue-conflict")) {
      String shape = CueConflictNames.parse(item.fileName()).get().shape();
      if (cats.contains(shape)) return shape;
    }
    if (item.label() >= 0 && item.label() < run.classes().size()) {
      String c = norm(run.classes().get(item.label()));
      if (cats.contains(c)) return c;
    }
    return null;
  }

  /** The decisions of one set as model-vs-human trials (imagename = file name, category = true class). */
  public static List<Trial> trials(List<Decision> decisions, String set, String subject) {
    List<Trial> out = new ArrayList<>();
    int k = 1;
    for (Decision d : decisions) {
      if (d.set().equals(set)) out.add(Trial.ofDecision(subject, k++, d.response(), d.category(), d.imagename()));
    }
    return out;
  }

  private static SetAccuracy accuracy(String set, List<Decision> ds) {
    int correct = 0;
    Map<String, int[]> per = new TreeMap<>();
    List<Integer> rows = new ArrayList<>();
    for (Decision d : ds) {
      int[] c = per.computeIfAbsent(d.category(), k -> new int[2]);
      c[1]++;
      if (d.correct()) {
        correct++;
        c[0]++;
      }
      rows.add(d.row());
    }
    Map<String, Double> perAcc = new LinkedHashMap<>();
    per.forEach((k, v) -> perAcc.put(k, (double) v[0] / v[1]));
    return new SetAccuracy(set, ds.size(), correct, (double) correct / ds.size(), perAcc, List.copyOf(rows));
  }

  /**
   * Writes {@code shape_bias.json} (everything), {@code shape_bias_per_category.csv},
   * {@code shape_bias_decisions.csv} and one model-vs-human CSV per stimulus set
   * ({@code mvh_<set>.csv}) into {@code out}.
   */
  public static List<Path> write(Result r, Path out) {
    List<Path> files = new ArrayList<>();
    Path json = out.resolve("shape_bias.json");
    Json.write(json, r);
    files.add(json);
    if (r.shapeBias() != null) {
      Path pc = out.resolve("shape_bias_per_category.csv");
      writeStatsCsv(pc, r.shapeBias());
      files.add(pc);
    }
    List<List<String>> rows = new ArrayList<>();
    for (Decision d : r.decisions()) {
      rows.add(List.of(Integer.toString(d.row()), d.path(), d.set(), d.category(), d.response(), Boolean.toString(d.correct())));
    }
    Path dc = out.resolve("shape_bias_decisions.csv");
    Csv.write(dc, List.of("row", "path", "set", "category", "response", "correct"), rows, ',');
    files.add(dc);
    for (String set : r.stimulusAccuracy().keySet()) {
      Path f = out.resolve("mvh_" + set + ".csv");
      MvhCsv.write(f, trials(r.decisions(), set, r.model()));
      files.add(f);
    }
    return files;
  }

  /** Per-category table of a shape-bias result (first row: {@code all}). */
  public static void writeStatsCsv(Path file, ShapeBias.Result r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(statsRow("all", r.overall()));
    r.perCategory().forEach((k, v) -> rows.add(statsRow(k, v)));
    Csv.write(file, List.of("category", "shape_bias", "fraction_correct_shape", "fraction_correct_texture",
        "n_trials", "n_shape_decisions", "n_texture_decisions", "n_no_conflict"), rows, ',');
  }

  private static List<String> statsRow(String k, ShapeBias.Stats s) {
    return List.of(k, Csv.exact(s.shapeBias()), Csv.exact(s.fractionCorrectShape()), Csv.exact(s.fractionCorrectTexture()),
        Integer.toString(s.nTrials()), Integer.toString(s.nShape()), Integer.toString(s.nTexture()), Integer.toString(s.nNoConflict()));
  }
}
