package io.clipwb.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * OpenAI CLIP's tokenizer ({@code openai/CLIP clip/simple_tokenizer.py SimpleTokenizer} with
 * {@code bpe_simple_vocab_16e6.txt.gz}, wrapped as {@code clip.tokenize(texts, truncate=True)}).
 *
 * <p>{@code encode}: {@code basic_clean} (ftfy — identity here, see below — then
 * {@code html.unescape} twice, strip), {@code whitespace_clean} (every {@code \s+} run → one space,
 * strip), {@code str.lower()}, then the pre-token regex
 * {@code <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+}
 * over code points (so emoji outside the BMP are one symbol), byte-level BPE with {@code </w>}.
 * The vocabulary is the 256 byte stand-ins, the same with {@code </w>}, the merges of lines
 * 1..48894 of the file, and {@code <|startoftext|>} = 49406, {@code <|endoftext|>} = 49407.
 *
 * <p>Not reproduced: {@code ftfy.fix_text}, which only changes mojibake (the reference vectors were
 * computed without it as well). No Unicode normalisation is applied, unlike Hugging Face's
 * {@code tokenizer.json}. Thread-safe.
 */
public final class OpenAiClipTokenizer extends SpecialTokens {
  /** Merges used by {@code SimpleTokenizer}: lines 1 .. 49152 - 256 - 2 of the file. */
  static final int MERGES = 49152 - 256 - 2;

  static final Pattern PRE_TOKEN = Pattern.compile(
      "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private final Bpe bpe;
  private final int sotId;
  private final int eotId;

  private OpenAiClipTokenizer(Bpe bpe, int sotId, int eotId, int contextLength, int sot, int eot) {
    super(contextLength, sot, eot);
    this.bpe = bpe;
    this.sotId = sotId;
    this.eotId = eotId;
  }

  /** Reads the gzip merges file; CLIP's own ids: SOT 49406, EOT 49407. */
  public static OpenAiClipTokenizer load(Path bpeGz, int contextLength) throws IOException {
    List<String> lines = readLines(bpeGz);
    if (lines.size() < MERGES + 1) {
      throw new IOException(bpeGz + " holds " + (lines.size() - 1) + " merge lines; OpenAI CLIP's BPE file has at least " + MERGES);
    }
    List<String> vocabList = new ArrayList<>(2 * 256 + MERGES + 2);
    for (char c : Bpe.BYTE_ORDER) vocabList.add(String.valueOf(c));
    for (char c : Bpe.BYTE_ORDER) vocabList.add(c + "</w>");
    Map<String, Integer> ranks = new HashMap<>(MERGES * 2);
    for (int i = 1; i <= MERGES; i++) {
      String[] pair = lines.get(i).trim().split("\\s+");
      if (pair.length != 2) throw new IOException(bpeGz + " line " + (i + 1) + ": expected two symbols, got \"" + lines.get(i) + "\"");
      ranks.put(pair[0] + " " + pair[1], i - 1);
      vocabList.add(pair[0] + pair[1]);
    }
    vocabList.add("<|startoftext|>");
    vocabList.add("<|endoftext|>");
    Map<String, Integer> vocab = new HashMap<>(vocabList.size() * 2);
    for (int i = 0; i < vocabList.size(); i++) vocab.put(vocabList.get(i), i);
    int sotId = vocab.get("<|startoftext|>");
    int eotId = vocab.get("<|endoftext|>");
    return new OpenAiClipTokenizer(new Bpe(ranks, vocab, "</w>"), sotId, eotId, contextLength, sotId, eotId);
  }

  private static List<String> readLines(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>(MERGES + 2);
      for (String line; (line = r.readLine()) != null && lines.size() <= MERGES; ) lines.add(line);
      return lines;
    } catch (NoSuchFileException e) {
      throw new IOException("tokenizer file not found: " + gz, e);
    } catch (ZipException e) {
      throw new IOException(gz + " is not a gzip file (" + e.getMessage() + "); expected bpe_simple_vocab_16e6.txt.gz", e);
    }
  }

  /** Checks the ids a bundle declares against the vocabulary's own. */
  OpenAiClipTokenizer withBundleIds(int contextLength, int sot, int eot, String where) {
    if (sot != sotId || eot != eotId) {
      throw new IllegalArgumentException(where + ": sot/eot are " + sot + "/" + eot + " but this BPE vocabulary has <|startoftext|>="
          + sotId + " and <|endoftext|>=" + eotId);
    }
    return new OpenAiClipTokenizer(bpe, sotId, eotId, contextLength, sot, eot);
  }

  @Override
  public int[] encode(String text) {
    String t = whitespaceClean(basicClean(text)).toLowerCase(Locale.ROOT);
    List<int[]> parts = new ArrayList<>();
    int n = 0;
    Matcher m = PRE_TOKEN.matcher(t);
    while (m.find()) {
      String tok = m.group();
      int[] ids;
      if (tok.equals("<|startoftext|>")) ids = new int[] {sotId};
      else if (tok.equals("<|endoftext|>")) ids = new int[] {eotId};
      else ids = bpe.encode(Bpe.byteEncode(tok));
      parts.add(ids);
      n += ids.length;
    }
    int[] out = new int[n];
    int p = 0;
    for (int[] ids : parts) {
      System.arraycopy(ids, 0, out, p, ids.length);
      p += ids.length;
    }
    return out;
  }

  /** {@code basic_clean}: (ftfy omitted) {@code html.unescape(html.unescape(text)).strip()}. */
  static String basicClean(String text) {
    return pyStrip(HtmlUnescape.unescape(HtmlUnescape.unescape(text)));
  }

  /** {@code whitespace_clean}: {@code re.sub(r'\s+', ' ', text).strip()}. */
  static String whitespaceClean(String text) {
    return pyStrip(WHITESPACE.matcher(text).replaceAll(" "));
  }

  /** Python's {@code str.strip()}: removes leading/trailing characters for which {@code isspace()} holds. */
  static String pyStrip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isPySpace(s.codePointAt(b))) b += Character.charCount(s.codePointAt(b));
    while (e > b && isPySpace(s.codePointBefore(e))) e -= Character.charCount(s.codePointBefore(e));
    return s.substring(b, e);
  }

  /** Python's {@code str.isspace()} for one code point (bidi WS/B/S or category Zs). */
  static boolean isPySpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

}
