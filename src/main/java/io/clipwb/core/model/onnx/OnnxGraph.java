package io.clipwb.core.model.onnx;

import io.clipwb.core.model.BundleException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The declared inputs and outputs of an ONNX model file (names, element types, dimensions), read from
 * its protobuf encoding without loading the model or any inference engine.
 *
 * <p>Why read the file ourselves: a tower must be checked by the <i>names and shapes its graph
 * declares</i> (a transformers.js {@code text_model.onnx} takes {@code input_ids} and maybe
 * {@code attention_mask} and returns {@code text_embeds} next to {@code last_hidden_state}), and an
 * {@code .onnx} file that is not a tower must be refused with those shapes named — before a
 * 350 MB session is built, and from the core, which imports no engine. Only the few fields needed
 * are decoded ({@code onnx.proto}: {@code ModelProto.graph} = 7; {@code GraphProto.initializer} = 5,
 * {@code input} = 11, {@code output} = 12; {@code ValueInfoProto} name 1 / type 2;
 * {@code TypeProto.tensor_type} 1 with {@code elem_type} 1 and {@code shape} 2; {@code Dimension}
 * {@code dim_value} 1 / {@code dim_param} 2); everything else, the weights included, is skipped by its
 * length, so a large file costs a few reads. Inputs that name an initializer (IR &lt; 4 lists weights as
 * inputs) are dropped.
 *
 * @param file the model file
 * @param inputs the graph inputs the caller must feed, in declaration order
 * @param outputs the graph outputs, in declaration order
 */
public record OnnxGraph(Path file, List<Value> inputs, List<Value> outputs) {
  /** {@code TensorProto.DataType} FLOAT. */
  public static final int FLOAT = 1;
  /** {@code TensorProto.DataType} INT32. */
  public static final int INT32 = 6;
  /** {@code TensorProto.DataType} INT64. */
  public static final int INT64 = 7;

  /**
   * One declared input or output.
   *
   * @param name the value's name in the graph
   * @param elemType {@code TensorProto.DataType} (1 float32, 7 int64, ...), 0 when not a tensor
   * @param dims the dimensions, -1 where symbolic or unknown
   * @param dimNames the symbolic names ({@code "batch"}), null where fixed
   */
  public record Value(String name, int elemType, long[] dims, String[] dimNames) {
    /** Number of dimensions; -1 when the graph declares no shape. */
    public int rank() {
      return dims == null ? -1 : dims.length;
    }

    /** "float32 [batch x 3 x 224 x 224]" (or "... [shape not declared]"). */
    public String describe() {
      StringBuilder b = new StringBuilder(typeName(elemType)).append(" [");
      if (dims == null) return b.append("shape not declared]").toString();
      for (int i = 0; i < dims.length; i++) {
        if (i > 0) b.append(" x ");
        b.append(dims[i] >= 0 ? Long.toString(dims[i]) : dimNames[i] != null ? dimNames[i] : "?");
      }
      return b.append(']').toString();
    }
  }

  /** "float32", "int64", ... for a {@code TensorProto.DataType}. */
  public static String typeName(int t) {
    return switch (t) {
      case 1 -> "float32";
      case 2 -> "uint8";
      case 3 -> "int8";
      case 6 -> "int32";
      case 7 -> "int64";
      case 9 -> "bool";
      case 10 -> "float16";
      case 11 -> "float64";
      case 16 -> "bfloat16";
      case 0 -> "non-tensor";
      default -> "type " + t;
    };
  }

  /** The input named {@code name}, or null. */
  public Value input(String name) {
    for (Value v : inputs) if (v.name().equals(name)) return v;
    return null;
  }

  /** The output named {@code name}, or null. */
  public Value output(String name) {
    for (Value v : outputs) if (v.name().equals(name)) return v;
    return null;
  }

