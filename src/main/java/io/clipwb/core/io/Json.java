package io.clipwb.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one Jackson configuration of the workbench: records map to plain JSON objects (readable
 * with one {@code json.load} in Python), pretty-printed, written atomically. Non-finite doubles are
 * written as JSON {@code NaN} tokens, which Python's json module reads.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static void write(Path file, Object value) {
    AtomicFiles.writeString(file, toString(value) + "\n");
  }

  /**
   * Reads a JSON file through {@link TextFiles} (byte-order mark dropped; bytes that are not UTF-8 or
   * a NUL refused with the file and line).
   */
  public static JsonNode read(Path file) {
    String text = text(file, "JSON " + file);
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null || n.isMissingNode()) throw new IllegalArgumentException(file + ": empty file (no JSON value)");
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JSON " + file + ": " + e.getMessage(), e);
    }
  }

  public static <T> T read(Path file, Class<T> type) {
    String text = text(file, type.getSimpleName() + " from " + file);
    try {
      return MAPPER.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + type.getSimpleName() + " from " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file's text; a missing file stays an I/O error ("cannot read ..."), as callers expect. */
  private static String text(Path file, String what) {
    if (!java.nio.file.Files.exists(file)) {
      throw new UncheckedIOException("cannot read " + what + ": no such file",
          new java.nio.file.NoSuchFileException(file.toString()));
    }
    return TextFiles.read(file);
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }
}
