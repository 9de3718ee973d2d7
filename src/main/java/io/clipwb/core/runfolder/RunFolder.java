package io.clipwb.core.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.io.Csv;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A run folder: the one place every evaluation takes a model's outputs on a data set from, so that
 * no evaluation ever re-encodes an image (docs/run-folder.md). This class is the only reader and
 * writer of its files: {@code manifest.json} (typed as {@link RunManifest}), {@code logits.npy},
 * {@code labels.npy}, {@code image_embeddings.npy}, {@code text_embeddings.npy},
 * {@code predictions.csv} and {@code results.json} (CLIP_benchmark's schema).
 *
 * <p>Versioned: a manifest names its {@code format} ({@value #FORMAT}) and {@code version}; a folder
 * from a newer release is refused with a message saying so, rather than misread. A manifest without
 * a format (written by hand, or arrays brought from elsewhere with no manifest at all) is read
 * leniently: only the arrays are required.
 *
 * <p>A folder is written as a whole: into a temporary sibling, then renamed into place, so a failed
 * or cancelled run leaves the previous complete folder or nothing, never a mix of two runs.
 *
 * @param dir the folder it was read from
 * @param manifest the manifest ({@link RunManifest#bare()} content when there is none)
 * @param logits N x C, logit_scale x cosine (+ logit_bias for a sigmoid-loss model; float32 on disk, widened)
 * @param labels N class indices, -1 when unknown
 */
public record RunFolder(Path dir, RunManifest manifest, double[][] logits, int[] labels) {

  /** The {@code format} of a run folder's manifest. */
  public static final String FORMAT = "clipwb-run";

  /** The manifest version this release writes and the newest it reads. */
  public static final int VERSION = 1;

  /** The files a run folder consists of (nothing else is allowed in a folder that is replaced). */
  public static final Set<String> FILES = Set.of(
      "manifest.json", "logits.npy", "labels.npy", "image_embeddings.npy", "text_embeddings.npy", "predictions.csv",
      "results.json");

  /** The top-k predictions of one row, written to {@code predictions.csv} (k = min(5, classes)). */
  public record Prediction(int[] classes, double[] probabilities) {}

  /**
   * CLIP_benchmark's {@code results.json} content.
   *
   * @param pretrained the model card's training data
   */
  public record Results(String dataset, String model, String pretrained, double acc1, double acc5, double meanPerClassRecall) {}

  /**
   * Everything a run writes.
   *
   * @param logits N x C, as computed (float32)
   * @param imageEmbeddings N x D, L2-normalised
   * @param textEmbeddings C x D class weights
   * @param predictions one per row
   */
  public record Contents(
      RunManifest manifest, float[][] logits, int[] labels, float[][] imageEmbeddings, float[][] textEmbeddings,
      List<Prediction> predictions, Results results) {}

  /** The run's display name: the manifest's name, else the folder's name. */
  public String name() {
    return manifest.name() != null ? manifest.name() : dir.toAbsolutePath().normalize().getFileName().toString();
  }

  /** The model's name: the manifest's bundle name, else the folder's name. */
  public String model() {
    return manifest.bundle() != null && manifest.bundle().name() != null ? manifest.bundle().name()
        : dir.toAbsolutePath().normalize().getFileName().toString();
  }

  /** Class names in logit column order (empty when the folder has no manifest). */
  public List<String> classes() {
    return manifest.classes();
  }

  /** Rows: the manifest's items in row order, or null when the folder has no manifest items. */
  public List<RunItem> items() {
    return manifest.items();
  }

  // ---------------------------------------------------------------------------------------- read

  /**
   * Reads a run folder: the manifest when present, {@code logits.npy}, and {@code labels.npy} (or the
   * items' labels when the file is missing but the manifest lists items).
   *
   * @throws IllegalArgumentException naming the missing, inconsistent or too new file
   */
  public static RunFolder read(Path dir) {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException("run folder " + dir + " does not exist");
    Path lf = dir.resolve("logits.npy");
    Path yf = dir.resolve("labels.npy");
    if (!Files.exists(lf)) throw new IllegalArgumentException("run folder " + dir + " has no logits.npy");
    Path mf = dir.resolve("manifest.json");
    RunManifest m = Files.exists(mf) ? readManifest(mf) : RunManifest.bare();
    if (!Files.exists(yf) && !m.hasItems()) throw new IllegalArgumentException("run folder " + dir + " has no labels.npy");
    double[][] logits = readMatrix(lf);
    int[] labels = Files.exists(yf) ? readLabels(yf, logits.length) : m.items().stream().mapToInt(RunItem::label).toArray();
    if (m.hasItems() && m.items().size() != logits.length) {
      throw new IllegalArgumentException(mf + ": " + m.items().size() + " items but logits.npy has " + logits.length + " rows");
    }
    if (!m.classes().isEmpty() && m.classes().size() != logits[0].length) {
      throw new IllegalArgumentException(mf + ": " + m.classes().size() + " classes but logits.npy has " + logits[0].length + " columns");
    }
    return new RunFolder(dir, m, logits, labels);
  }

  /**
   * Reads a run manifest ({@code manifest.json}, or the folder holding it) without the arrays.
   *
   * @throws IllegalArgumentException for another format or a version this release cannot read
   */
  public static RunManifest readManifest(Path fileOrDir) {
    Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve("manifest.json") : fileOrDir;
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such run manifest");
    ManifestStamp stamp;
    try {
      var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
      stamp = new ManifestStamp(file.toAbsolutePath().normalize(), a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
          a.fileKey());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return MANIFESTS.get(stamp, k -> parseManifest(Json.read(file), file));
  }

  /**
   * A manifest file's identity and version: path, size, modification time and the file system's
   * key (inode), so a rewritten (renamed-into-place) manifest is never served from the memo.
   */
  private record ManifestStamp(Path file, long size, long mtimeNanos, Object fileKey) {}

  /**
   * Parsed manifests: the workbench recomputes its report after every finished pair of a run and
   * re-reading every pair's manifest (one JSON row per image) was most of that work; a manifest is
   * immutable once its run folder is complete.
   */
  private static final io.clipwb.core.util.BoundedCache<ManifestStamp, RunManifest> MANIFESTS = new io.clipwb.core.util.BoundedCache<>(256);

  static RunManifest parseManifest(JsonNode m, Path file) {
    if (!m.isObject()) throw new IllegalArgumentException(file + ": a run manifest is a JSON object");
    String format = text(m, "format");
    int version = m.hasNonNull("version") ? m.get("version").asInt(0) : 0;
    if (format != null) {
      if (!format.equals(FORMAT)) {
        throw new IllegalArgumentException(file + ": format \"" + format + "\" is not a run folder (\"" + FORMAT + "\")");
      }
      if (version > VERSION) {
        throw new IllegalArgumentException(file + ": run folder format version " + version + " was written by a newer"
            + " release; this release reads versions up to " + VERSION);
      }
      if (version < 1) {
        throw new IllegalArgumentException(file + ": run folder format version " + version + " is not a known version"
            + " (this release reads 1 to " + VERSION + ")");
      }
    }
    String name = null;
    for (String k : List.of("name", "dataset")) {
      JsonNode v = m.get(k);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        name = v.asText();
        break;
      }
    }
    RunManifest.BundleInfo bundle = null;
    JsonNode b = m.get("bundle");
    if (b != null && b.isObject()) bundle = new RunManifest.BundleInfo(text(b, "name"), text(b, "dir"), text(b, "fingerprint"), b.get("card"));
    else if (m.hasNonNull("model")) bundle = new RunManifest.BundleInfo(m.get("model").asText(), null, null, null);
    RunManifest.Templates templates = null;
    JsonNode t = m.get("templates");
    if (t != null && t.isObject()) templates = new RunManifest.Templates(text(t, "name"), text(t, "sha256"), strings(t.get("list")));
    RunManifest.DatasetInfo dataset = null;
    JsonNode d = m.get("dataset");
    if (d != null && d.isObject()) {
      List<RunManifest.Failure> skipped = new ArrayList<>();
      d.path("skipped").forEach(x -> skipped.add(new RunManifest.Failure(text(x, "path"), text(x, "path"), text(x, "reason"))));
      dataset = new RunManifest.DatasetInfo(text(d, "name"), text(d, "root"), text(d, "layout"), skipped);
    }
    List<RunItem> items = null;
    JsonNode its = m.get("items");
    if (its != null && its.isArray()) {
      items = new ArrayList<>(its.size());
      List<String> classes = strings(m.get("classes"));
      for (int i = 0; i < its.size(); i++) items.add(item(its.get(i), classes, file, i));
    }
    List<RunManifest.Failure> failed = new ArrayList<>();
    JsonNode f = m.get("failed");
    if (f != null && f.isArray()) f.forEach(x -> failed.add(new RunManifest.Failure(text(x, "id"), text(x, "path"), text(x, "reason"))));
    RunManifest.CacheInfo cache = null;
    JsonNode c = m.get("cache");
    if (c != null && c.isObject()) {
      cache = new RunManifest.CacheInfo(text(c, "root"), c.path("images_from_cache").asInt(0), c.path("images_computed").asInt(0),
          c.path("corrupt_shards_discarded").asInt(0));
    }
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = m.get("environment");
    if (e != null && e.isObject()) e.fields().forEachRemaining(x -> env.put(x.getKey(), x.getValue().asText()));
    return new RunManifest(format, version, text(m, "created"), name, bundle, m.get("preprocessing"), number(m, "logit_scale"),
        templates, dataset, strings(m.get("classes")), strings(m.get("class_ids")), items, failed, cache, env, number(m, "seconds"),
        m.path("logit_bias").isNumber() ? m.get("logit_bias").asDouble() : 0);
  }

  /**
   * An item: id/path/label; other fields, and those of its "metadata" object, become metadata. A
   * label given as a class name (hand-written manifests) becomes its index; one that names no class
   * is -1 and its text is kept as metadata "label".
   */
  private static RunItem item(JsonNode it, List<String> classes, Path file, int i) {
    JsonNode p = it.get("path");
    if (p == null || p.asText().isEmpty()) throw new IllegalArgumentException(file + ": items[" + i + "] has no 'path'");
    Map<String, String> meta = new LinkedHashMap<>();
    int label = -1;
    JsonNode l = it.get("label");
    if (l != null && l.isNumber()) {
      label = l.asInt(-1);
    } else if (l != null && l.isTextual()) {
      label = classes.indexOf(l.asText());
      if (label < 0 && l.asText().matches("-?\\d+")) label = Integer.parseInt(l.asText());
      else if (label < 0) meta.put("label", l.asText());
    }
    JsonNode md = it.get("metadata");
    if (md != null && md.isObject()) md.fields().forEachRemaining(x -> meta.put(x.getKey(), value(x.getValue())));
    Iterator<Map.Entry<String, JsonNode>> fs = it.fields();
    while (fs.hasNext()) {
      Map.Entry<String, JsonNode> x = fs.next();
      if (!Set.of("id", "path", "label", "metadata").contains(x.getKey())) meta.put(x.getKey(), value(x.getValue()));
    }
    String id = it.hasNonNull("id") ? it.get("id").asText() : p.asText();
    return new RunItem(id, p.asText(), label, meta);
  }

  private static String value(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static double number(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? Double.NaN : v.asDouble(Double.NaN);
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    if (a != null && a.isArray()) a.forEach(x -> out.add(x.asText()));
    return out;
  }

  /** Reads an N x C float32/float64 matrix (finite values), with errors that name the file. */
  public static double[][] readMatrix(Path file) {
    Npy.NpyArray a = Npy.read(file);
    if (!(a.dtype().equals("<f4") || a.dtype().equals("<f8"))) {
      throw new IllegalArgumentException(file + ": expected float32 or float64 logits/cosines but dtype is " + a.dtype());
    }
    if (a.ndim() != 2) {
      throw new IllegalArgumentException(file + ": expected a 2-D array (N x C) but shape is " + Arrays.toString(a.shape()));
    }
    if (a.shape()[0] == 0 || a.shape()[1] == 0) {
      throw new IllegalArgumentException(file + ": empty array, shape " + Arrays.toString(a.shape()));
    }
    double[][] m = a.asMatrix();
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        if (!Double.isFinite(m[i][j])) {
          throw new IllegalArgumentException(file + ": non-finite value " + m[i][j] + " at row " + i + ", column " + j);
        }
      }
    }
    return m;
  }

  /**
   * Reads N int32/int64 labels, with errors that name the file.
   *
   * @param rows expected length (the logits' rows), or -1 to skip the check
   */
  public static int[] readLabels(Path file, int rows) {
    Npy.NpyArray a = Npy.read(file);
    if (!(a.dtype().equals("<i4") || a.dtype().equals("<i8"))) {
      throw new IllegalArgumentException(file + ": expected int32 or int64 labels but dtype is " + a.dtype());
    }
    if (a.ndim() != 1) {
      throw new IllegalArgumentException(file + ": expected a 1-D array of labels but shape is " + Arrays.toString(a.shape()));
    }
    int[] y = a.asIntVector();
    if (rows >= 0 && y.length != rows) {
      throw new IllegalArgumentException(file + ": mismatched lengths: " + y.length + " labels but the logits have " + rows + " rows");
    }
    return y;
  }

  /** The folder's L2-normalised image embeddings (N x D), in row order. */
  public static float[][] readImageEmbeddings(Path dir) {
    return readFloats(dir.resolve("image_embeddings.npy"));
  }

  /** The folder's class weights (C x D), in logit column order. */
  public static float[][] readTextEmbeddings(Path dir) {
    return readFloats(dir.resolve("text_embeddings.npy"));
  }

  private static float[][] readFloats(Path file) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("run folder " + file.getParent() + " has no " + file.getFileName());
    double[][] m = readMatrix(file);
    float[][] out = new float[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new float[m[i].length];
      for (int j = 0; j < m[i].length; j++) out[i][j] = (float) m[i][j];
    }
    return out;
  }

  // --------------------------------------------------------------------------------------- write

  /**
   * Writes a run folder as a whole: every file into a temporary sibling folder, which then replaces
   * {@code dir}. A failure leaves {@code dir} as it was.
   *
   * @throws IllegalArgumentException when {@code dir} exists and holds files that are not a run
   *     folder's (it is never replaced then)
   */
  public static void write(Path dir, Contents c) {
    write(dir, c, AtomicFiles::write);
  }

  /** Where a run folder's files go: {@link AtomicFiles#write} in production, a failing one in tests (disk full). */
  @FunctionalInterface
  interface FileSink {
    void write(Path file, byte[] bytes);
  }

  static void write(Path dir, Contents c, FileSink sink) {
    Path target = dir.toAbsolutePath().normalize();
    if (target.getParent() == null) throw new IllegalArgumentException("cannot write a run folder at the file-system root " + target);
    if (Files.exists(target)) FolderSwap.checkReplaceable(target, FILES);
    Path parent = target.getParent();
    String id = UUID.randomUUID().toString().substring(0, 8);
    Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + id);
    try {
      Files.createDirectories(parent);
      FolderSwap.removeStaleSiblings(parent, target.getFileName().toString());
      Files.createDirectory(tmp);
      sink.write(tmp.resolve("logits.npy"), Npy.encode(c.logits()));
      sink.write(tmp.resolve("labels.npy"), Npy.encode(c.labels()));
      sink.write(tmp.resolve("image_embeddings.npy"), Npy.encode(c.imageEmbeddings()));
      sink.write(tmp.resolve("text_embeddings.npy"), Npy.encode(c.textEmbeddings()));
      sink.write(tmp.resolve("predictions.csv"), predictionsCsv(c.manifest(), c.predictions()).getBytes(StandardCharsets.UTF_8));
      sink.write(tmp.resolve("results.json"), (Json.toString(results(c.results())) + "\n").getBytes(StandardCharsets.UTF_8));
      sink.write(tmp.resolve("manifest.json"), (Json.toString(manifestJson(c.manifest())) + "\n").getBytes(StandardCharsets.UTF_8));
      Path old = null;
      if (Files.exists(target)) {
        old = parent.resolve("." + target.getFileName() + ".old-" + id);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (old != null) Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the previous folder back
        throw e;
      }
      if (old != null) FolderSwap.deleteTree(old);
    } catch (IOException e) {
      FolderSwap.deleteTree(tmp);
      throw new UncheckedIOException("cannot write run folder " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      FolderSwap.deleteTree(tmp);
      throw e;
    }
  }

  private static String predictionsCsv(RunManifest m, List<Prediction> predictions) {
    List<String> names = m.classes();
    int k = Math.min(5, names.size());
    StringBuilder sb = new StringBuilder("path,label");
    for (int j = 1; j <= k; j++) sb.append(",pred").append(j);
    for (int j = 1; j <= k; j++) sb.append(",prob").append(j);
    sb.append('\n');
    for (int i = 0; i < m.items().size(); i++) {
      RunItem it = m.items().get(i);
      Prediction p = predictions.get(i);
      List<String> row = new ArrayList<>();
      row.add(it.id());
      row.add(it.label() >= 0 ? names.get(it.label()) : "");
      for (int c : p.classes()) row.add(names.get(c));
      for (double v : p.probabilities()) row.add(String.format(Locale.ROOT, "%.6f", v));
      sb.append(Csv.line(row)).append('\n');
    }
    return sb.toString();
  }

  private static ObjectNode results(Results r) {
    ObjectNode res = Json.object();
    res.put("dataset", r.dataset());
    res.put("model", r.model());
    res.put("pretrained", r.pretrained());
    res.put("task", "zeroshot_classification");
    ObjectNode metrics = res.putObject("metrics");
    metrics.put("acc1", r.acc1());
    metrics.put("acc5", r.acc5());
    metrics.put("mean_per_class_recall", r.meanPerClassRecall());
    res.put("language", "en");
    return res;
  }

  private static ObjectNode manifestJson(RunManifest m) {
    ObjectNode man = Json.object();
    man.put("format", FORMAT);
    man.put("version", VERSION);
    man.put("created", m.created());
    if (m.bundle() != null) {
      ObjectNode bn = man.putObject("bundle");
      bn.put("name", m.bundle().name());
      bn.put("dir", m.bundle().dir());
      bn.put("fingerprint", m.bundle().fingerprint());
      bn.set("card", m.bundle().card());
    }
    man.set("preprocessing", m.preprocessing());
    // a bundle's logit scale is a float: written as one, so that it reads back as the same decimal
    double scale = m.logitScale();
    if ((float) scale == scale) man.put("logit_scale", (float) scale);
    else man.put("logit_scale", scale);
    // only a sigmoid-loss model has one: CLIP manifests stay as they were
    if (m.logitBias() != 0) man.put("logit_bias", (float) m.logitBias());
    if (m.templates() != null) {
      ObjectNode tn = man.putObject("templates");
      tn.put("name", m.templates().name());
      tn.put("sha256", m.templates().sha256());
      tn.set("list", Json.mapper().valueToTree(m.templates().list()));
    }
    if (m.dataset() != null) {
      ObjectNode dn = man.putObject("dataset");
      dn.put("name", m.dataset().name());
      dn.put("root", m.dataset().root());
      dn.put("layout", m.dataset().layout());
      if (!m.dataset().skipped().isEmpty()) {
        dn.put("skipped_count", m.dataset().skipped().size());
        ArrayNode sk = dn.putArray("skipped");
        for (RunManifest.Failure f : m.dataset().skipped()) sk.addObject().put("path", f.path()).put("reason", f.reason());
      }
    }
    man.set("classes", Json.mapper().valueToTree(m.classes()));
    man.set("class_ids", Json.mapper().valueToTree(m.classIds()));
    ArrayNode items = man.putArray("items");
    for (RunItem it : m.items()) {
      ObjectNode o = items.addObject();
      o.put("id", it.id());
      o.put("path", it.path());
      o.put("label", it.label());
      if (!it.metadata().isEmpty()) o.set("metadata", Json.mapper().valueToTree(it.metadata()));
    }
    ArrayNode failed = man.putArray("failed");
    for (RunManifest.Failure f : m.failed()) {
      failed.addObject().put("id", f.id()).put("path", f.path()).put("reason", f.reason());
    }
    if (m.cache() != null) {
      ObjectNode cn = man.putObject("cache");
      cn.put("root", m.cache().root());
      cn.put("images_from_cache", m.cache().imagesFromCache());
      cn.put("images_computed", m.cache().imagesComputed());
      cn.put("corrupt_shards_discarded", m.cache().corruptShardsDiscarded());
    }
    man.set("environment", Json.mapper().valueToTree(m.environment()));
    man.put("seconds", m.seconds());
    return man;
  }
}
