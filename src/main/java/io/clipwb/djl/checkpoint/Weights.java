package io.clipwb.djl.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.clipwb.core.model.safetensors.DType;
import io.clipwb.core.model.safetensors.SafetensorsException;
import io.clipwb.core.model.safetensors.SafetensorsFile;
import io.clipwb.core.model.safetensors.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * A checkpoint's tensors as float32 NDArrays on one device, created one tensor at a time from the
 * memory-mapped safetensors file (F16/BF16 widened), plus the token-embedding table read straight
 * from the mapping: a lookup copies only the rows a batch uses, so the 100 MB table of a CLIP text
 * tower is never duplicated on the Java heap.
 */
final class Weights implements AutoCloseable {
  private final SafetensorsFile file;
  private final NDManager manager;

  Weights(SafetensorsFile file, Device device) {
    this.file = file;
    this.manager = NDManager.newBaseManager(device, "PyTorch");
  }

  NDManager manager() {
    return manager;
  }

  SafetensorsFile file() {
    return file;
  }

  /** Tensor {@code name} as float32 (shapes were checked when the bundle was opened). */
  NDArray get(String name) {
    TensorInfo t = file.tensors().get(name);
    if (t == null) throw new SafetensorsException(file.file() + ": missing tensor '" + name + "'");
    Shape shape = new Shape(t.shape());
    if (t.dtype() == DType.F32) {
      ByteBuffer b = file.mapped(t);
      float[] data = new float[(int) t.numel()];
      b.asFloatBuffer().get(data);
      return manager.create(FloatBuffer.wrap(data), shape, DataType.FLOAT32);
    }
    return manager.create(FloatBuffer.wrap(file.floats(t)), shape, DataType.FLOAT32);
  }

  /** A matrix stored [in, out] (open_clip's {@code proj}, {@code text_projection}) as a linear weight [out, in]. */
  NDArray transposed(String name) {
    NDArray a = get(name);
    NDArray t = a.transpose().duplicate();
    a.close();
    return t;
  }

  /** Rows {@code ids} of the [vocab, width] table {@code name}, as an N x L x width array in {@code scope}. */
  NDArray rows(String name, int[][] ids, int width, int vocab, NDManager scope) {
    TensorInfo t = file.tensors().get(name);
    ByteBuffer b = file.mapped(t);
    int n = ids.length;
    int l = ids[0].length;
    float[] out = new float[n * l * width];
    int size = t.dtype().size();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < l; j++) {
        int id = ids[i][j];
        if (id < 0 || id >= vocab) throw new IllegalArgumentException("token id " + id + " outside the text tower's " + vocab + " embeddings");
        int base = (i * l + j) * width;
        long off = (long) id * width * size;
        for (int c = 0; c < width; c++) {
          int p = (int) (off + (long) c * size);
          out[base + c] = switch (t.dtype()) {
            case F32 -> b.getFloat(p);
            case F16 -> SafetensorsFile.halfToFloat(b.getShort(p));
            case BF16 -> Float.intBitsToFloat((b.getShort(p) & 0xffff) << 16);
            default -> throw new IllegalStateException(t.dtype().toString());
          };
        }
      }
    }
    return scope.create(FloatBuffer.wrap(out), new Shape(n, l, width), DataType.FLOAT32);
  }

  @Override
  public void close() {
    manager.close();
    file.close();
  }
}
