package io.clipwb.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON Lines reader: data-set manifests, caption files, ImageNet-X annotations and LMM
 * answer logs are all one JSON value per line. Blank lines are skipped and a leading UTF-8
 * byte-order mark is ignored. A line that is not valid JSON does not stop the reading: it comes
 * back with its error, so importers that collect row problems can go on, and readers that must
 * stop call {@link Line#object(String)}, which fails naming the file and line.
 */
public final class JsonLines {
  private JsonLines() {}

  /**
   * One non-blank line.
   *
   * @param number its 1-based line number in the file
   * @param value the parsed value, null when the line is not valid JSON
   * @param error the parser's message when the line is not valid JSON, else null
   */
  public record Line(int number, JsonNode value, String error) {
    /** Whether the line parsed. */
    public boolean valid() {
      return value != null;
    }

    /**
     * The line's JSON object.
     *
     * @throws IllegalArgumentException naming the source and line when the line is not valid JSON or
     *     not an object
     */
    public JsonNode object(String source) {
      if (value == null) throw new IllegalArgumentException(source + ": line " + number + ": not valid JSON: " + error);
      if (!value.isObject()) throw new IllegalArgumentException(source + ": line " + number + ": expected a JSON object");
      return value;
    }
  }

  /** Reads a UTF-8 JSON Lines file. */
  public static List<Line> read(Path file) {
    return parse(Csv.text(file));
  }

  /** Parses JSON Lines text. */
  public static List<Line> parse(String text) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
    String[] lines = text.split("\r?\n|\r", -1);
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) continue;
      try {
        JsonNode n = Json.mapper().readTree(line);
        out.add(n == null ? new Line(i + 1, null, "no JSON value") : new Line(i + 1, n, null));
      } catch (JsonProcessingException e) {
        out.add(new Line(i + 1, null, e.getOriginalMessage()));
      }
    }
    return out;
  }
}
