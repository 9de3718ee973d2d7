package io.clipwb.core.eval.lmm;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names an answer may use for a class: the class name itself, optional synonyms from the class
 * list (for ImageNet, the WordNet names "great white shark, white shark, man-eater, ..."), and any
 * the user adds in a JSON file {@code {"class name": ["synonym", ...]}}.
 */
public final class Synonyms {
  private final Map<String, Set<String>> terms = new LinkedHashMap<>();
  private final List<String> sources = new ArrayList<>();

  /** Every class name is its own term. */
  public Synonyms(List<String> classNames) {
    for (String c : classNames) terms.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(c);
    sources.add("class names");
  }

  /**
   * Adds comma-separated synonym lists aligned with {@code classNames} (e.g. ImageNet's
   * {@code imagenet_wordnet_names}); ignored unless the lengths agree.
   */
  public Synonyms withAligned(List<String> classNames, List<String> commaSeparated, String source) {
    if (commaSeparated == null || commaSeparated.size() != classNames.size()) return this;
    for (int i = 0; i < classNames.size(); i++) {
      for (String s : commaSeparated.get(i).split(",")) add(classNames.get(i), s);
    }
    sources.add(source);
    return this;
  }

  /** Adds user synonyms from a JSON object {@code {"class": ["syn", ...]}} (a string value is one synonym). */
  public Synonyms withFile(Path json) {
    JsonNode n = Json.read(json);
    if (!n.isObject()) throw new IllegalArgumentException(json + ": expected a JSON object {\"class\": [\"synonym\", ...]}");
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!terms.containsKey(e.getKey())) {
        throw new IllegalArgumentException(json + ": '" + e.getKey() + "' is not one of the class names");
      }
      if (e.getValue().isArray()) e.getValue().forEach(v -> add(e.getKey(), v.asText()));
      else add(e.getKey(), e.getValue().asText());
    }
    sources.add(json.toString());
    return this;
  }

  /** Adds one synonym. */
  public Synonyms add(String className, String synonym) {
    String s = synonym.trim();
    if (!s.isEmpty()) terms.computeIfAbsent(className, k -> new LinkedHashSet<>()).add(s);
    return this;
  }

  /** The terms of a class (at least its name). */
  public Set<String> of(String className) {
    return terms.getOrDefault(className, Set.of(className));
  }

  /** Where the terms came from. */
  public List<String> sources() {
    return List.copyOf(sources);
  }
}