  /**
   * Reads the graph's inputs and outputs.
   *
   * @throws BundleException naming the file when it cannot be read or is not an ONNX model
   */
  public static OnnxGraph read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Reader r = new Reader(ch);
      long end = ch.size();
      while (r.pos < end) {
        long tag = r.varint(end);
        int field = (int) (tag >>> 3);
        int wire = (int) (tag & 7);
        if (field == 7 && wire == 2) {
          long len = r.length(end);
          return graph(file, r, r.pos + len);
        }
        r.skip(wire, end);
      }
      throw new BundleException(file + ": not an ONNX model (no graph in the file)");
    } catch (IOException e) {
      throw new BundleException(file + ": cannot be read: " + e.getMessage(), e);
    } catch (Malformed e) {
      throw new BundleException(file + ": not an ONNX model (" + e.getMessage() + ")");
    }
  }

  private static OnnxGraph graph(Path file, Reader r, long end) throws IOException {
    List<Value> in = new ArrayList<>();
    List<Value> out = new ArrayList<>();
    Set<String> initializers = new HashSet<>();
    while (r.pos < end) {
      long tag = r.varint(end);
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (wire == 2 && (field == 11 || field == 12 || field == 5)) {
        long len = r.length(end);
        long stop = r.pos + len;
        if (field == 5) {
          String n = initializerName(r, stop);
          if (n != null) initializers.add(n);
        } else {
          (field == 11 ? in : out).add(valueInfo(r, stop));
        }
        r.pos = stop;
      } else {
        r.skip(wire, end);
      }
    }
    in.removeIf(v -> initializers.contains(v.name()));
    if (out.isEmpty()) throw new Malformed("the graph declares no outputs");
    return new OnnxGraph(file, List.copyOf(in), List.copyOf(out));
  }

  private static String initializerName(Reader r, long end) throws IOException {
    String name = null;
    while (r.pos < end) {
      long tag = r.varint(end);
      if ((tag >>> 3) == 8 && (tag & 7) == 2) {
        name = r.string(r.length(end));
      } else {
        r.skip((int) (tag & 7), end);
      }
    }
    return name;
  }

  private static Value valueInfo(Reader r, long end) throws IOException {
    String name = "";
    int elem = 0;
    List<Long> dims = null;
    List<String> names = null;
    while (r.pos < end) {
      long tag = r.varint(end);
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (field == 1 && wire == 2) {
        name = r.string(r.length(end));
      } else if (field == 2 && wire == 2) { // TypeProto
        long typeEnd = r.end(end);
        while (r.pos < typeEnd) {
          long t = r.varint(typeEnd);
          if ((t >>> 3) == 1 && (t & 7) == 2) { // tensor_type
            long tensorEnd = r.end(typeEnd);
            while (r.pos < tensorEnd) {
              long u = r.varint(tensorEnd);
              if ((u >>> 3) == 1 && (u & 7) == 0) {
                elem = (int) r.varint(tensorEnd);
              } else if ((u >>> 3) == 2 && (u & 7) == 2) { // shape
                long shapeEnd = r.end(tensorEnd);
                dims = new ArrayList<>();
                names = new ArrayList<>();
                while (r.pos < shapeEnd) {
                  long d = r.varint(shapeEnd);
                  if ((d >>> 3) == 1 && (d & 7) == 2) {
                    long dimEnd = r.end(shapeEnd);
                    long value = -1;
                    String param = null;
                    while (r.pos < dimEnd) {
                      long e = r.varint(dimEnd);
                      if ((e >>> 3) == 1 && (e & 7) == 0) value = r.varint(dimEnd);
                      else if ((e >>> 3) == 2 && (e & 7) == 2) param = r.string(r.length(dimEnd));
                      else r.skip((int) (e & 7), dimEnd);
                    }
                    dims.add(value);
                    names.add(value >= 0 ? null : param);
                  } else {
                    r.skip((int) (d & 7), shapeEnd);
                  }
                }
              } else {
                r.skip((int) (u & 7), tensorEnd);
              }
            }
          } else {
            r.skip((int) (t & 7), typeEnd);
          }
        }
      } else {
        r.skip(wire, end);
      }
    }
    long[] d = dims == null ? null : dims.stream().mapToLong(Long::longValue).toArray();
    return new Value(name, elem, d, names == null ? null : names.toArray(new String[0]));
  }

  /** Not protobuf, or not a model: a message for the caller's BundleException. */
  private static final class Malformed extends RuntimeException {
    Malformed(String msg) {
      super(msg, null, false, false);
    }
  }

  /** Buffered, seekable reads of protobuf primitives from a file channel. */
  private static final class Reader {
    private final FileChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private long bufStart = -1;
    long pos;

    Reader(FileChannel ch) {
      this.ch = ch;
    }

    private int next() throws IOException {
      if (bufStart < 0 || pos < bufStart || pos >= bufStart + buf.limit()) {
        buf.clear();
        int n = ch.read(buf, pos);
        if (n <= 0) throw new Malformed("unexpected end of file at byte " + pos);
        buf.flip();
        bufStart = pos;
      }
      return buf.get((int) (pos++ - bufStart)) & 0xff;
    }

    long varint(long end) throws IOException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) throw new Malformed("truncated field at byte " + pos);
        int b = next();
        v |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) return v;
      }
      throw new Malformed("malformed varint at byte " + pos);
    }

    /** Reads a length prefix and returns where that field ends. */
    long end(long outer) throws IOException {
      long n = length(outer);
      return pos + n;
    }

    long length(long end) throws IOException {
      long n = varint(end);
      if (n < 0 || n > end - pos) {
        throw new Malformed(String.format(Locale.ROOT, "a field of %d bytes at byte %d runs past its message", n, pos));
      }
      return n;
    }

    String string(long n) throws IOException {
      if (n > 1 << 20) throw new Malformed("a name of " + n + " bytes");
      byte[] b = new byte[(int) n];
      for (int i = 0; i < n; i++) b[i] = (byte) next();
      return new String(b, StandardCharsets.UTF_8);
    }

    void skip(int wire, long end) throws IOException {
      long n = switch (wire) {
        case 0 -> {
          varint(end);
          yield 0;
        }
        case 1 -> 8;
        case 2 -> length(end);
        case 5 -> 4;
        default -> throw new Malformed("wire type " + wire + " at byte " + pos);
      };
      if (n > end - pos) throw new Malformed("a field runs past its message at byte " + pos);
      pos += n;
    }
  }
}
