package io.clipwb.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hugging Face {@code tokenizer.json} of a CLIP model, read offline in plain Java (no native
 * library): the pipeline that {@code tokenizers} runs for {@code CLIPTokenizerFast}.
 *
 * <ol>
 *   <li>added tokens ({@code <|startoftext|>}, {@code <|endoftext|>}) are cut out of the raw text
 *       first and map to their ids;
 *   <li>normalizer: {@code Sequence} of {@code NFC}/{@code NFD}/{@code NFKC}/{@code NFKD},
 *       {@code Replace} (regex or string), {@code Lowercase} (per character, full Unicode mapping,
 *       no final-sigma context — as Rust's {@code char::to_lowercase}), {@code Strip};
 *   <li>pre-tokenizer: {@code Sequence} of {@code Split} (regex or string; {@code invert} with
 *       behaviour {@code Removed} keeps the matches, as CLIP's does) and {@code ByteLevel} (byte
 *       stand-ins; its GPT-2 regex leaves CLIP's pieces unchanged, so only the mapping is done);
 *   <li>model {@code BPE} with {@code end_of_word_suffix} (the same algorithm as {@link Bpe}).
 * </ol>
 *
 * Other component types are refused with a message naming them. Differences to
 * {@link OpenAiClipTokenizer}: NFC normalisation, no {@code html.unescape}. Thread-safe.
 */
public final class HfTokenizerJson extends SpecialTokens {
  private final List<UnaryOperator<String>> normalizers;
  private final List<Pattern> splits;
  private final Map<String, Integer> added;
  private final Pattern addedPattern;
  private final Bpe bpe;

  private HfTokenizerJson(List<UnaryOperator<String>> normalizers, List<Pattern> splits, Map<String, Integer> added,
      Bpe bpe, int contextLength, int sot, int eot) {
    super(contextLength, sot, eot);
    this.normalizers = normalizers;
    this.splits = splits;
    this.added = added;
    StringBuilder alt = new StringBuilder();
    added.keySet().stream().sorted((a, b) -> b.length() - a.length()).forEach(k -> {
      if (alt.length() > 0) alt.append('|');
      alt.append(Pattern.quote(k));
    });
    this.addedPattern = alt.length() == 0 ? null : Pattern.compile(alt.toString());
    this.bpe = bpe;
  }

  /**
   * Reads {@code tokenizer.json}. SOT/EOT default to the ids of {@code <|startoftext|>} and
   * {@code <|endoftext|>}.
   *
   * @throws IOException naming the file and the unsupported or missing field
   */
  public static HfTokenizerJson load(Path file, int contextLength) throws IOException {
    JsonNode root = readJson(file);
    String where = file.toString();
    JsonNode model = root.path("model");
    if (!"BPE".equals(model.path("type").asText("BPE")) || !model.has("vocab") || !model.has("merges")) {
      throw new IOException(where + ": field model must be a BPE model with vocab and merges (got type "
          + model.path("type").asText("?") + ")");
    }
    Map<String, Integer> vocab = new HashMap<>(model.get("vocab").size() * 2);
    for (Iterator<Map.Entry<String, JsonNode>> it = model.get("vocab").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      vocab.put(e.getKey(), e.getValue().asInt());
    }
    Map<String, Integer> ranks = new HashMap<>(model.get("merges").size() * 2);
    int rank = 0;
    for (JsonNode m : model.get("merges")) {
      String a;
      String b;
      if (m.isArray() && m.size() == 2) {
        a = m.get(0).asText();
        b = m.get(1).asText();
      } else {
        String[] p = m.asText().split(" ");
        if (p.length != 2) throw new IOException(where + ": model.merges[" + rank + "] is not a pair: " + m);
        a = p[0];
        b = p[1];
      }
      ranks.putIfAbsent(a + " " + b, rank++);
    }
    String suffix = model.path("end_of_word_suffix").isTextual() ? model.get("end_of_word_suffix").asText() : "";
    if (!model.path("continuing_subword_prefix").asText("").isEmpty()) {
      throw new IOException(where + ": model.continuing_subword_prefix is not supported");
    }
    Map<String, Integer> added = new HashMap<>();
    for (JsonNode t : root.path("added_tokens")) added.put(t.get("content").asText(), t.get("id").asInt());
    List<UnaryOperator<String>> normalizers = new ArrayList<>();
    parseNormalizer(root.path("normalizer"), normalizers, where);
    List<Pattern> splits = new ArrayList<>();
    boolean[] byteLevel = new boolean[1];
    parsePreTokenizer(root.path("pre_tokenizer"), splits, byteLevel, where);
    if (!byteLevel[0]) throw new IOException(where + ": pre_tokenizer has no ByteLevel step; only byte-level BPE (CLIP) is supported");
    Integer sot = added.getOrDefault("<|startoftext|>", vocab.get("<|startoftext|>"));
    Integer eot = added.getOrDefault("<|endoftext|>", vocab.get("<|endoftext|>"));
    if (sot == null || eot == null) throw new IOException(where + ": no <|startoftext|> / <|endoftext|> token");
    return new HfTokenizerJson(normalizers, splits, added, new Bpe(ranks, vocab, suffix), contextLength, sot, eot);
  }

  HfTokenizerJson withBundleIds(int contextLength, int sot, int eot, String where) {
    if (sot != sot() || eot != eot()) {
      throw new IllegalArgumentException(where + ": sot/eot are " + sot + "/" + eot + " but the tokenizer.json has <|startoftext|>="
          + sot() + " and <|endoftext|>=" + eot());
    }
    return new HfTokenizerJson(normalizers, splits, added, bpe, contextLength, sot, eot);
  }

  private static void parseNormalizer(JsonNode n, List<UnaryOperator<String>> out, String where) throws IOException {
    if (n == null || n.isMissingNode() || n.isNull()) return;
    String type = n.path("type").asText();
    switch (type) {
      case "Sequence" -> { for (JsonNode c : n.path("normalizers")) parseNormalizer(c, out, where); }
      case "NFC" -> out.add(s -> Normalizer.normalize(s, Normalizer.Form.NFC));
      case "NFD" -> out.add(s -> Normalizer.normalize(s, Normalizer.Form.NFD));
      case "NFKC" -> out.add(s -> Normalizer.normalize(s, Normalizer.Form.NFKC));
      case "NFKD" -> out.add(s -> Normalizer.normalize(s, Normalizer.Form.NFKD));
      case "Lowercase" -> out.add(HfTokenizerJson::lowercasePerChar);
      case "Strip" -> {
        boolean left = n.path("strip_left").asBoolean(true);
        boolean right = n.path("strip_right").asBoolean(true);
        out.add(s -> {
          String r = s;
          if (left) r = r.replaceFirst("^\\s+", "");
          if (right) r = r.replaceFirst("\\s+$", "");
          return r;
        });
      }
      case "Replace" -> {
        Pattern p = pattern(n.path("pattern"), where + ": normalizer Replace");
        String content = Matcher.quoteReplacement(n.path("content").asText());
        out.add(s -> p.matcher(s).replaceAll(content));
      }
      default -> throw new IOException(where + ": unsupported normalizer type \"" + type + "\"");
    }
  }

  private static void parsePreTokenizer(JsonNode n, List<Pattern> splits, boolean[] byteLevel, String where) throws IOException {
    if (n == null || n.isMissingNode() || n.isNull()) return;
    String type = n.path("type").asText();
    switch (type) {
      case "Sequence" -> { for (JsonNode c : n.path("pretokenizers")) parsePreTokenizer(c, splits, byteLevel, where); }
      case "Split" -> {
        if (!n.path("invert").asBoolean(false) || !"Removed".equals(n.path("behavior").asText())) {
          throw new IOException(where + ": only Split with invert=true and behavior=Removed is supported (CLIP's)");
        }
        splits.add(pattern(n.path("pattern"), where + ": pre_tokenizer Split"));
      }
      case "ByteLevel" -> {
        if (n.path("add_prefix_space").asBoolean(false)) {
          throw new IOException(where + ": ByteLevel add_prefix_space=true is not supported");
        }
        byteLevel[0] = true;
      }
      default -> throw new IOException(where + ": unsupported pre_tokenizer type \"" + type + "\"");
    }
  }

  private static Pattern pattern(JsonNode p, String where) throws IOException {
    if (p.has("Regex")) return Pattern.compile(p.get("Regex").asText(), Pattern.UNICODE_CHARACTER_CLASS);
    if (p.has("String")) return Pattern.compile(Pattern.quote(p.get("String").asText()));
    throw new IOException(where + ": pattern must be {\"Regex\": ...} or {\"String\": ...}");
  }

  /** Lower-cases each code point on its own (full mapping, no context), like Rust's {@code char::to_lowercase}. */
  static String lowercasePerChar(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp < 128) sb.append((char) Character.toLowerCase(cp));
      else sb.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
    });
    return sb.toString();
  }

  @Override
  public int[] encode(String text) {
    List<Integer> ids = new ArrayList<>();
    if (addedPattern == null) {
      encodeSegment(text, ids);
    } else {
      Matcher m = addedPattern.matcher(text);
      int last = 0;
      while (m.find()) {
        encodeSegment(text.substring(last, m.start()), ids);
        ids.add(added.get(m.group()));
        last = m.end();
      }
      encodeSegment(text.substring(last), ids);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  private void encodeSegment(String s, List<Integer> ids) {
    if (s.isEmpty()) return;
    for (UnaryOperator<String> n : normalizers) s = n.apply(s);
    List<String> pieces = List.of(s);
    for (Pattern p : splits) {
      List<String> next = new ArrayList<>();
      for (String piece : pieces) {
        Matcher m = p.matcher(piece);
        while (m.find()) next.add(m.group());
      }
      pieces = next;
    }
    for (String piece : pieces) {
      if (piece.isEmpty()) continue;
      for (int id : bpe.encode(Bpe.byteEncode(piece))) ids.add(id);
    }
  }

}
