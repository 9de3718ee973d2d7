package io.clipwb.core.model.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.model.BundleException;
import java.io.IOException;
import java.nio.file.Path;

/** Typed reads of one JSON config object with upstream defaults; errors name the file and field. */
final class ConfigReader {
  final Path file;
  final String prefix;
  final JsonNode node;

  ConfigReader(Path file, String prefix, JsonNode node) {
    this.file = file;
    this.prefix = prefix;
    this.node = node;
  }

  static ConfigReader open(Path file) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(io.clipwb.core.io.TextFiles.read(file));
    } catch (JsonProcessingException e) {
      throw new BundleException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BundleException(file + ": cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) throw new BundleException(file + ": must hold a JSON object");
    return new ConfigReader(file, "", root);
  }

  ConfigReader child(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) v = Json.mapper().createObjectNode();
    if (!v.isObject()) throw fail(key, "must be an object");
    return new ConfigReader(file, prefix + key + ".", v);
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  BundleException fail(String key, String what) {
    return new BundleException(file + ": field '" + prefix + key + "' " + what);
  }

  int integer(String key, int def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def;
    if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > Integer.MAX_VALUE) throw fail(key, "must be a non-negative integer, got " + v);
    return v.asInt();
  }

  double number(String key, double def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def;
    if (!v.isNumber()) throw fail(key, "must be a number, got " + v);
    return v.asDouble();
  }

  boolean bool(String key, boolean def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def;
    if (!v.isBoolean()) throw fail(key, "must be true or false, got " + v);
    return v.asBoolean();
  }

  String text(String key, String def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def;
    if (!v.isTextual()) throw fail(key, "must be a string, got " + v);
    return v.asText();
  }

  float[] floats3(String key, float[] def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def.clone();
    if (v.isNumber()) return new float[] {(float) v.asDouble(), (float) v.asDouble(), (float) v.asDouble()};
    if (!v.isArray() || v.size() != 3) throw fail(key, "must be 3 numbers (R, G, B), got " + v);
    float[] r = new float[3];
    for (int i = 0; i < 3; i++) {
      if (!v.get(i).isNumber()) throw fail(key, "must be 3 numbers (R, G, B), got " + v);
      r[i] = (float) v.get(i).asDouble();
    }
    return r;
  }

  /** Refuses a field whose value differs from the only one this reader can honour. */
  void only(String key, Object allowed, String why) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return;
    Object got = v.isBoolean() ? (Object) v.asBoolean() : v.isNumber() ? (Object) v.asDouble() : v.isTextual() ? v.asText() : v.toString();
    Object want = allowed instanceof Integer i ? (Object) i.doubleValue() : allowed instanceof Double d ? d : allowed;
    if (!want.equals(got)) {
      throw fail(key, "is " + v + ": not supported by the direct loader (" + why + "); export the model with tools/export_bundle.py instead");
    }
  }

  static int heads(ConfigReader r, String key, int width, int heads) {
    if (heads <= 0 || width % heads != 0) throw r.fail(key, "gives " + heads + " heads, which do not divide the width " + width);
    return heads;
  }

  static String act(ConfigReader r, String key, String act) {
    if (!act.equals("quick_gelu") && !act.equals("gelu") && !act.equals("gelu_pytorch_tanh")) {
      throw r.fail(key, "is \"" + act + "\": only quick_gelu, gelu and gelu_pytorch_tanh are supported by the direct loader");
    }
    return act;
  }
}
