package io.clipwb.core.sentencepiece;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SentencePiece's normaliser ({@code normalizer.cc}, 0.1.97): the precompiled character map of the
 * {@code NormalizerSpec} (e.g. {@code nmt_nfkc}: NFKC plus the NMT rules) applied by longest prefix,
 * then the whitespace rules — leading, trailing and repeated spaces removed
 * ({@code remove_extra_whitespaces}), a space in front ({@code add_dummy_prefix}), spaces written
 * as U+2581 ({@code escape_whitespaces}).
 *
 * <p>The map is a darts-clone double array over UTF-8 bytes followed by the NUL-terminated
 * replacement strings: {@code uint32 trie size | trie units | strings}. Input that no rule matches
 * is copied one UTF-8 character at a time; user-defined symbols are copied unnormalised, as the
 * library's prefix matcher does.
 */
final class CharsMap {
  private static final byte[] SPACE_SYMBOL = "\u2581".getBytes(StandardCharsets.UTF_8);

  private final int[] units;
  private final byte[] strings;
  private final boolean addDummyPrefix;
  private final boolean removeExtraWhitespaces;
  private final boolean escapeWhitespaces;
  private final List<byte[]> userDefined;

  /**
   * @param blob the {@code precompiled_charsmap} bytes (empty: no rules, e.g. {@code identity})
   * @param userDefined user-defined pieces as UTF-8, copied unnormalised
   */
  CharsMap(byte[] blob, boolean addDummyPrefix, boolean removeExtraWhitespaces, boolean escapeWhitespaces, List<byte[]> userDefined) {
    this.addDummyPrefix = addDummyPrefix;
    this.removeExtraWhitespaces = removeExtraWhitespaces;
    this.escapeWhitespaces = escapeWhitespaces;
    this.userDefined = userDefined;
    if (blob == null || blob.length == 0) {
      units = null;
      strings = new byte[0];
      return;
    }
    if (blob.length < 4) throw new IllegalArgumentException("precompiled_charsmap of " + blob.length + " bytes");
    long size = le32(blob, 0) & 0xffffffffL;
    if (size % 4 != 0 || size > blob.length - 4) throw new IllegalArgumentException("precompiled_charsmap: trie of " + size + " bytes in a blob of " + blob.length);
    units = new int[(int) (size / 4)];
    for (int i = 0; i < units.length; i++) units[i] = le32(blob, 4 + 4 * i);
    strings = java.util.Arrays.copyOfRange(blob, 4 + (int) size, blob.length);
  }

  private static int le32(byte[] b, int o) {
    return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
  }

  // darts-clone DoubleArrayUnit
  private static boolean hasLeaf(int u) {
    return ((u >>> 8) & 1) == 1;
  }

  private static int value(int u) {
    return u & 0x7fffffff;
  }

  private static int label(int u) {
    return u & 0x800000ff;
  }

  private static int offset(int u) {
    return (u >>> 10) << ((u & (1 << 9)) >>> 6);
  }

  /** The longest rule matching at {@code from}: {length, value}, or null. As commonPrefixSearch. */
  private int[] longestRule(byte[] in, int from) {
    if (units == null) return null;
    int node = offset(units[0]);
    int[] best = null;
    for (int i = from; i < in.length; i++) {
      int c = in[i] & 0xff;
      node ^= c;
      if (node < 0 || node >= units.length) return best;
      int u = units[node];
      if (label(u) != c) return best;
      node ^= offset(u);
      if (hasLeaf(u)) {
        if (node < 0 || node >= units.length) return best;
        best = new int[] {i + 1 - from, value(units[node])};
      }
    }
    return best;
  }

  /** {@code NormalizePrefix}: the replacement of the input's next unit and how many bytes it consumes. */
  private byte[] prefix(byte[] in, int from, int[] consumed) {
    int udLen = 0;
    for (byte[] u : userDefined) {
      if (u.length > udLen && startsWith(in, from, u)) udLen = u.length;
    }
    if (udLen > 0) {
      consumed[0] = udLen;
      return java.util.Arrays.copyOfRange(in, from, from + udLen);
    }
    int[] r = longestRule(in, from);
    if (r == null) {
      int n = utf8Len(in[from]);
      n = Math.min(n, in.length - from);
      consumed[0] = n;
      return java.util.Arrays.copyOfRange(in, from, from + n);
    }
    consumed[0] = r[0];
    int end = r[1];
    if (end < 0 || end > strings.length) throw new IllegalArgumentException("precompiled_charsmap: string offset " + end + " out of range");
    while (end < strings.length && strings[end] != 0) end++;
    return java.util.Arrays.copyOfRange(strings, r[1], end);
  }

  private static boolean startsWith(byte[] in, int from, byte[] p) {
    if (in.length - from < p.length) return false;
    for (int i = 0; i < p.length; i++) if (in[from + i] != p[i]) return false;
    return true;
  }

  static int utf8Len(byte b) {
    int c = b & 0xff;
    if (c < 0x80) return 1;
    if (c >= 0xf0) return 4;
    if (c >= 0xe0) return 3;
    if (c >= 0xc0) return 2;
    return 1;
  }

  /** {@code Normalizer::Normalize}: the normalised text, spaces escaped as U+2581 where the spec says so. */
  String normalize(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    int pos = 0;
    int[] consumed = new int[1];
    if (removeExtraWhitespaces) { // heading spaces
      while (pos < in.length) {
        byte[] p = prefix(in, pos, consumed);
        if (!(p.length == 1 && p[0] == ' ')) break;
        pos += consumed[0];
      }
    }
    if (pos >= in.length) return "";
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 8);
    if (addDummyPrefix) space(out);
    boolean prevSpace = removeExtraWhitespaces;
    while (pos < in.length) {
      byte[] sp = prefix(in, pos, consumed);
      int s = 0;
      while (prevSpace && s < sp.length && sp[s] == ' ') s++;
      if (s < sp.length) {
        for (int n = s; n < sp.length; n++) {
          if (sp[n] == ' ') space(out);
          else out.write(sp[n]);
        }
        prevSpace = sp[sp.length - 1] == ' ';
      }
      pos += consumed[0];
      if (!removeExtraWhitespaces) prevSpace = false;
    }
    byte[] r = out.toByteArray();
    int len = r.length;
    if (removeExtraWhitespaces) { // trailing spaces
      byte[] sym = escapeWhitespaces ? SPACE_SYMBOL : new byte[] {' '};
      while (len >= sym.length && endsWith(r, len, sym)) len -= sym.length;
    }
    return new String(r, 0, len, StandardCharsets.UTF_8);
  }

  private void space(ByteArrayOutputStream out) {
    if (escapeWhitespaces) out.write(SPACE_SYMBOL, 0, SPACE_SYMBOL.length);
    else out.write(' ');
  }

  private static boolean endsWith(byte[] r, int len, byte[] sym) {
    for (int i = 0; i < sym.length; i++) if (r[len - sym.length + i] != sym[i]) return false;
    return true;
  }
}
