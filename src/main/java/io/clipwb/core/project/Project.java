package io.clipwb.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A workbench project ({@code project.json}): the models to compare and the data sets to evaluate
 * them on, each data set with a <em>role</em> that says which evaluation reads it. The project is
 * what a researcher opens in the workbench; {@link ProjectRun} evaluates every model on every set
 * in one pass through the embedding cache.
 *
 * <pre>{@code
 * { "version": 1, "name": "...", "prompts": "single", "default_bundle": "m1",
 *   "bundles":  [ {"name": "m1", "path": "bundles/m1", "factors": {"loss": "softmax", ...}} ],
 *   "datasets": [ {"name": "test", "role": "in-distribution", "manifest": "data/test/manifest.csv"},
 *                 {"name": "dark", "role": "shift", "manifest": "...", "class_subset": "subset.txt"},
 *                 {"name": "ood",  "role": "ood",   "manifest": "..."} ] }
 * }</pre>
 *
 * Paths are relative to the project file's folder; {@code "path"} may stand for {@code "manifest"}
 * (any data set {@code clipwb eval --data} reads, e.g. a corrupted-set folder). Roles:
 * {@code in-distribution} (exactly one for the classification report: accuracy, temperature fit,
 * OOD reference), {@code shift}, {@code corruption} (a shifted set also reported per corruption and
 * severity), {@code ood}, {@code cue-conflict} (shape bias); the other roles ({@code captions},
 * {@code rgbd}, {@code multiview}) belong to evaluations with their own commands and are listed but
 * not run here, except {@code captions}: a set with a {@code "captions"} file (CSV / JSONL /
 * Karpathy JSON, {@code CaptionSetReader}) is scored for image–text retrieval (Recall@K both ways).
 *
 * @param file the project file
 * @param version the file's format version ({@link #VERSION}; 1 when the file does not say)
 * @param prompts the default prompt set (a built-in name or a file), or null for the bundle card's
 * @param defaultBundle the bundle the GUI opens first, or null
 * @param allowOutsideRoot {@code "allow_outside_root"}: manifest rows may name files outside the
 *     manifest's folder (refused by default; see {@code Datasets.open})
 */
