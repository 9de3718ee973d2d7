package io.clipwb.core.model.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file opened for reading: the header is parsed and checked at once, tensor data is
 * memory-mapped one tensor at a time when asked for.
 *
 * <p>Why this shape: the checkpoints the paper compares are published as safetensors (OpenAI CLIP,
 * LAION/DataComp via open_clip, SigLIP), up to several gigabytes. Mapping instead of reading keeps
 * them off the Java heap, and checking the whole header first (every offset inside the data
 * section, byte counts matching dtype × shape, no two tensors overlapping) turns a truncated
 * download or a lying header into one message naming the file and the tensor instead of a crash
 * halfway through a load. Thread-safe once opened.
 */
public final class SafetensorsFile implements AutoCloseable {
  /** Headers larger than this are refused (the spec's limit is 100 MB as well). */
  static final long MAX_HEADER = 100L * 1024 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final long dataLength;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsFile(Path file, FileChannel channel, long dataStart, long dataLength, Map<String, TensorInfo> tensors,
      Map<String, String> metadata) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
    this.dataLength = dataLength;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /**
   * Opens {@code file} and checks its header.
   *
   * @throws SafetensorsException naming the file (and tensor) when the file is missing, truncated,
   *     or its header is not valid
   */
  public static SafetensorsFile open(Path file) {
    if (!Files.isRegularFile(file)) throw new SafetensorsException(file + ": no such safetensors file");
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new SafetensorsException(file + ": cannot be opened: " + e.getMessage(), e);
    }
    try {
      return read(file, ch);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static SafetensorsFile read(Path file, FileChannel ch) {
    try {
      long size = ch.size();
      if (size < 8) throw new SafetensorsException(file + ": truncated: " + size + " bytes, not even the 8-byte header length");
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      long n = len.getLong(0);
      if (n <= 0 || n > MAX_HEADER) {
        throw new SafetensorsException(file + ": not a safetensors file (header length " + Long.toUnsignedString(n)
            + " is outside 1.." + MAX_HEADER + ")");
      }
      if (8 + n > size) {
        throw new SafetensorsException(file + ": truncated: the header says it is " + n + " bytes long but the file has only "
            + (size - 8) + " bytes after the length field");
      }
      ByteBuffer hb = ByteBuffer.allocate((int) n);
      readFully(ch, hb, 8);
      String json = new String(hb.array(), StandardCharsets.UTF_8);
      JsonNode root;
      try {
        root = Json.mapper().readTree(json);
      } catch (JsonProcessingException e) {
        throw new SafetensorsException(file + ": header is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (root == null || !root.isObject()) throw new SafetensorsException(file + ": header must be a JSON object");
      long dataStart = 8 + n;
      long dataLength = size - dataStart;
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      Map<String, String> meta = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("__metadata__")) {
          for (Iterator<Map.Entry<String, JsonNode>> m = e.getValue().fields(); m.hasNext(); ) {
            Map.Entry<String, JsonNode> me = m.next();
            meta.put(me.getKey(), me.getValue().asText());
          }
          continue;
        }
        tensors.put(e.getKey(), entry(file, e.getKey(), e.getValue(), dataLength));
      }
      checkOverlaps(file, tensors);
      return new SafetensorsFile(file, ch, dataStart, dataLength, Collections.unmodifiableMap(tensors),
          Collections.unmodifiableMap(meta));
    } catch (IOException e) {
      throw new SafetensorsException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static TensorInfo entry(Path file, String name, JsonNode v, long dataLength) {
    String where = file + ": tensor '" + name + "'";
    if (!v.isObject()) throw new SafetensorsException(where + ": header entry must be an object");
    DType dtype;
    try {
      dtype = DType.valueOf(v.path("dtype").asText(""));
    } catch (IllegalArgumentException e) {
      throw new SafetensorsException(where + ": dtype \"" + v.path("dtype").asText("") + "\" is not supported (F32, F16, BF16 weights)");
    }
    JsonNode sh = v.path("shape");
    JsonNode off = v.path("data_offsets");
    if (!sh.isArray()) throw new SafetensorsException(where + ": header has no shape array");
    if (!off.isArray() || off.size() != 2 || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
      throw new SafetensorsException(where + ": header has no data_offsets [begin, end]");
    }
    long[] shape = new long[sh.size()];
    long numel = 1;
    for (int i = 0; i < shape.length; i++) {
      if (!sh.get(i).canConvertToLong() || sh.get(i).asLong() < 0) throw new SafetensorsException(where + ": shape " + sh + " is not a list of sizes");
      shape[i] = sh.get(i).asLong();
      numel = Math.multiplyExact(numel, shape[i]);
    }
    long begin = off.get(0).asLong();
    long end = off.get(1).asLong();
    if (begin < 0 || end < begin) throw new SafetensorsException(where + ": data_offsets [" + begin + ", " + end + ") are not a byte range");
    long want = numel * dtype.size();
    if (end - begin != want) {
      throw new SafetensorsException(where + ": header lies about its size: data_offsets [" + begin + ", " + end + ") hold "
          + (end - begin) + " bytes, but " + dtype + " [" + TensorInfo.shapeText(shape) + "] needs " + want);
    }
    if (end > dataLength) {
      throw new SafetensorsException(where + ": data_offsets [" + begin + ", " + end + ") reach past the end of the data ("
          + dataLength + " bytes): the file is truncated or its header lies about offsets");
    }
    return new TensorInfo(name, dtype, shape, begin, end);
  }

  private static void checkOverlaps(Path file, Map<String, TensorInfo> tensors) {
    List<TensorInfo> sorted = new ArrayList<>(tensors.values());
    sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    TensorInfo prev = null;
    for (TensorInfo t : sorted) {
      if (prev != null && t.begin() < prev.end() && t.end() > t.begin()) {
        throw new SafetensorsException(file + ": tensor '" + t.name() + "' (bytes [" + t.begin() + ", " + t.end()
            + ")) overlaps tensor '" + prev.name() + "' (bytes [" + prev.begin() + ", " + prev.end() + ")): the header lies about offsets");
      }
      if (t.end() > t.begin()) prev = t;
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) throw new IOException("unexpected end of file at byte " + p);
      p += r;
    }
  }

  /** The file this was opened from. */
  public Path file() {
    return file;
  }

  /** Every tensor of the header, in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The header's {@code __metadata__} strings (e.g. {@code format: pt}); empty when absent. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Whether the file holds tensor {@code name}. */
  public boolean has(String name) {
    return tensors.containsKey(name);
  }

  /**
   * The tensor {@code name}, checked against {@code expected} (a dimension of -1 matches any size).
   *
   * @throws SafetensorsException naming the file, the tensor and the expected shape when it is
   *     missing, has another shape, or is not a float type
   */
  public TensorInfo require(String name, long... expected) {
    TensorInfo t = tensors.get(name);
    String want = shapeWithWildcards(expected);
    if (t == null) {
      throw new SafetensorsException(file + ": missing tensor '" + name + "' (expected shape " + want + ")");
    }
    boolean ok = t.shape().length == expected.length;
    for (int i = 0; ok && i < expected.length; i++) ok = expected[i] < 0 || expected[i] == t.shape()[i];
    if (!ok) {
      throw new SafetensorsException(file + ": tensor '" + name + "' has shape " + t.shapeText() + ", expected " + want);
    }
    if (!t.dtype().readable()) {
      throw new SafetensorsException(file + ": tensor '" + name + "' is " + t.dtype() + ", expected a float type (F32, F16, BF16)");
    }
    return t;
  }

  private static String shapeWithWildcards(long[] s) {
    if (s.length == 0) return "scalar";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length; i++) b.append(i == 0 ? "" : " x ").append(s[i] < 0 ? "?" : Long.toString(s[i]));
    return b.toString();
  }

  /**
   * The tensor's raw bytes, memory-mapped (read-only, little-endian). Valid while the file stays
   * open is not required: a mapping outlives its channel.
   */
  public ByteBuffer mapped(TensorInfo t) {
    long len = t.end() - t.begin();
    if (len > Integer.MAX_VALUE) throw new SafetensorsException(file + ": tensor '" + t.name() + "' is larger than 2 GB");
    try {
      return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), len).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new SafetensorsException(file + ": tensor '" + t.name() + "' cannot be mapped: " + e.getMessage(), e);
    }
  }

  /** The tensor {@code name} (shape checked as in {@link #require}) converted to float32. */
  public float[] floats(String name, long... expected) {
    return floats(require(name, expected));
  }

  /** The tensor converted to float32 (F16 and BF16 exactly widened). */
  public float[] floats(TensorInfo t) {
    if (!t.dtype().readable()) throw new SafetensorsException(file + ": tensor '" + t.name() + "' is " + t.dtype() + ", not a float type");
    long n = t.numel();
    if (n > Integer.MAX_VALUE) throw new SafetensorsException(file + ": tensor '" + t.name() + "' has too many elements for one array");
    ByteBuffer b = mapped(t);
    float[] out = new float[(int) n];
    switch (t.dtype()) {
      case F32 -> b.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < out.length; i++) out[i] = halfToFloat(b.getShort(2 * i));
      }
      case BF16 -> {
        for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
      }
      default -> throw new IllegalStateException(t.dtype().toString());
    }
    return out;
  }

  /** IEEE 754 binary16 to float32, exact (subnormals, infinities and NaN included). */
  public static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    if (exp == 0) {
      if (mant == 0) return Float.intBitsToFloat(sign);
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** Total parameters over the float tensors. */
  public long parameterCount() {
    long n = 0;
    for (TensorInfo t : tensors.values()) if (t.dtype().readable()) n += t.numel();
    return n;
  }

  /** The dtypes of the float tensors with their element counts, e.g. {F32=151277313}. */
  public Map<DType, Long> dtypeCounts() {
    Map<DType, Long> m = new LinkedHashMap<>();
    for (TensorInfo t : tensors.values()) m.merge(t.dtype(), t.numel(), Long::sum);
    return m;
  }

  /** Bytes of the data section. */
  public long dataLength() {
    return dataLength;
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
