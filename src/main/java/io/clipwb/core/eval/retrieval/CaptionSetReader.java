package io.clipwb.core.eval.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Csv;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.JsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads image–caption retrieval sets in the two forms researchers have at hand:
 *
 * <ul>
 *   <li><b>Karpathy-split JSON</b> ({@code dataset_coco.json}, {@code dataset_flickr30k.json} from
 *       Karpathy &amp; Fei-Fei's "Deep Visual-Semantic Alignments"): {@code {"images": [{"filename",
 *       "filepath"?, "split", "sentences": [{"raw"}, ...]}, ...]}}. Only images of the requested split
 *       are kept ({@code "test"} is the 5k COCO / 1k Flickr30K test set used by CLIP_benchmark);
 *       {@code "all"} keeps every image. The image id is {@code filepath/filename} when a filepath is
 *       given (COCO), else {@code filename} (Flickr30K).
 *   <li><b>CSV</b> with a header naming the columns {@code image} and {@code caption} (RFC 4180 quoting,
 *       other columns ignored), one row per caption; rows of the same image may repeat it.
 *   <li><b>JSONL</b>, one object per line: {@code {"image": ..., "caption": ...}} or
 *       {@code {"image": ..., "captions": [...]}}.
 * </ul>
 *
 * Images keep the order of their first appearance and captions the order of the file, which is the
 * row order the embedding matrices must follow. Malformed input fails with an
 * {@link IllegalArgumentException} that names the file and the row, line or field.
 */
public final class CaptionSetReader {
  private CaptionSetReader() {}

  /** The accepted file forms. */
  public enum Format {
    KARPATHY,
    CSV,
    JSONL;

