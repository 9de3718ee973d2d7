package io.clipwb.core.model.safetensors;

/**
 * The element types of a safetensors header that this reader knows. Only the three float types
 * are read as weights (converted to float32); the integer types are recognised so that a
 * checkpoint holding e.g. an int64 {@code position_ids} buffer opens, and its tensor is skipped.
 */
public enum DType {
  F32(4, true),
  F16(2, true),
  BF16(2, true),
  F64(8, false),
  I64(8, false),
  I32(4, false),
  I16(2, false),
  I8(1, false),
  U8(1, false),
  BOOL(1, false);

  private final int size;
  private final boolean floatWeights;

  DType(int size, boolean floatWeights) {
    this.size = size;
    this.floatWeights = floatWeights;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** Whether {@link SafetensorsFile#floats} reads this type (F32, F16, BF16). */
  public boolean readable() {
    return floatWeights;
  }
}
