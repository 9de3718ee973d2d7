package io.clipwb.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import io.clipwb.core.sentencepiece.SentencePieceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * transformers' {@code SiglipTokenizer} ({@code tokenization_siglip.py}, commit d6751d91) over a
 * {@code spiece.model}, in plain Java: the text is prefixed with U+2581 (and U+2581 in it becomes a
 * space), lower-cased outside the special tokens ({@code do_lower_case}, the default), split on the
 * added tokens ({@code </s>}, {@code <unk>}, ... with their {@code lstrip}/{@code rstrip}); every
 * other part is canonicalised ({@code canonicalize_text}: ASCII punctuation removed, whitespace runs
 * collapsed, stripped) and encoded by SentencePiece with {@code add_dummy_prefix} off, as
 * {@code <unk> + text} with the unknown token's pieces dropped again (the library's way of keeping a
 * leading U+2581). A row is the ids, {@code </s>} appended unless already last, truncated to the
 * context length and padded with the pad id ({@code padding="max_length", truncation=True}).
 *
 * <p>There is no start token: {@link #sot()} is -1. The text tower pools the last position, so
 * every row must end in padding or EOS — which truncation keeps.
 */
public final class SiglipTokenizer implements Tokenizer {
  /** Python's {@code string.punctuation}. */
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final String UNDERLINE = "\u2581";

  private final SentencePieceModel sp;
  private final int contextLength;
  private final boolean lowerCase;
  private final String unkToken;
  private final int unkLength;
  private final int eosId;
  private final int padId;
  /** Added tokens by content, longest first: id, lstrip, rstrip. */
  private final Map<String, int[]> added = new LinkedHashMap<>();
  private final List<String> special = new ArrayList<>();

  private SiglipTokenizer(SentencePieceModel sp, int contextLength, JsonNode config) {
    this.sp = sp;
    this.contextLength = contextLength;
    this.lowerCase = config.path("do_lower_case").asBoolean(true);
    String eos = tokenText(config.get("eos_token"), "</s>");
    this.unkToken = tokenText(config.get("unk_token"), "<unk>");
    String pad = tokenText(config.get("pad_token"), "</s>");
    for (String s : new String[] {eos, unkToken, pad}) if (!special.contains(s)) special.add(s);
    for (JsonNode a : config.path("additional_special_tokens")) {
      String s = tokenText(a, null);
      if (s != null && !special.contains(s)) special.add(s);
    }
    Map<String, int[]> found = new LinkedHashMap<>();
    JsonNode dec = config.path("added_tokens_decoder");
    dec.fields().forEachRemaining(e -> found.put(e.getValue().path("content").asText(),
        new int[] {Integer.parseInt(e.getKey()), e.getValue().path("lstrip").asBoolean(false) ? 1 : 0,
            e.getValue().path("rstrip").asBoolean(false) ? 1 : 0}));
    // SiglipTokenizer.__init__: pad, unk and eos are AddedToken(lstrip=True, rstrip=True)
    for (String s : special) found.putIfAbsent(s, new int[] {sp.pieceToId(s), 1, 1});
    found.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getKey().length()))
        .forEach(e -> added.put(e.getKey(), e.getValue()));
    this.eosId = idOf(eos);
    this.padId = idOf(pad);
    this.unkLength = sp.encodePieces(unkToken).size();
  }

  private static String tokenText(JsonNode n, String def) {
    if (n == null || n.isNull()) return def;
    if (n.isTextual()) return n.asText();
    if (n.has("content")) return n.get("content").asText();
    return def;
  }

  /**
   * A SigLIP tokenizer from {@code spiece.model} and, when given and present, the folder's
   * {@code tokenizer_config.json} (special tokens, {@code do_lower_case}).
   */
  public static SiglipTokenizer load(Path spieceModel, Path tokenizerConfig, int contextLength) throws IOException {
    SentencePieceModel sp = SentencePieceModel.load(spieceModel, false);
    JsonNode cfg = Json.mapper().createObjectNode();
    if (tokenizerConfig != null && Files.isRegularFile(tokenizerConfig)) {
      cfg = Json.mapper().readTree(io.clipwb.core.io.TextFiles.read(tokenizerConfig));
      if (cfg == null || !cfg.isObject()) throw new IOException(tokenizerConfig + ": must hold a JSON object");
    }
    return new SiglipTokenizer(sp, contextLength, cfg);
  }

  private int idOf(String token) {
    int[] a = added.get(token);
    return a != null ? a[0] : sp.pieceToId(token);
  }

  /** The SentencePiece model underneath. */
  public SentencePieceModel sentencePiece() {
    return sp;
  }

  public int padId() {
    return padId;
  }

  /** {@code SiglipTokenizer.tokenize}: the token strings, special tokens kept whole. */
  public List<String> tokens(String text) {
    String t = UNDERLINE + text.replace(UNDERLINE, " ");
    if (lowerCase) t = lowerOutsideSpecial(t);
    List<String> parts = splitAdded(t);
    List<String> out = new ArrayList<>();
    for (String p : parts) {
      if (p.isEmpty()) continue;
      if (added.containsKey(p)) {
        out.add(p);
        continue;
      }
      List<String> pieces = sp.encodePieces(unkToken + canonicalize(p));
      out.addAll(pieces.size() >= unkLength ? pieces.subList(unkLength, pieces.size()) : pieces);
    }
    if (out.size() > 1 && out.get(0).equals(UNDERLINE) && special.contains(out.get(1))) out.remove(0);
    return out;
  }

  @Override
  public int[] encode(String text) {
    List<String> toks = tokens(text);
    int[] ids = new int[toks.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = idOf(toks.get(i));
    return ids;
  }

  /** One row: ids, EOS appended unless last, truncated to leave room for it, padded with the pad id. */
  public int[] row(String text) {
    int[] ids = encode(text);
    int n = Math.min(ids.length, contextLength - 1);
    int[] row = new int[contextLength];
    java.util.Arrays.fill(row, padId);
    System.arraycopy(ids, 0, row, 0, n);
    if (n == 0 || row[n - 1] != eosId) row[n] = eosId;
    return row;
  }

  @Override
  public int[][] tokenize(List<String> texts) {
    int[][] out = new int[texts.size()][];
    for (int i = 0; i < out.length; i++) out[i] = row(texts.get(i));
    return out;
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  /** None: SigLIP rows have no start token. */
  @Override
  public int sot() {
    return -1;
  }

  @Override
  public int eot() {
    return eosId;
  }

  private String lowerOutsideSpecial(String t) {
    StringBuilder b = new StringBuilder(t.length());
    int i = 0;
    outer:
    while (i < t.length()) {
      for (String s : special) {
        if (t.startsWith(s, i)) {
          b.append(s);
          i += s.length();
          continue outer;
        }
      }
      int cp = t.codePointAt(i);
      int len = Character.charCount(cp);
      // Python's re '.' does not match a line feed; str.lower() one character at a time
      if (cp == '\n') b.append('\n');
      else b.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
      i += len;
    }
    return b.toString();
  }

  /** Split on added tokens (longest first), then strip beside them as their lstrip/rstrip say. */
  private List<String> splitAdded(String t) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    int i = 0;
    outer:
    while (i < t.length()) {
      for (String a : added.keySet()) {
        if (!a.isEmpty() && t.startsWith(a, i)) {
          if (i > start) parts.add(t.substring(start, i));
          parts.add(a);
          i += a.length();
          start = i;
          continue outer;
        }
      }
      i++;
    }
    if (start < t.length()) parts.add(t.substring(start));
    for (int k = 0; k < parts.size(); k++) {
      int[] a = added.get(parts.get(k));
      if (a == null) continue;
      if (a[2] == 1 && k + 1 < parts.size() && !parts.get(k + 1).isEmpty()) parts.set(k + 1, pyStrip(parts.get(k + 1), true, false));
      if (a[1] == 1 && k > 0 && !parts.get(k - 1).isEmpty()) parts.set(k - 1, pyStrip(parts.get(k - 1), false, true));
    }
    return parts;
  }

  /** {@code canonicalize_text}: ASCII punctuation removed, {@code \s+} to one space, stripped. */
  static String canonicalize(String text) {
    StringBuilder b = new StringBuilder(text.length());
    boolean inSpace = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 128 && PUNCTUATION.indexOf(cp) >= 0) continue;
      if (isPySpace(cp)) {
        if (!inSpace) b.append(' ');
        inSpace = true;
      } else {
        b.appendCodePoint(cp);
        inSpace = false;
      }
    }
    return pyStrip(b.toString(), true, true);
  }

  /** Python's {@code str.isspace()} for one code point (what {@code \s} and {@code strip()} use). */
  static boolean isPySpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 || cp == 0xa0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
  }

  static String pyStrip(String s, boolean left, boolean right) {
    int a = 0;
    int z = s.length();
    while (left && a < z && isPySpace(s.codePointAt(a))) a += Character.charCount(s.codePointAt(a));
    while (right && z > a && isPySpace(s.codePointBefore(z))) z -= Character.charCount(s.codePointBefore(z));
    return s.substring(a, z);
  }
}