    /** Guesses the form from the file extension ({@code .json}, {@code .csv}, {@code .jsonl}/{@code .ndjson}). */
    public static Format ofFile(Path file) {
      String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) return JSONL;
      if (n.endsWith(".json")) return KARPATHY;
      if (n.endsWith(".csv")) return CSV;
      throw new IllegalArgumentException(
          file + ": cannot tell the caption file format from its extension (use .json for Karpathy-split JSON, .csv or .jsonl)");
    }
  }

  /** Reads {@code file} in the form its extension names; {@code split} applies to Karpathy JSON only. */
  public static CaptionSet read(Path file, String split) {
    return read(file, Format.ofFile(file), split);
  }

  public static CaptionSet read(Path file, Format format, String split) {
    return switch (format) {
      case KARPATHY -> karpathy(file, split);
      case CSV -> csv(file);
      case JSONL -> jsonl(file);
    };
  }

  /** Reads a Karpathy-split JSON file, keeping images whose {@code split} equals {@code split} (or all for "all"). */
  public static CaptionSet karpathy(Path file, String split) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("images").isArray()) {
      throw new IllegalArgumentException(file + ": expected a Karpathy-split JSON object with an \"images\" array");
    }
    boolean all = split == null || split.equalsIgnoreCase("all");
    Builder b = new Builder();
    JsonNode images = root.get("images");
    for (int i = 0; i < images.size(); i++) {
      JsonNode img = images.get(i);
      String where = file + ": images[" + i + "]";
      if (!img.isObject()) throw new IllegalArgumentException(where + " is not an object");
      String filename = text(img, "filename", where);
      String imgSplit = img.has("split") ? text(img, "split", where) : null;
      if (!all) {
        if (imgSplit == null) throw new IllegalArgumentException(where + " (" + filename + ") has no \"split\" field");
        if (!imgSplit.equals(split)) continue;
      }
      String id = filename;
      if (img.hasNonNull("filepath")) {
        String fp = text(img, "filepath", where);
        if (!fp.isEmpty()) id = fp + "/" + filename;
      }
      JsonNode sentences = img.get("sentences");
      if (sentences == null || !sentences.isArray()) {
        throw new IllegalArgumentException(where + " (" + filename + "): missing \"sentences\" array");
      }
      if (sentences.isEmpty()) {
        throw new IllegalArgumentException(where + " (" + filename + "): \"sentences\" is empty; every image needs a caption");
      }
      for (int s = 0; s < sentences.size(); s++) {
        JsonNode sent = sentences.get(s);
        String sw = where + ".sentences[" + s + "]";
        if (!sent.isObject()) throw new IllegalArgumentException(sw + " is not an object");
        b.add(id, text(sent, "raw", sw), sw);
      }
    }
    if (b.images.isEmpty()) {
      throw new IllegalArgumentException(file + ": no images with split \"" + split + "\" (splits present: " + splits(images) + ")");
    }
    return b.build(file.getFileName() + (all ? "" : " [split " + split + "]"));
  }

  /** Reads a CSV file with a header row naming the columns {@code image} and {@code caption}. */
  public static CaptionSet csv(Path file) {
    Csv.Table t = Csv.read(file);
    int ci = t.column("image");
    int cc = t.column("caption");
    if (ci < 0 || cc < 0) {
      throw new IllegalArgumentException(
          file + ": line 1 must be a header with columns \"image\" and \"caption\" but is " + t.header());
    }
    Builder b = new Builder();
    for (Csv.Row row : t.rows()) {
      String where = t.where(row);
      String image = row.get(ci).strip();
      if (image.isEmpty()) throw new IllegalArgumentException(where + ": empty \"image\" field");
      b.add(image, row.get(cc), where);
    }
    if (b.images.isEmpty()) throw new IllegalArgumentException(file + ": no caption rows after the header");
    return b.build(file.getFileName().toString());
  }

  /** Reads JSON Lines: {@code {"image": ..., "caption": ...}} or {@code {"image": ..., "captions": [...]}} per line. */
  public static CaptionSet jsonl(Path file) {
    Builder b = new Builder();
    for (JsonLines.Line line : JsonLines.read(file)) {
      JsonNode node = line.object(file.toString());
      String where = file + ": line " + line.number();
      String image = text(node, "image", where);
      if (image.isBlank()) throw new IllegalArgumentException(where + ": empty \"image\" field");
      if (node.has("captions")) {
        JsonNode caps = node.get("captions");
        if (!caps.isArray() || caps.isEmpty()) {
          throw new IllegalArgumentException(where + ": \"captions\" must be a non-empty array of strings");
        }
        for (int c = 0; c < caps.size(); c++) {
          if (!caps.get(c).isTextual()) throw new IllegalArgumentException(where + ": captions[" + c + "] is not a string");
          b.add(image, caps.get(c).asText(), where + " captions[" + c + "]");
        }
      } else {
        b.add(image, text(node, "caption", where), where);
      }
    }
    if (b.images.isEmpty()) throw new IllegalArgumentException(file + ": no captions (empty JSONL file)");
    return b.build(file.getFileName().toString());
  }

  // ---------------------------------------------------------------------------------------------

  private static final class Builder {
    final Map<String, Integer> images = new LinkedHashMap<>();
    final List<String> captions = new ArrayList<>();
    final List<Integer> owner = new ArrayList<>();

    void add(String image, String caption, String where) {
      if (caption == null || caption.isBlank()) throw new IllegalArgumentException(where + ": empty caption");
      int idx = images.computeIfAbsent(image, k -> images.size());
      captions.add(caption.strip());
      owner.add(idx);
    }

    CaptionSet build(String source) {
      return new CaptionSet(
          new ArrayList<>(images.keySet()), captions, owner.stream().mapToInt(Integer::intValue).toArray(), source);
    }
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) throw new IllegalArgumentException(where + ": missing field \"" + field + "\"");
    if (!v.isTextual()) throw new IllegalArgumentException(where + ": field \"" + field + "\" must be a string but is " + v.getNodeType());
    return v.asText();
  }

  private static String splits(JsonNode images) {
    java.util.TreeSet<String> s = new java.util.TreeSet<>();
    for (JsonNode img : images) if (img.hasNonNull("split")) s.add(img.get("split").asText());
    return s.isEmpty() ? "none" : String.join(", ", s);
  }

  private static String readString(Path file) {
    return io.clipwb.core.io.TextFiles.read(file);
  }
}
