package io.clipwb.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format version 1.0/2.0/3.0, C order), so that every
 * array the workbench writes opens with one {@code np.load(path)} in Python, and arrays computed
 * elsewhere (logits, labels) can be brought in.
 *
 * <p>Supported dtypes: {@code <f4 <f8 <i4 <i8 |u1 |b1 <i2 |i1} (little-endian, as NumPy writes on x86 and ARM).
 * Fortran-order and big-endian files are rejected with a message that says how to convert them.
 * Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** An array read from a .npy file: dtype string, shape, and the raw little-endian data. */
  public record NpyArray(String dtype, int[] shape, ByteBuffer data) {
    /** Number of elements (product of the shape; 1 for a 0-d array). */
    public long size() {
      long n = 1;
      for (int s : shape) n *= s;
      return n;
    }

    public int ndim() {
      return shape.length;
    }

    /** All values as doubles (any numeric dtype). */
    public double[] asDoubles() {
      int n = Math.toIntExact(size());
      double[] out = new double[n];
      ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      b.rewind();
      switch (dtype) {
        case "<f4" -> { for (int i = 0; i < n; i++) out[i] = b.getFloat(); }
        case "<f8" -> { for (int i = 0; i < n; i++) out[i] = b.getDouble(); }
        case "<i4" -> { for (int i = 0; i < n; i++) out[i] = b.getInt(); }
        case "<i8" -> { for (int i = 0; i < n; i++) out[i] = b.getLong(); }
        case "<i2" -> { for (int i = 0; i < n; i++) out[i] = b.getShort(); }
        case "|i1" -> { for (int i = 0; i < n; i++) out[i] = b.get(); }
        case "|u1", "|b1" -> { for (int i = 0; i < n; i++) out[i] = b.get() & 0xff; }
        default -> throw new IllegalArgumentException("unsupported npy dtype " + dtype);
      }
      return out;
    }

    /** Values as a 2-D double matrix; fails with a clear message unless the array is 2-D. */
    public double[][] asMatrix() {
      if (shape.length != 2) {
        throw new IllegalArgumentException(
            "expected a 2-D array (N x C) but got shape " + Arrays.toString(shape));
      }
      double[] flat = asDoubles();
      double[][] m = new double[shape[0]][shape[1]];
      for (int i = 0; i < shape[0]; i++) System.arraycopy(flat, i * shape[1], m[i], 0, shape[1]);
      return m;
    }

    /** Values as a float matrix (N x D), the layout of cached embeddings. */
    public float[][] asFloatMatrix() {
      double[][] d = asMatrix();
      float[][] f = new float[d.length][];
      for (int i = 0; i < d.length; i++) {
        f[i] = new float[d[i].length];
        for (int j = 0; j < d[i].length; j++) f[i][j] = (float) d[i][j];
      }
      return f;
    }

    /** Integer values of a 1-D integer array (labels); rejects floats and other ranks. */
    public int[] asIntVector() {
      if (shape.length != 1) {
        throw new IllegalArgumentException(
            "expected a 1-D array of labels but got shape " + Arrays.toString(shape));
      }
      if (!(dtype.equals("<i4") || dtype.equals("<i8") || dtype.equals("<i2") || dtype.equals("|i1")
          || dtype.equals("|u1"))) {
        throw new IllegalArgumentException("expected an integer array (int32/int64) but got dtype " + dtype);
      }
      double[] d = asDoubles();
      int[] out = new int[d.length];
      for (int i = 0; i < d.length; i++) out[i] = (int) d[i];
      return out;
    }
  }

  /** The largest array data one .npy may hold: Java arrays are indexed by int. */
  public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 64L;

  /** The largest header a .npy may have (NumPy writes under 1 KiB; version 2 allows 4 GiB). */
  public static final int MAX_HEADER_BYTES = 1 << 20;

  public static NpyArray read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_DATA_BYTES + MAX_HEADER_BYTES) {
        throw new IllegalArgumentException(file + ": " + size + " bytes, more than the limit of " + (MAX_DATA_BYTES + MAX_HEADER_BYTES)
            + " bytes for one .npy array");
      }
      return parse(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The header of a .npy file: dtype, shape, where the data starts and how many bytes it has. The
   * data may exceed {@link #MAX_DATA_BYTES} here: a caller that maps or streams the file (the
   * embedding cache) is not bound by Java's array limit.
   */
  public record Header(String dtype, int[] shape, int dataOffset, long dataBytes) {}

  /** Parses the bytes of a .npy file; {@code name} appears in error messages. */
  public static NpyArray parse(byte[] bytes, String name) {
    Header h = header(ByteBuffer.wrap(bytes), bytes.length, MAX_DATA_BYTES, name);
    ByteBuffer data = ByteBuffer.wrap(bytes, h.dataOffset(), (int) h.dataBytes()).slice().order(ByteOrder.LITTLE_ENDIAN);
    return new NpyArray(h.dtype(), h.shape(), data);
  }

  /**
   * Parses the header at the start of {@code start} (the file's first bytes: at least the whole
   * header, e.g. {@code min(fileSize, 12 + MAX_HEADER_BYTES)} of them) and checks that a file of
   * {@code fileSize} bytes holds the data it announces, at most {@code maxDataBytes}.
   */
  public static Header header(ByteBuffer start, long fileSize, long maxDataBytes, String name) {
    ByteBuffer b = start.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int avail = b.remaining();
    byte[] magic = new byte[Math.min(6, avail)];
    b.duplicate().get(magic);
    if (avail < 6 || !Arrays.equals(magic, MAGIC)) {
      throw new IllegalArgumentException(name + " is not a .npy file (bad magic)");
    }
    if (avail < 10) throw new IllegalArgumentException(name + ": truncated .npy header (" + avail + " bytes)");
    int p0 = b.position();
    int major = b.get(p0 + 6) & 0xff;
    int headerLen;
    int offset;
    if (major == 1) {
      headerLen = b.getShort(p0 + 8) & 0xffff;
      offset = 10;
    } else if (major == 2 || major == 3) {
      if (avail < 12) throw new IllegalArgumentException(name + ": truncated .npy header (" + avail + " bytes)");
      headerLen = b.getInt(p0 + 8);
      offset = 12;
    } else {
      throw new IllegalArgumentException(name + ": unsupported .npy version " + major);
    }
    if (headerLen < 0 || headerLen > MAX_HEADER_BYTES) {
      throw new IllegalArgumentException(name + ": .npy header length " + Integer.toUnsignedString(headerLen)
          + " is over the limit of " + MAX_HEADER_BYTES + " bytes");
    }
    if ((long) offset + headerLen > avail) {
      throw new IllegalArgumentException(name + ": truncated .npy header (header length " + Integer.toUnsignedString(headerLen)
          + ", file " + fileSize + " bytes)");
    }
    byte[] hb = new byte[headerLen];
    ByteBuffer hv = b.duplicate();
    hv.position(p0 + offset);
    hv.get(hb);
    String header = new String(hb, StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      String missing = !header.contains("'descr'") ? "'descr'" : !header.contains("'fortran_order'") ? "'fortran_order'" : "'shape'";
      String shown = header.trim().length() > 200 ? header.trim().substring(0, 200) + "..." : header.trim();
      throw new IllegalArgumentException(name + ": malformed .npy header (header field " + missing + " missing or malformed): " + shown);
    }
    if (s.group(1).length() > 200) {
      throw new IllegalArgumentException(name + ": header field 'shape' is over the limit of 200 characters");
    }
    String dtype = d.group(1);
    if (dtype.equals("<u1")) dtype = "|u1";
    if (dtype.equals("<i1")) dtype = "|i1";
    if (dtype.equals("<b1")) dtype = "|b1";
    if (dtype.startsWith(">")) {
      throw new IllegalArgumentException(
          name + ": big-endian dtype " + dtype + " is not supported; save with arr.astype('<" + dtype.substring(1) + "')");
    }
    if (f.group(1).equals("True")) {
      throw new IllegalArgumentException(
          name + ": Fortran-order arrays are not supported; save np.ascontiguousarray(arr)");
    }
    int[] shape = shape(s.group(1), name);
    int itemSize = itemSize(dtype, name);
    long n = 1;
    boolean overflow = false;
    for (int v : shape) {
      if (v != 0 && n > maxDataBytes / v) overflow = true;
      n = overflow ? n : n * v;
    }
    if (overflow || n * itemSize > maxDataBytes) {
      throw new IllegalArgumentException(name + ": header field 'shape' (" + s.group(1).trim() + ") needs "
          + (overflow ? "more than " + maxDataBytes : Long.toString(n * itemSize)) + " bytes of " + dtype
          + " data, more than one array can hold (the limit is " + maxDataBytes + " bytes)");
    }
    int dataStart = offset + headerLen;
    if (fileSize - dataStart < n * itemSize) {
      throw new IllegalArgumentException(
          name + ": truncated data: shape " + Arrays.toString(shape) + " needs " + n * itemSize
              + " bytes, file has " + (fileSize - dataStart));
    }
    return new Header(dtype, shape, dataStart, n * itemSize);
  }

  /** The dimensions of a header's shape tuple ("", "3,", "2, 3"), each a non-negative int. */
  private static int[] shape(String tuple, String name) {
    String t = tuple.trim();
    if (t.isEmpty()) return new int[0];
    String[] parts = t.endsWith(",") ? t.substring(0, t.length() - 1).split(",", -1) : t.split(",", -1);
    int[] shape = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String x = parts[i].trim();
      if (x.endsWith("L")) x = x.substring(0, x.length() - 1);
      if (!x.matches("-?[0-9]+")) {
        throw new IllegalArgumentException(name + ": header field 'shape' (" + tuple.trim() + "): malformed .npy shape: '" + parts[i].trim()
            + "' is not a dimension (expected a whole number from 0 to " + Integer.MAX_VALUE + ")");
      }
      if (x.startsWith("-")) {
        throw new IllegalArgumentException(name + ": header field 'shape' (" + tuple.trim() + "): negative dimension " + x
            + " (expected 0 to " + Integer.MAX_VALUE + ")");
      }
      long v = x.replaceFirst("^0+(?=.)", "").length() > 12 ? Long.MAX_VALUE : Long.parseLong(x);
      if (v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + ": header field 'shape' (" + tuple.trim() + "): dimension " + x
            + " is too large (the limit is " + Integer.MAX_VALUE + ")");
      }
      shape[i] = (int) v;
    }
    return shape;
  }

  private static int itemSize(String dtype, String name) {
    return switch (dtype) {
      case "<f4", "<i4" -> 4;
      case "<f8", "<i8" -> 8;
      case "<i2" -> 2;
      case "|u1", "|i1", "|b1" -> 1;
      default -> throw new IllegalArgumentException(
          name + ": unsupported dtype " + dtype + " (use float32/float64/int32/int64/uint8)");
    };
  }

  private static byte[] header(String dtype, int[] shape) {
    StringBuilder sh = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sh.append(shape[i]);
      if (shape.length == 1 || i < shape.length - 1) sh.append(shape.length == 1 ? "," : ", ");
    }
    sh.append(")");
    String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }", dtype, sh);
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String h = dict + " ".repeat(pad) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(0);
    int len = h.length();
    out.write(len & 0xff);
    out.write((len >> 8) & 0xff);
    out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  /**
   * The header bytes of a float32 {@code rows x cols} matrix, for writers that stream the rows after
   * it (the embedding cache's compaction).
   */
  public static byte[] float32MatrixHeader(int rows, int cols) {
    return header("<f4", new int[] {rows, cols});
  }

  /** Array bytes of {@code rows x cols x itemSize}, refused (not overflowed) above what one byte[] can hold. */
  private static int arrayBytes(int headerLength, long rows, long cols, int itemSize) {
    long n = rows * cols * itemSize;
    if (n > MAX_DATA_BYTES - headerLength) {
      throw new IllegalArgumentException(rows + " x " + cols + " values of " + itemSize + " bytes (" + n
          + " bytes) are more than one in-memory .npy can hold (" + MAX_DATA_BYTES + " bytes); write them in parts");
    }
    return headerLength + (int) n;
  }

  /** Encodes a float32 N x D matrix (rows may not be ragged). */
  public static byte[] encode(float[][] m) {
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    byte[] h = header("<f4", new int[] {rows, cols});
    ByteBuffer b = ByteBuffer.allocate(arrayBytes(h.length, rows, cols, 4)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(h);
    for (float[] r : m) {
      if (r.length != cols) throw new IllegalArgumentException("ragged matrix");
      for (float v : r) b.putFloat(v);
    }
    return b.array();
  }

  /** Encodes a float64 N x D matrix. */
  public static byte[] encode(double[][] m) {
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    byte[] h = header("<f8", new int[] {rows, cols});
    ByteBuffer b = ByteBuffer.allocate(arrayBytes(h.length, rows, cols, 8)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(h);
    for (double[] r : m) {
      if (r.length != cols) throw new IllegalArgumentException("ragged matrix");
      for (double v : r) b.putDouble(v);
    }
    return b.array();
  }

  /** Encodes a 1-D float64 vector. */
  public static byte[] encode(double[] v) {
    byte[] h = header("<f8", new int[] {v.length});
    ByteBuffer b = ByteBuffer.allocate(arrayBytes(h.length, v.length, 1, 8)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(h);
    for (double x : v) b.putDouble(x);
    return b.array();
  }

  /** Encodes a 1-D int64 vector (labels, NumPy's default integer type). */
  public static byte[] encode(int[] v) {
    byte[] h = header("<i8", new int[] {v.length});
    ByteBuffer b = ByteBuffer.allocate(arrayBytes(h.length, v.length, 1, 8)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(h);
    for (int x : v) b.putLong(x);
    return b.array();
  }

  /** Encodes raw uint8 data with the given shape (images, HxWx3). */
  public static byte[] encodeUint8(byte[] data, int... shape) {
    byte[] h = header("|u1", shape);
    byte[] out = Arrays.copyOf(h, h.length + data.length);
    System.arraycopy(data, 0, out, h.length, data.length);
    return out;
  }

  public static void write(Path file, float[][] m) {
    AtomicFiles.write(file, encode(m));
  }

  public static void write(Path file, double[][] m) {
    AtomicFiles.write(file, encode(m));
  }

  public static void write(Path file, double[] v) {
    AtomicFiles.write(file, encode(v));
  }

  public static void write(Path file, int[] v) {
    AtomicFiles.write(file, encode(v));
  }
}
