package io.clipwb.app.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.project.Project;
import io.clipwb.core.project.ProjectException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project being edited: the {@link Project} the views read, plus what saving needs to write
 * {@code project.json} back in the format {@code Project.load} reads (fields the workbench does not
 * know, such as {@code world} or a set's {@code captions}, are kept as they were). Paths are held
 * absolute and written relative to the file's folder, so "Save as" elsewhere keeps them valid.
 * Edits happen on the FX thread; the value is not thread-safe.
 */
public final class ProjectFile {
  /** The {@code version} field written ({@code project.json} format version). */
  public static final int VERSION = 1;

  private Path file;
  private final ObjectNode root;
  private final List<Project.BundleEntry> bundles = new ArrayList<>();
  private final List<Project.DataSetEntry> datasets = new ArrayList<>();
  private final Map<String, ObjectNode> originals = new LinkedHashMap<>();
  private boolean dirty;

  private ProjectFile(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  /** A new, empty, unsaved project. */
  public static ProjectFile create(String name) {
    ObjectNode r = Json.object();
    r.put("name", name);
    ProjectFile f = new ProjectFile(null, r);
    f.dirty = true;
    return f;
  }

  /** Wraps a loaded project (its file is re-read for the fields the record does not keep). */
  public static ProjectFile of(Project p) {
    JsonNode raw = Json.read(p.file());
    ProjectFile f = new ProjectFile(p.file().toAbsolutePath(), raw.isObject() ? (ObjectNode) raw.deepCopy() : Json.object());
    f.bundles.addAll(p.bundles());
    f.datasets.addAll(p.datasets());
    for (JsonNode n : raw.path("bundles")) if (n.isObject()) f.originals.put("b:" + n.path("name").asText(), (ObjectNode) n.deepCopy());
    for (JsonNode n : raw.path("datasets")) if (n.isObject()) f.originals.put("d:" + n.path("name").asText(), (ObjectNode) n.deepCopy());
    return f;
  }

  /** The file, or null while unsaved. */
  public Path file() {
    return file;
  }

  public boolean dirty() {
    return dirty;
  }

  public String name() {
    return root.path("name").asText("project");
  }

  /** The project as the views read it (not validated beyond what the add methods check). */
  public Project project() {
    Path f = file != null ? file : Path.of(System.getProperty("user.dir"), "untitled", "project.json").toAbsolutePath();
    return new Project(f, Project.VERSION, name(), root.path("description").asText(""), text("prompts"), text("default_bundle"),
        List.copyOf(bundles), List.copyOf(datasets), root.path("allow_outside_root").asBoolean(false));
  }

  private String text(String key) {
    JsonNode n = root.get(key);
    return n == null || n.isNull() ? null : n.asText();
  }

  /** Adds a model (a validated bundle folder). */
  public void addBundle(String name, Path dir) {
    if (bundles.stream().anyMatch(b -> b.name().equals(name))) throw new ProjectException("a model named \"" + name + "\" is already in the project");
    bundles.add(new Project.BundleEntry(name, dir.toAbsolutePath().normalize(), Map.of()));
    dirty = true;
  }

  /** Adds a data set (a manifest file or a data set folder). */
  public void addDataset(String name, String role, Path manifest, Path classSubset) {
    if (!Project.ROLES.contains(role)) throw new ProjectException("unknown role \"" + role + "\" (roles: " + Project.ROLES + ")");
    if (datasets.stream().anyMatch(d -> d.name().equals(name))) throw new ProjectException("a data set named \"" + name + "\" is already in the project");
    if (role.equals(Project.ROLE_ID) && datasets.stream().anyMatch(d -> d.role().equals(Project.ROLE_ID))) {
      throw new ProjectException("the project already has an in-distribution set; give the new set another role");
    }
    datasets.add(new Project.DataSetEntry(name, role, manifest.toAbsolutePath().normalize(),
        classSubset == null ? null : classSubset.toAbsolutePath().normalize()));
    dirty = true;
  }

  /** Removes the model or data set of that name. */
  public void remove(String name) {
    if (bundles.removeIf(b -> b.name().equals(name)) | datasets.removeIf(d -> d.name().equals(name))) dirty = true;
  }

  /**
   * The named prompt sets saved in the project ({@code "prompt_sets": {name: [templates...]}}, written
   * by the prompt lab; a file without the field has none), in file order.
   */
  public Map<String, List<String>> promptSets() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    JsonNode n = root.get("prompt_sets");
    if (n != null && n.isObject()) {
      n.fields().forEachRemaining(e -> {
        List<String> t = new ArrayList<>();
        e.getValue().forEach(x -> t.add(x.asText()));
        out.put(e.getKey(), List.copyOf(t));
      });
    }
    return out;
  }

  /** Adds or replaces a named prompt set (kept in {@code prompt_sets}; older releases ignore the field). */
  public void putPromptSet(String name, List<String> templates) {
    if (name == null || name.isBlank()) throw new ProjectException("a prompt set needs a name");
    if (templates.isEmpty()) throw new ProjectException("prompt set \"" + name + "\" has no templates");
    JsonNode n = root.get("prompt_sets");
    ObjectNode sets = n != null && n.isObject() ? (ObjectNode) n : root.putObject("prompt_sets");
    ArrayNode a = sets.putArray(name);
    templates.forEach(a::add);
    dirty = true;
  }

  /** Writes {@code project.json} to {@code target} (this becomes the project's file). */
  public void save(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    ObjectNode out = root.deepCopy();
    out.put("version", VERSION);
    ArrayNode bs = out.putArray("bundles");
    for (Project.BundleEntry b : bundles) {
      ObjectNode o = originals.containsKey("b:" + b.name()) ? originals.get("b:" + b.name()).deepCopy() : Json.object();
      o.put("name", b.name());
      o.put("path", rel(dir, b.path()));
      if (!o.has("factors")) o.set("factors", Json.mapper().valueToTree(b.factors()));
      bs.add(o);
    }
    ArrayNode ds = out.putArray("datasets");
    for (Project.DataSetEntry d : datasets) {
      ObjectNode o = originals.containsKey("d:" + d.name()) ? originals.get("d:" + d.name()).deepCopy() : Json.object();
      o.put("name", d.name());
      o.put("role", d.role());
      String key = o.has("path") && !o.has("manifest") ? "path" : "manifest";
      o.put(key, rel(dir, d.manifest()));
      if (d.classSubset() != null) o.put("class_subset", rel(dir, d.classSubset()));
      if (d.captions() != null) o.put("captions", rel(dir, d.captions()));
      ds.add(o);
    }
    // field order: name, version first (readers skim the top)
    ObjectNode ordered = Json.object();
    ordered.set("name", out.get("name"));
    ordered.put("version", VERSION);
    out.fields().forEachRemaining(e -> {
      if (!ordered.has(e.getKey())) ordered.set(e.getKey(), e.getValue());
    });
    Json.write(abs, ordered);
    file = abs;
    dirty = false;
  }

  private static String rel(Path dir, Path p) {
    try {
      return dir.relativize(p).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      return p.toString();
    }
  }
}
