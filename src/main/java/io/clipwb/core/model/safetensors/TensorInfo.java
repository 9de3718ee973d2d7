package io.clipwb.core.model.safetensors;

import java.util.Arrays;

/**
 * One header entry of a safetensors file.
 *
 * @param name the tensor's key, e.g. {@code vision_model.embeddings.patch_embedding.weight}
 * @param dtype its element type
 * @param shape its shape (empty for a scalar)
 * @param begin first byte of its data, relative to the start of the data section
 * @param end one past its last byte, relative to the start of the data section
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
  /** Number of elements (1 for a scalar). */
  public long numel() {
    long n = 1;
    for (long s : shape) n *= s;
    return n;
  }

  /** The shape as "3 x 4" (or "scalar"). */
  public String shapeText() {
    return shapeText(shape);
  }

  /** A shape as "3 x 4" (or "scalar"). */
  public static String shapeText(long[] shape) {
    if (shape.length == 0) return "scalar";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shape.length; i++) b.append(i == 0 ? "" : " x ").append(shape[i]);
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape)
        && t.begin == begin && t.end == end;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + " [" + shapeText() + "]";
  }
}
