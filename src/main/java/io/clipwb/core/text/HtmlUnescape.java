package io.clipwb.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape} (CPython 3.11 {@code Lib/html/__init__.py}), which OpenAI CLIP's
 * {@code basic_clean} applies twice: all 2,231 HTML5 named references (with and without the
 * semicolon, longest-prefix matching for the legacy ones such as {@code &ampx}), decimal and hex
 * numeric references, and Python's replacements for invalid code points (NUL and surrogates →
 * U+FFFD, 0x80–0x9F → Windows-1252, non-characters and most C0/C1 controls → removed). The tables
 * are generated from CPython's own ({@code html-entities.txt}).
 */
final class HtmlUnescape {
  private static final Pattern CHARREF =
      Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
  private static final Map<String, String> NAMED = new HashMap<>();
  private static final Map<Integer, String> INVALID_CHARREFS = new HashMap<>();
  private static final Set<Integer> INVALID_CODEPOINTS = new HashSet<>();

  static {
    try (InputStream in = HtmlUnescape.class.getResourceAsStream("html-entities.txt")) {
      if (in == null) throw new IllegalStateException("resource html-entities.txt missing from the class path");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#")) continue;
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "N" -> NAMED.put(f[1], codePoints(f[2]));
          case "C" -> INVALID_CHARREFS.put(Integer.parseInt(f[1], 16), codePoints(f[2]));
          case "I" -> { for (String h : f[1].split(" ")) INVALID_CODEPOINTS.add(Integer.parseInt(h, 16)); }
          default -> throw new IllegalStateException("bad line in html-entities.txt: " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HtmlUnescape() {}

  private static String codePoints(String hex) {
    StringBuilder sb = new StringBuilder();
    if (!hex.isEmpty()) for (String h : hex.split(" ")) sb.appendCodePoint(Integer.parseInt(h, 16));
    return sb.toString();
  }

  /** {@code html.unescape(s)}. */
  static String unescape(String s) {
    if (s.indexOf('&') < 0) return s;
    Matcher m = CHARREF.matcher(s);
    StringBuilder sb = new StringBuilder(s.length());
    int last = 0;
    while (m.find()) {
      sb.append(s, last, m.start());
      sb.append(replace(m.group(1)));
      last = m.end();
    }
    sb.append(s, last, s.length());
    return sb.toString();
  }

  private static String replace(String s) {
    if (s.charAt(0) == '#') {
      String digits;
      int radix;
      if (s.charAt(1) == 'x' || s.charAt(1) == 'X') {
        digits = stripSemicolon(s.substring(2));
        radix = 16;
      } else {
        digits = stripSemicolon(s.substring(1));
        radix = 10;
      }
      java.math.BigInteger big = new java.math.BigInteger(digits, radix);
      if (big.bitLength() > 31) return "\uFFFD";
      int num = big.intValue();
      String inv = INVALID_CHARREFS.get(num);
      if (inv != null) return inv;
      if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) return "\uFFFD";
      if (INVALID_CODEPOINTS.contains(num)) return "";
      return new String(Character.toChars(num));
    }
    String v = NAMED.get(s);
    if (v != null) return v;
    for (int x = s.length() - 1; x > 1; x--) {
      String p = NAMED.get(s.substring(0, x));
      if (p != null) return p + s.substring(x);
    }
    return "&" + s;
  }

  private static String stripSemicolon(String s) {
    int e = s.length();
    while (e > 0 && s.charAt(e - 1) == ';') e--;
    return s.substring(0, e);
  }
}
