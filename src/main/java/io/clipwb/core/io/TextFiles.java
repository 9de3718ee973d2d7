package io.clipwb.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one reader of the workbench's text inputs (CSV, TSV, JSON, JSON Lines, class and subset
 * lists). Files come from spreadsheet programs, Windows editors and scripts, so this is where their
 * encoding is settled once: a leading UTF-8 byte-order mark is dropped; bytes that are not UTF-8 and
 * NUL characters (a binary file given by mistake, a UTF-16 export) are refused with the file, line
 * and column, instead of a decoder's {@code Input length = 1} or a parser error further on. Nothing
 * of the file's content is echoed in the messages, which may end up in result manifests.
 */
public final class TextFiles {
  /** Text inputs larger than this are refused (a manifest of ten million rows is ~1 GiB). */
  public static final long MAX_BYTES = 1L << 30;

  private TextFiles() {}

  /**
   * A UTF-8 text file's content, without a byte-order mark.
   *
   * @throws IllegalArgumentException naming the file (and line) for a missing file, bytes that are
   *     not UTF-8, a NUL character or a file over {@link #MAX_BYTES}
   * @throws UncheckedIOException when the file cannot be read
   */
  public static String read(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new IllegalArgumentException(file + ": " + size + " bytes, more than the limit of " + MAX_BYTES + " bytes for a text input");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": file not found", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return decode(bytes, file.toString());
  }

  /** The file's lines (LF, CRLF or CR ends), as {@link #read}. */
  public static List<String> lines(Path file) {
    return read(file).lines().toList();
  }

  /**
   * Decodes UTF-8 bytes, dropping a byte-order mark; {@code source} names them in errors.
   *
   * @throws IllegalArgumentException for bytes that are not UTF-8 or a NUL character
   */
  public static String decode(byte[] bytes, String source) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    String text;
    try {
      CharBuffer out = dec.decode(in);
      text = out.toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes, start);
      int[] lc = lineColumn(bytes, start, bad);
      String hint = looksUtf16(bytes, start) ? " (it looks like UTF-16: save it as UTF-8)" : " (save it as UTF-8)";
      throw new IllegalArgumentException(source + ": line " + lc[0] + ", column " + lc[1] + ": not UTF-8 text, byte 0x"
          + String.format("%02X", bytes[Math.min(bad, bytes.length - 1)] & 0xff) + hint, e);
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      int line = 1;
      int col = 1;
      for (int i = 0; i < nul; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          col = 1;
        } else {
          col++;
        }
      }
      throw new IllegalArgumentException(source + ": line " + line + ", column " + col
          + ": NUL character: this is not a text file" + (looksUtf16(bytes, start) ? " (it looks like UTF-16: save it as UTF-8)" : ""));
    }
    return text;
  }

  private static boolean looksUtf16(byte[] b, int start) {
    if (b.length >= 2 && ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE || (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF)) return true;
    int zeros = 0;
    int n = Math.min(b.length, start + 200);
    for (int i = start; i < n; i++) if (b[i] == 0) zeros++;
    return n - start >= 4 && zeros * 3 >= n - start;
  }

  /** The index of the first byte that starts an invalid UTF-8 sequence. */
  private static int firstInvalidUtf8(byte[] b, int i) {
    while (i < b.length) {
      int c = b[i] & 0xff;
      int len;
      if (c < 0x80) len = 1;
      else if (c >= 0xC2 && c <= 0xDF) len = 2;
      else if (c >= 0xE0 && c <= 0xEF) len = 3;
      else if (c >= 0xF0 && c <= 0xF4) len = 4;
      else return i;
      if (i + len > b.length) return i;
      for (int k = 1; k < len; k++) if ((b[i + k] & 0xC0) != 0x80) return i;
      i += len;
    }
    return Math.max(0, b.length - 1);
  }

  /** 1-based line and column (in bytes) of byte {@code at}. */
  private static int[] lineColumn(byte[] b, int start, int at) {
    int line = 1;
    int lineStart = start;
    for (int i = start; i < at && i < b.length; i++) {
      if (b[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, at - lineStart + 1};
  }
}
