package io.clipwb.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.util.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates a bundle folder's {@code bundle.json} (schema version 1, documented in
 * {@code docs/bundles.md}) and fingerprints the bundle.
 *
 * <p>Why so strict: a bundle is produced by an export script on another machine and consumed by
 * long evaluation runs here. A wrong field must stop the run <em>before</em> any image is decoded,
 * with a message a researcher can act on, so every field is checked and <em>all</em> problems are
 * reported together, one line each naming the file and the field, in one {@link BundleException}.
 *
 * <p>The {@linkplain Bundle#fingerprint() fingerprint} is the model part of every embedding-cache
 * key: SHA-256 over {@code bundle.json}, the tower files and (when it lies in the bundle) the
 * tokenizer file. Hashing a 350 MB tower takes about a second, so file digests are remembered by
 * (absolute path, size, modification time) — see {@link FileDigests}.
 */
public final class BundleLoader {
  /**
   * Upper bounds of bundle.json sizes. Far above any published CLIP (input 336-448 px, width 1024-1664,
   * 77 tokens), they keep batch x 3 x size x size pixels and every tensor shape inside an int, so a
   * mistyped size is refused here, naming the field, instead of failing deep in the engine.
   */
  static final int MAX_INPUT_SIZE = 4096;

  static final int MAX_RESIZE = 8192;
  static final int MAX_EMBED_DIM = 65536;
  static final int MAX_CONTEXT = 65536;
  static final int MAX_TOKEN_ID = 100_000_000;
  static final int MAX_GRID = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(BundleLoader.class);

  /** The value of the {@code format} field. */
  public static final String FORMAT = "clipwb-bundle";
  /** The schema version this loader reads. */
  public static final int VERSION = 1;
  /** The bundle description file inside a bundle folder. */
  public static final String FILE_NAME = "bundle.json";

  public static final Set<String> TOKENIZER_KINDS = Set.of("openai-clip-bpe", "hf-tokenizer-json", "word-vocab");
  public static final Set<String> FAMILIES = Set.of("ViT", "ResNet", "ConvNeXt");
  public static final Set<String> FINE_TUNING = Set.of("none", "end-to-end", "contrastive", "parameter-efficient");
  public static final Set<String> LOSSES = Set.of("softmax-infonce", "sigmoid");

  private static final Set<String> KNOWN_TOP =
      Set.of("format", "version", "name", "image_encoder", "text_encoder", "patch_encoder", "patch_grid",
          "embed_dim", "logit_scale", "preprocess", "tokenizer", "card");

  private BundleLoader() {}

  private static volatile List<FolderFormat> formats;

  /** The other folder kinds that open as bundles (META-INF/services/io.clipwb.core.model.FolderFormat). */
  public static List<FolderFormat> folderFormats() {
    List<FolderFormat> f = formats;
    if (f == null) {
      f = java.util.ServiceLoader.load(FolderFormat.class, BundleLoader.class.getClassLoader()).stream()
          .map(java.util.ServiceLoader.Provider::get).toList();
      formats = f;
    }
    return f;
  }

  /** Whether {@code dir} is a bundle folder or a folder of one of the {@link #folderFormats()}. */
  public static boolean isModelFolder(Path dir) {
    if (!Files.isDirectory(dir)) return false;
    if (Files.isRegularFile(dir.resolve(FILE_NAME))) return true;
    for (FolderFormat f : folderFormats()) if (f.recognises(dir)) return true;
    return false;
  }

  /**
   * Loads the bundle in {@code dir} (a bundle folder, or its {@code bundle.json}).
   *
   * @throws BundleException naming the file and field at fault, before any model work starts
   */
  public static Bundle load(Path dir) {
    return load(dir, FileDigests.atDefaultLocation());
  }

  /**
   * Loads the bundle in {@code dir}, taking file digests for the fingerprint from {@code digests}.
   *
   * @throws BundleException naming the file and field at fault, before any model work starts
   */
  public static Bundle load(Path dir, FileDigests digests) {
    if (dir == null) throw new BundleException("no bundle folder given");
    Path folder = dir.toAbsolutePath().normalize();
    if (Files.isRegularFile(folder) && folder.getFileName().toString().equals(FILE_NAME)) {
      folder = folder.getParent();
    }
    if (!Files.exists(folder)) throw new BundleException("bundle folder " + folder + " does not exist");
    if (!Files.isDirectory(folder)) throw new BundleException(folder + " is not a bundle folder (expected a folder holding " + FILE_NAME + ")");
    Path jsonFile = folder.resolve(FILE_NAME);
    if (!Files.isRegularFile(jsonFile)) {
      for (FolderFormat f : folderFormats()) {
        if (f.recognises(folder)) return f.load(folder, digests); // e.g. a checkpoint folder as it is
      }
    }
    if (!Files.isRegularFile(jsonFile)) {
      throw new BundleException(jsonFile + ": missing (a bundle folder must hold " + FILE_NAME + ", or be a Hugging Face CLIP or open_clip checkpoint folder, or a transformers.js ONNX folder; see docs/bundles.md)");
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(io.clipwb.core.io.TextFiles.read(jsonFile));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new BundleException(jsonFile + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new BundleException(jsonFile + ": cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) throw new BundleException(jsonFile + ": must hold a JSON object");

    Checker c = new Checker(jsonFile, folder);
    c.literal(root, "format", FORMAT);
    c.version(root);
    String name = c.text(root, "name");
    Path image = c.file(root, "image_encoder", true);
    Path text = c.file(root, "text_encoder", true);
    Path patch = c.file(root, "patch_encoder", false);
    int[] grid = c.grid(root, patch != null || root.has("patch_encoder"));
    int embedDim = c.intBetween(root, "", "embed_dim", 1, MAX_EMBED_DIM);
    float logitScale = c.positiveFloat(root, "", "logit_scale");
    Preprocessing pre = c.preprocess(root.get("preprocess"));
    TokenizerSpec tok = c.tokenizer(root.get("tokenizer"));
    ModelCard card = c.card(root.get("card"));
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!KNOWN_TOP.contains(f)) LOG.warn("{}: unknown field '{}' ignored", jsonFile, f);
    }
    c.throwIfAny();

    Map<String, Path> parts = new LinkedHashMap<>();
    parts.put(FILE_NAME, jsonFile);
    parts.put("image_encoder", image);
    parts.put("text_encoder", text);
    if (patch != null) parts.put("patch_encoder", patch);
    if (!tok.file().startsWith("shared:")) parts.put("tokenizer", folder.resolve(tok.file()));
    String fingerprint;
    try {
      fingerprint = fingerprint(parts, digests);
    } catch (java.io.UncheckedIOException e) {
      throw new BundleException(jsonFile + ": a bundle file cannot be read for the fingerprint: " + e.getMessage(), e);
    }
    return new Bundle(folder, name, image, text, Optional.ofNullable(patch), grid, embedDim, logitScale, pre, tok, card, fingerprint);
  }

  /**
   * SHA-256 over the parts, in order: for each, its role, a NUL, the hex SHA-256 of the file and a
   * newline. Stable across machines and folders (paths are not hashed), changed by any byte of any part.
   */
  public static String fingerprint(Map<String, Path> parts, FileDigests digests) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Path> e : parts.entrySet()) {
      sb.append(e.getKey()).append('\0').append(digests.sha256(e.getValue())).append('\n');
    }
    return FileDigests.sha256Hex(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Collects every problem of one bundle.json, one line per field. */
  private static final class Checker {
    private final Path jsonFile;
    private final Path folder;
    private final List<String> problems = new ArrayList<>();

    Checker(Path jsonFile, Path folder) {
      this.jsonFile = jsonFile;
      this.folder = folder;
    }

    void problem(String field, String what) {
      problems.add("field '" + field + "': " + what);
    }

    void throwIfAny() {
      if (problems.isEmpty()) return;
      StringBuilder sb = new StringBuilder();
      sb.append(jsonFile).append(": invalid bundle (").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(')');
      for (String p : problems) sb.append("\n  - ").append(jsonFile.getFileName()).append(": ").append(p);
      throw new BundleException(sb.toString());
    }

    private static String path(String section, String key) {
      return section.isEmpty() ? key : section + "." + key;
    }

    private static String describe(JsonNode v) {
      if (v == null || v.isMissingNode()) return "nothing";
      if (v.isNull()) return "null";
      if (v.isTextual()) return "the string \"" + v.asText() + "\"";
      if (v.isBoolean()) return "the boolean " + v.asText();
      if (v.isNumber()) return "the number " + v.asText();
      if (v.isArray()) return "an array of " + v.size();
      return "an object";
    }

    /** The node, or null after recording "missing". */
    private JsonNode need(JsonNode obj, String section, String key) {
      JsonNode v = obj.get(key);
      if (v == null || v.isNull()) {
        problem(path(section, key), "missing");
        return null;
      }
      return v;
    }

    void literal(JsonNode root, String key, String expected) {
      JsonNode v = need(root, "", key);
      if (v != null && !(v.isTextual() && v.asText().equals(expected))) {
        problem(key, "must be \"" + expected + "\", got " + describe(v));
      }
    }

    void version(JsonNode root) {
      JsonNode v = need(root, "", "version");
      if (v == null) return;
      if (!v.isIntegralNumber()) {
        problem("version", "must be the integer " + VERSION + ", got " + describe(v));
      } else if (v.asInt() != VERSION) {
        problem("version", "this workbench reads version " + VERSION + ", got " + v.asText() + " (re-export the bundle with tools/export_bundle.py)");
      }
    }

    String text(JsonNode obj, String key) {
      return text(obj, "", key);
    }

    String text(JsonNode obj, String section, String key) {
      JsonNode v = need(obj, section, key);
      if (v == null) return null;
      if (!v.isTextual()) {
        problem(path(section, key), "must be a string, got " + describe(v));
        return null;
      }
      if (v.asText().isBlank()) {
        problem(path(section, key), "must not be empty");
        return null;
      }
      return v.asText();
    }

    String oneOf(JsonNode obj, String section, String key, Set<String> allowed) {
      String s = text(obj, section, key);
      if (s != null && !allowed.contains(s)) {
        problem(path(section, key), "must be one of " + new java.util.TreeSet<>(allowed) + ", got \"" + s + "\"");
        return null;
      }
      return s;
    }

    /** A file named relative to the bundle folder, which must exist inside it. */
    Path file(JsonNode root, String key, boolean required) {
      JsonNode v = root.get(key);
      if (v == null || v.isNull()) {
        if (required) problem(key, "missing");
        return null;
      }
      String s = text(root, key);
      if (s == null) return null;
      return existing(key, s);
    }

    private Path existing(String field, String relative) {
      Path p;
      try {
        p = Path.of(relative);
      } catch (java.nio.file.InvalidPathException e) {
        problem(field, "\"" + relative + "\" is not a valid file name");
        return null;
      }
      if (p.isAbsolute()) {
        problem(field, "\"" + relative + "\" must be relative to the bundle folder");
        return null;
      }
      Path resolved = folder.resolve(p).normalize();
      if (!resolved.startsWith(folder)) {
        problem(field, "\"" + relative + "\" points outside the bundle folder");
        return null;
      }
      if (!Files.isRegularFile(resolved)) {
        problem(field, "file \"" + relative + "\" does not exist in " + folder);
        return null;
      }
      if (!Files.isReadable(resolved)) {
        problem(field, "file \"" + relative + "\" is not readable");
        return null;
      }
      // the text check above does not see symbolic links: the real file must be inside the real folder
      try {
        Path real = resolved.toRealPath();
        if (!real.startsWith(folder.toRealPath())) {
          problem(field, "\"" + relative + "\" is a link to " + real + ", outside the bundle folder");
          return null;
        }
      } catch (java.io.IOException e) {
        problem(field, "file \"" + relative + "\" cannot be resolved: " + e.getMessage());
        return null;
      }
      return resolved;
    }

    int[] grid(JsonNode root, boolean expected) {
      JsonNode v = root.get("patch_grid");
      if (v == null || v.isNull()) {
        if (expected) problem("patch_grid", "missing (required with patch_encoder): [grid_height, grid_width]");
        return new int[0];
      }
      if (!expected) {
        problem("patch_grid", "given without patch_encoder");
        return new int[0];
      }
      if (!v.isArray() || v.size() != 2 || !v.get(0).isIntegralNumber() || !v.get(1).isIntegralNumber()
          || v.get(0).asInt() <= 0 || v.get(1).asInt() <= 0 || v.get(0).asInt() > MAX_GRID || v.get(1).asInt() > MAX_GRID) {
        problem("patch_grid", "must be two positive integers (at most " + MAX_GRID + ") [grid_height, grid_width], got "
            + (v.isArray() ? v.toString() : describe(v)));
        return new int[0];
      }
      return new int[] {v.get(0).asInt(), v.get(1).asInt()};
    }

    int positiveInt(JsonNode obj, String section, String key) {
      return intAtLeast(obj, section, key, 1);
    }

    /** An integer in [min, max]; the bounds keep pixel and tensor sizes far from int overflow. */
    int intBetween(JsonNode obj, String section, String key, int min, int max) {
      int v = intAtLeast(obj, section, key, min);
      if (v > max) {
        problem(path(section, key), "must be at most " + max + ", got " + v);
        return 0;
      }
      return v;
    }

    int intAtLeast(JsonNode obj, String section, String key, int min) {
      JsonNode v = need(obj, section, key);
      if (v == null) return 0;
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        problem(path(section, key), "must be an integer, got " + describe(v));
        return 0;
      }
      if (v.asInt() < min) {
        problem(path(section, key), "must be at least " + min + ", got " + v.asInt());
        return 0;
      }
      return v.asInt();
    }

    long longAtLeast(JsonNode obj, String section, String key, long min) {
      JsonNode v = need(obj, section, key);
      if (v == null) return 0;
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        problem(path(section, key), "must be an integer, got " + describe(v));
        return 0;
      }
      if (v.asLong() < min) {
        problem(path(section, key), "must be at least " + min + ", got " + v.asLong());
        return 0;
      }
      return v.asLong();
    }

    float positiveFloat(JsonNode obj, String section, String key) {
      JsonNode v = need(obj, section, key);
      if (v == null) return 0;
      if (!v.isNumber()) {
        problem(path(section, key), "must be a number, got " + describe(v));
        return 0;
      }
      double d = v.asDouble();
      if (!Double.isFinite(d) || d <= 0) {
        problem(path(section, key), "must be a positive finite number, got " + v.asText());
        return 0;
      }
      return (float) d;
    }

    float[] triple(JsonNode obj, String section, String key, boolean positive) {
      JsonNode v = need(obj, section, key);
      if (v == null) return new float[3];
      if (!v.isArray() || v.size() != 3) {
        problem(path(section, key), "must be an array of 3 numbers (R, G, B), got " + describe(v));
        return new float[3];
      }
      float[] out = new float[3];
      for (int i = 0; i < 3; i++) {
        JsonNode x = v.get(i);
        if (!x.isNumber() || !Double.isFinite(x.asDouble()) || (positive && x.asDouble() <= 0)) {
          problem(path(section, key), "element " + i + " must be a " + (positive ? "positive " : "") + "finite number, got " + describe(x));
          return new float[3];
        }
        out[i] = (float) x.asDouble();
      }
      return out;
    }

    private JsonNode section(JsonNode v, String key) {
      if (v == null || v.isNull()) {
        problem(key, "missing");
        return null;
      }
      if (!v.isObject()) {
        problem(key, "must be an object, got " + describe(v));
        return null;
      }
      return v;
    }

    Preprocessing preprocess(JsonNode node) {
      final String s = "preprocess";
      JsonNode p = section(node, s);
      if (p == null) return null;
      int input = intBetween(p, s, "input_size", 1, MAX_INPUT_SIZE);
      int resize = intBetween(p, s, "resize", 1, MAX_RESIZE);
      if (input > 0 && resize > 0 && resize < input) {
        problem(s + ".resize", "(" + resize + ") is smaller than input_size (" + input + "): the center crop would not fit");
      }
      String interp = oneOf(p, s, "interpolation", Set.of("bicubic", "bilinear"));
      JsonNode crop = need(p, s, "center_crop");
      boolean centerCrop = true;
      if (crop != null) {
        if (!crop.isBoolean()) problem(s + ".center_crop", "must be true or false, got " + describe(crop));
        else centerCrop = crop.asBoolean();
      }
      float[] mean = triple(p, s, "mean", false);
      float[] std = triple(p, s, "std", true);
      Preprocessing.Interpolation ip = "bilinear".equals(interp) ? Preprocessing.Interpolation.BILINEAR : Preprocessing.Interpolation.BICUBIC;
      return new Preprocessing(input, resize, ip, centerCrop, mean, std);
    }

    TokenizerSpec tokenizer(JsonNode node) {
      final String s = "tokenizer";
      JsonNode t = section(node, s);
      if (t == null) return null;
      String kind = oneOf(t, s, "kind", TOKENIZER_KINDS);
      String file = text(t, s, "file");
      if (file != null) {
        if (file.startsWith("shared:")) {
          String rel = file.substring("shared:".length());
          // only checkable where the shared folder exists; Tokenizers reports it otherwise
          SharedData.root().ifPresent(root -> {
            if (!Files.isRegularFile(root.resolve(rel))) {
              problem(s + ".file", "\"" + file + "\" does not exist in the shared data folder " + root);
            }
          });
        } else {
          existing(s + ".file", file);
        }
      }
      int ctx = intBetween(t, s, "context_length", 2, MAX_CONTEXT);
      int sot = intBetween(t, s, "sot", 0, MAX_TOKEN_ID);
      int eot = intBetween(t, s, "eot", 0, MAX_TOKEN_ID);
      return new TokenizerSpec(kind, file, ctx, sot, eot);
    }

    ModelCard card(JsonNode node) {
      final String s = "card";
      JsonNode c = section(node, s);
      if (c == null) return null;
      return new ModelCard(
          oneOf(c, s, "architecture_family", FAMILIES),
          text(c, s, "architecture_name"),
          text(c, s, "training_data"),
          longAtLeast(c, s, "training_samples", 0),
          oneOf(c, s, "fine_tuning", FINE_TUNING),
          oneOf(c, s, "loss", LOSSES),
          text(c, s, "prompts"));
    }
  }
}