public record Project(
    Path file, int version, String name, String description, String prompts, String defaultBundle,
    List<BundleEntry> bundles, List<DataSetEntry> datasets, boolean allowOutsideRoot) {

  /** A project that keeps manifest rows inside their folders (the default). */
  public Project(Path file, int version, String name, String description, String prompts, String defaultBundle,
      List<BundleEntry> bundles, List<DataSetEntry> datasets) {
    this(file, version, name, description, prompts, defaultBundle, bundles, datasets, false);
  }

  /** This project with manifest rows outside their folders allowed (or not). */
  public Project withAllowOutsideRoot(boolean allow) {
    return new Project(file, version, name, description, prompts, defaultBundle, bundles, datasets, allow);
  }

  /**
   * The {@code version} of project files this release writes and the newest it reads; a file
   * without one is version 1 (files written before the field existed).
   */
  public static final int VERSION = 1;

  /** The role of the one in-distribution set. */
  public static final String ROLE_ID = "in-distribution";
  /** The role of a shifted set (same classes, different distribution). */
  public static final String ROLE_SHIFT = "shift";
  /**
   * The role of a corrupted set ({@code <corruption>/<severity>/<class>/*}): scored like a shifted
   * set, with calibration and accuracy also per corruption and severity.
   */
  public static final String ROLE_CORRUPTION = "corruption";
  /**
   * The role of a cue-conflict set (Geirhos et al.: shape of one class, texture of another; file
   * names {@code <shape>N-<texture>M.ext}): scored for shape bias.
   */
  public static final String ROLE_CUE_CONFLICT = "cue-conflict";
  /** The role of an out-of-distribution set (no class of the label set). */
  public static final String ROLE_OOD = "ood";
  /** The role of an image–caption set (scored for retrieval when it names a {@code captions} file). */
  public static final String ROLE_CAPTIONS = "captions";
  /** Every role a project may use. */
  public static final Set<String> ROLES =
      Set.of(ROLE_ID, ROLE_SHIFT, ROLE_OOD, ROLE_CORRUPTION, ROLE_CUE_CONFLICT, "captions", "rgbd", "multiview");

  /**
   * One model of the project.
   *
   * @param factors the paper's factors as the project states them (free-form, shown in tables), in file order
   */
  public record BundleEntry(String name, Path path, Map<String, String> factors) {}

  /**
   * One data set of the project.
   *
   * @param classSubset a file of class indices/wnids the set covers (logits are restricted to it
   *     before the argmax), or null for all classes
   * @param captions the caption file of a {@code captions} set (image, caption pairs), or null
   */
  public record DataSetEntry(String name, String role, Path manifest, Path classSubset, Path captions) {
    /** A set without a caption file. */
    public DataSetEntry(String name, String role, Path manifest, Path classSubset) {
      this(name, role, manifest, classSubset, null);
    }

    /** Whether {@link ProjectRun} scores this set by image–text retrieval. */
    public boolean isRetrieval() {
      return role.equals(ROLE_CAPTIONS) && captions != null;
    }

    /** Whether {@link ProjectRun} scores this set by zero-shot classification. */
    public boolean isClassification() {
      return role.equals(ROLE_ID) || isShifted() || role.equals(ROLE_OOD) || role.equals(ROLE_CUE_CONFLICT);
    }

    /** Whether this set is scored as a shifted set (accuracy, calibration after T, effective robustness). */
    public boolean isShifted() {
      return role.equals(ROLE_SHIFT) || role.equals(ROLE_CORRUPTION);
    }
  }

  /** The folder holding the project file; relative paths resolve against it. */
  public Path dir() {
    Path p = file.toAbsolutePath().getParent();
    return p == null ? Path.of(".").toAbsolutePath() : p;
  }

  /** The in-distribution set. */
  public DataSetEntry idSet() {
    return datasets.stream().filter(d -> d.role().equals(ROLE_ID)).findFirst()
        .orElseThrow(() -> new ProjectException(file + ": no data set has role \"" + ROLE_ID + "\""));
  }

  /** The sets of one role, in project order. */
  public List<DataSetEntry> withRole(String role) {
    return datasets.stream().filter(d -> d.role().equals(role)).toList();
  }

  /**
   * Reads and validates a project file. Every problem is reported at once, one line per field,
   * naming the file and the field ({@code bundles[2].path: folder ... does not exist}).
   */
  public static Project load(Path file) {
    if (Files.isDirectory(file)) file = file.resolve("project.json");
    if (!Files.isRegularFile(file)) throw new ProjectException("project file " + file + " does not exist");
    JsonNode root;
    try {
      root = Json.read(file);
    } catch (RuntimeException e) {
      throw new ProjectException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isObject()) throw new ProjectException(file + ": expected a JSON object");
    Path dir = file.toAbsolutePath().getParent();
    List<String> problems = new ArrayList<>();
    int version = 1;
    JsonNode vn = root.get("version");
    if (vn != null && !vn.isNull()) {
      if (!vn.canConvertToInt() || !vn.isIntegralNumber()) {
        throw new ProjectException(file + ": version: expected a whole number, found " + vn);
      }
      version = vn.asInt();
      if (version > VERSION) {
        throw new ProjectException(file + ": project file version " + version + " was written by a newer release; this"
            + " release reads versions up to " + VERSION);
      }
      if (version < 1) throw new ProjectException(file + ": project file version " + version + " is not a known version");
    }
    String name = text(root, "name", file.getParent() == null ? "project" : dir.getFileName().toString());
    List<BundleEntry> bundles = new ArrayList<>();
    JsonNode bs = root.get("bundles");
    if (bs == null || !bs.isArray() || bs.isEmpty()) {
      problems.add("bundles: expected a non-empty list of {name, path, factors}");
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < bs.size(); i++) {
        JsonNode b = bs.get(i);
        String where = "bundles[" + i + "]";
        String bn = text(b, "name", null);
        String bp = text(b, "path", null);
        if (bn == null || bn.isBlank()) problems.add(where + ".name: missing");
        else if (!seen.add(bn)) problems.add(where + ".name: \"" + bn + "\" is used twice");
        if (bp == null || bp.isBlank()) {
          problems.add(where + ".path: missing");
          continue;
        }
        Path p = dir.resolve(bp).normalize();
        if (!Files.isDirectory(p)) problems.add(where + ".path: folder " + p + " does not exist");
        Map<String, String> factors = new LinkedHashMap<>();
        JsonNode f = b.get("factors");
        if (f != null && f.isObject()) f.fields().forEachRemaining(e -> factors.put(e.getKey(), e.getValue().asText()));
        else if (f != null && !f.isNull()) problems.add(where + ".factors: expected an object");
        bundles.add(new BundleEntry(bn == null ? where : bn, p, java.util.Collections.unmodifiableMap(factors)));
      }
    }
    List<DataSetEntry> sets = new ArrayList<>();
    JsonNode ds = root.get("datasets");
    if (ds == null || !ds.isArray() || ds.isEmpty()) {
      problems.add("datasets: expected a non-empty list of {name, role, manifest}");
    } else {
      Set<String> seen = new HashSet<>();
      int ids = 0;
      for (int i = 0; i < ds.size(); i++) {
        JsonNode d = ds.get(i);
        String where = "datasets[" + i + "]";
        String dn = text(d, "name", null);
        String role = text(d, "role", null);
        String mf = text(d, "manifest", text(d, "path", null));
        if (dn == null || dn.isBlank()) problems.add(where + ".name: missing");
        else if (!seen.add(dn)) problems.add(where + ".name: \"" + dn + "\" is used twice");
        if (role == null || !ROLES.contains(role.toLowerCase(Locale.ROOT))) {
          problems.add(where + ".role: \"" + role + "\" is not one of " + new java.util.TreeSet<>(ROLES));
          continue;
        }
        role = role.toLowerCase(Locale.ROOT);
        if (role.equals(ROLE_ID)) ids++;
        if (mf == null || mf.isBlank()) {
          problems.add(where + ".manifest: missing (a manifest file, or \"path\": a data set folder)");
          continue;
        }
        Path m = dir.resolve(mf).normalize();
        if (!Files.exists(m)) problems.add(where + ".manifest: " + m + " does not exist");
        String sub = text(d, "class_subset", null);
        Path subset = sub == null ? null : dir.resolve(sub).normalize();
        if (subset != null && !Files.isRegularFile(subset)) problems.add(where + ".class_subset: " + subset + " does not exist");
        String cap = text(d, "captions", null);
        Path captions = cap == null ? null : dir.resolve(cap).normalize();
        if (captions != null && !Files.isRegularFile(captions)) problems.add(where + ".captions: " + captions + " does not exist");
        sets.add(new DataSetEntry(dn == null ? where : dn, role, m, subset, captions));
      }
      if (ids > 1) problems.add("datasets: " + ids + " sets have role \"" + ROLE_ID + "\"; give exactly one");
    }
    String def = text(root, "default_bundle", null);
    if (def != null && bundles.stream().noneMatch(b -> b.name().equals(def))) {
      problems.add("default_bundle: \"" + def + "\" is not the name of a bundle");
    }
    boolean allowOutside = false;
    JsonNode ao = root.get("allow_outside_root");
    if (ao != null && !ao.isNull()) {
      if (ao.isBoolean()) allowOutside = ao.asBoolean();
      else problems.add("allow_outside_root: expected true or false, found " + ao);
    }
    if (!problems.isEmpty()) {
      throw new ProjectException("project " + file + " has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    }
    return new Project(file, version, name, text(root, "description", ""), text(root, "prompts", null), def,
        List.copyOf(bundles), List.copyOf(sets), allowOutside);
  }

  private static String text(JsonNode n, String key, String dflt) {
    JsonNode v = n == null ? null : n.get(key);
    return v == null || v.isNull() ? dflt : v.asText();
  }
}
