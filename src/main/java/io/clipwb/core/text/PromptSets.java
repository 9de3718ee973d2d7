package io.clipwb.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompt template sets ({@code {c}} stands for the class name), as used for zero-shot class weights.
 *
 * <p>Built-in names (resource {@code prompt-sets.json}):
 *
 * <ul>
 *   <li>{@code imagenet-80}: OpenAI's 80 ImageNet templates ({@code openai/CLIP
 *       notebooks/Prompt_Engineering_for_ImageNet.ipynb}; identical to CLIP_benchmark's
 *       {@code imagenet1k} list, which a test checks);
 *   <li>{@code imagenet-7}: the 7-template ensemble selected in the same notebook;
 *   <li>{@code single}: {@code "a photo of a {c}."}.
 * </ul>
 *
 * Otherwise the argument is a CLIP_benchmark JSON file ({@code en_zeroshot_classification_templates.json}
 * format): {@code file.json} holding a list, or {@code file.json#key} selecting one dataset's list
 * from an object. Templates written with Python's {@code {}} placeholder are accepted and turned into
 * {@code {c}}.
 */
public final class PromptSets {
  private static final Map<String, List<String>> BUILT_IN = loadBuiltIn();

  private PromptSets() {}

  /** The names of the built-in sets. */
  /**
   * The prompt set a bundle is evaluated with when the user names none: its card's default prompts
   * when that is a built-in set, else {@code single} ("a photo of a {c}.").
   */
  public static String defaultFor(io.clipwb.core.model.Bundle b) {
    String p = b.card() == null ? null : b.card().prompts();
    if (p != null && (p.equals("imagenet-80") || p.equals("imagenet-7") || p.equals("single"))) return p;
    return "single";
  }

  public static List<String> builtInNames() {
    return List.copyOf(BUILT_IN.keySet());
  }

  /**
   * @throws IllegalArgumentException naming the file, key or template that is wrong
   */
  public static List<String> templates(String nameOrFile) {
    if (nameOrFile == null || nameOrFile.isBlank()) {
      throw new IllegalArgumentException("no template set given (built-in: " + String.join(", ", BUILT_IN.keySet())
          + ", or a CLIP_benchmark JSON file[#key])");
    }
    List<String> builtIn = BUILT_IN.get(nameOrFile);
    if (builtIn != null) return builtIn;
    String file = nameOrFile;
    String key = null;
    int hash = nameOrFile.lastIndexOf('#');
    if (hash > 0) {
      file = nameOrFile.substring(0, hash);
      key = nameOrFile.substring(hash + 1);
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("template set \"" + nameOrFile + "\" is neither built in ("
          + String.join(", ", BUILT_IN.keySet()) + ") nor an existing JSON file");
    }
    JsonNode root;
    try {
      root = Json.read(path);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(path + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode list = select(root, key, path, "templates");
    return parseList(list, path + (key == null ? "" : "#" + key));
  }

  /** Selects {@code key} from an object, or the whole document when it is a list and no key is given. */
  static JsonNode select(JsonNode root, String key, Path path, String what) {
    if (key == null || key.isEmpty()) {
      if (root.isArray()) return root;
      if (root.isObject()) {
        throw new IllegalArgumentException(path + " holds " + what + " for " + root.size() + " data sets; pick one with "
            + path.getFileName() + "#KEY, KEY one of: " + keys(root));
      }
      throw new IllegalArgumentException(path + ": expected a JSON list of " + what + " or an object of lists");
    }
    if (!root.isObject()) throw new IllegalArgumentException(path + ": key \"" + key + "\" given but the file is not a JSON object");
    JsonNode n = root.get(key);
    if (n == null) throw new IllegalArgumentException(path + " has no key \"" + key + "\"; keys: " + keys(root));
    if (!n.isArray()) throw new IllegalArgumentException(path + "#" + key + ": expected a list of " + what);
    return n;
  }

  static String keys(JsonNode obj) {
    List<String> k = new ArrayList<>();
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) k.add(it.next());
    String s = String.join(", ", k.subList(0, Math.min(30, k.size())));
    return k.size() > 30 ? s + ", … (" + k.size() + " in all)" : s;
  }

  private static List<String> parseList(JsonNode list, String where) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      if (!t.isTextual()) throw new IllegalArgumentException(where + ": template " + i + " is not a string: " + t);
      String s = t.asText();
      if (!s.contains("{c}") && s.contains("{}")) s = s.replace("{}", "{c}");
      if (!s.contains("{c}")) throw new IllegalArgumentException(where + ": template " + i + " \"" + s + "\" has no {c} placeholder");
      out.add(s);
    }
    if (out.isEmpty()) throw new IllegalArgumentException(where + ": the template list is empty");
    return List.copyOf(out);
  }

  private static Map<String, List<String>> loadBuiltIn() {
    try (InputStream in = PromptSets.class.getResourceAsStream("prompt-sets.json")) {
      if (in == null) throw new IllegalStateException("resource prompt-sets.json missing from the class path");
      JsonNode root = Json.mapper().readTree(in);
      Map<String, List<String>> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().startsWith("_")) continue;
        m.put(e.getKey(), parseList(e.getValue(), "prompt-sets.json#" + e.getKey()));
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills a template: every {@code {c}} becomes the class name. */
  public static String fill(String template, String className) {
    return template.replace("{c}", className);
  }
}
