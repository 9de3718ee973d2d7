package io.clipwb.core.sentencepiece;

import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, just enough to read a SentencePiece {@code ModelProto}: varints,
 * 32/64-bit fixed values and length-delimited fields; anything else is skipped by its wire type.
 *
 * <p>Why not the protobuf library: the model needs five message types and a dozen fields, read
 * once; a 60-line reader is lighter than a dependency and its generated code.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int end;

  ProtoReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private ProtoReader(byte[] buf, int from, int to) {
    this.buf = buf;
    this.pos = from;
    this.end = to;
  }

  boolean more() {
    return pos < end;
  }

  /** The next tag: field number {@code << 3 | wire type}. */
  int tag() {
    long t = varint();
    if (t <= 0 || t > Integer.MAX_VALUE) throw new IllegalArgumentException("bad protobuf tag " + t + " at byte " + pos);
    return (int) t;
  }

  long varint() {
    long r = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) throw new IllegalArgumentException("protobuf varint runs past the end");
      int b = buf[pos++] & 0xff;
      r |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) return r;
    }
    throw new IllegalArgumentException("protobuf varint longer than 10 bytes");
  }

  float fixed32Float() {
    need(4);
    int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return Float.intBitsToFloat(v);
  }

  byte[] bytes() {
    int n = length();
    byte[] r = new byte[n];
    System.arraycopy(buf, pos, r, 0, n);
    pos += n;
    return r;
  }

  String string() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** A length-delimited sub-message. */
  ProtoReader message() {
    int n = length();
    ProtoReader r = new ProtoReader(buf, pos, pos + n);
    pos += n;
    return r;
  }

  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case LEN -> advance(length());
      case FIXED32 -> advance(4);
      default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType + " at byte " + pos);
    }
  }

  private int length() {
    long n = varint();
    if (n < 0 || n > end - pos) throw new IllegalArgumentException("protobuf field of " + n + " bytes runs past the end");
    return (int) n;
  }

  private void advance(int n) {
    need(n);
    pos += n;
  }

  private void need(int n) {
    if (end - pos < n) throw new IllegalArgumentException("protobuf field runs past the end");
  }
}
