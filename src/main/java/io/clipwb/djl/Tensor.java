package io.clipwb.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * A dense tensor in plain Java arrays: float32 or int64 data plus its shape. What the towers' DJL
 * predictors take and give, so that no engine array outlives a call.
 */
final class Tensor {
  final float[] floats;
  final long[] longs;
  final long[] shape;

  private Tensor(float[] floats, long[] longs, long[] shape) {
    this.floats = floats;
    this.longs = longs;
    this.shape = shape;
  }

  static Tensor ofFloats(float[] data, long... shape) {
    return new Tensor(data, null, shape);
  }

  static Tensor ofLongs(long[] data, long... shape) {
    return new Tensor(null, data, shape);
  }

  /** "2 x 3 x 32 x 32". */
  static String shapeText(long[] s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length; i++) b.append(i == 0 ? "" : " x ").append(s[i]);
    return b.toString();
  }

  /**
   * How a graph is fed and read. TorchScript towers take one positional input and give one output
   * ({@link #POSITIONAL}); ONNX graphs are fed and read by name, and a text graph that declares an
   * attention mask gets one computed from the token rows: 1 up to and including the first
   * {@code eot} of a row (everything when a row has none), 0 after — what a Hugging Face tokenizer
   * returns for a padded row. (Under CLIP's causal attention the pooled EOT position never sees the
   * positions after it, so the mask changes no embedding; it is fed because the graph requires it.)
   *
   * @param input the input's name, or null for positional
   * @param mask the attention mask input's name, or null
   * @param eot the end-of-text id that ends a row's mask
   * @param output the output to read, or null for the only one
   */
  record Io(String input, String mask, long eot, String output) {
    static final Io POSITIONAL = new Io(null, null, -1, null);
  }

  /**
   * Tensor in, tensor out. The input NDArrays live in the per-call manager of the predictor context
   * (closed by DJL after each {@code predict}); the output is copied out before that happens.
   */
  static final class TensorTranslator implements Translator<Tensor, Tensor> {
    private final Io io;

    TensorTranslator(Io io) {
      this.io = io;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Tensor in) {
      NDManager m = ctx.getNDManager();
      Shape shape = new Shape(in.shape);
      NDArray a = in.floats != null ? m.create(FloatBuffer.wrap(in.floats), shape, DataType.FLOAT32)
          : m.create(LongBuffer.wrap(in.longs), shape, DataType.INT64);
      if (io.input() == null) return new NDList(a);
      a.setName(io.input());
      NDList list = new NDList(a);
      if (io.mask() != null) {
        NDArray mask = m.create(LongBuffer.wrap(mask(in.longs, (int) in.shape[0], (int) in.shape[1], io.eot())), shape,
            DataType.INT64);
        mask.setName(io.mask());
        list.add(mask);
      }
      return list;
    }

    static long[] mask(long[] ids, int n, int ctx, long eot) {
      long[] mask = new long[ids.length];
      for (int i = 0; i < n; i++) {
        int end = ctx - 1;
        for (int j = 0; j < ctx; j++) {
          if (ids[i * ctx + j] == eot) {
            end = j;
            break;
          }
        }
        for (int j = 0; j <= end; j++) mask[i * ctx + j] = 1;
      }
      return mask;
    }

    @Override
    public Tensor processOutput(TranslatorContext ctx, NDList list) {
      NDArray out;
      if (io.output() == null) {
        out = list.singletonOrThrow();
      } else {
        out = list.get(io.output());
        if (out == null) throw new IllegalStateException("the graph returned no output named '" + io.output() + "'");
      }
      if (out.getDataType() != DataType.FLOAT32) out = out.toType(DataType.FLOAT32, false);
      return Tensor.ofFloats(out.toFloatArray(), out.getShape().getShape());
    }

    @Override
    public Batchifier getBatchifier() {
      return null; // inputs are whole batches already
    }
  }
}
