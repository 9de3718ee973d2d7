package io.clipwb.core.cache;

import io.clipwb.core.io.Npy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The float32 rows of one cache shard, where the cache reads them from: a heap array for a small
 * shard, memory-mapped segments of the {@code .npy} for a large one. Why mapped: a 1.3M × 512
 * ImageNet-train cache is 2.66 GB of floats; mapped, it lives in the operating system's page cache
 * instead of the Java heap, and no shard has to fit in one Java array (segments of at most
 * {@link #SEGMENT_BYTES}, whole rows each, so a foreign shard over 2 GiB still opens).
 *
 * <p>Immutable once built; {@link #copyRow} may be called from any thread.
 */
final class ShardRows {
  /** Shards with at most this many data bytes are read onto the heap (a put of one batch is ~64 KB). */
  static final long HEAP_BYTES = 4L << 20;
  /** The largest mapped segment (whole rows). */
  static final long SEGMENT_BYTES = 1L << 30;

  private final int rows;
  private final int cols;
  private final float[] heap;
  private final FloatBuffer[] segments;
  private final int rowsPerSegment;

  private ShardRows(int rows, int cols, float[] heap, FloatBuffer[] segments, int rowsPerSegment) {
    this.rows = rows;
    this.cols = cols;
    this.heap = heap;
    this.segments = segments;
    this.rowsPerSegment = rowsPerSegment;
  }

  /** Rows held on the heap (a copy of {@code m}). */
  static ShardRows ofRows(float[][] m, int cols) {
    float[] flat = new float[Math.multiplyExact(m.length, cols)];
    for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, flat, i * cols, cols);
    return new ShardRows(m.length, cols, flat, null, 0);
  }

  int rows() {
    return rows;
  }

  int cols() {
    return cols;
  }

  /** Whether the rows live on the Java heap (small shards) rather than in mapped memory. */
  boolean onHeap() {
    return heap != null;
  }

  void copyRow(int r, float[] dst) {
    if (heap != null) {
      System.arraycopy(heap, r * cols, dst, 0, cols);
    } else {
      segments[r / rowsPerSegment].get((r % rowsPerSegment) * cols, dst, 0, cols);
    }
  }

  /** A verified shard: its rows, from a file whose SHA-256 matched. */
  record Opened(ShardRows rows, Npy.Header header) {}

  /**
   * Opens a shard's {@code .npy}: hashes all of its bytes (through a mapping, never one byte array),
   * compares the hash with {@code expectedSha256} ({@code null}: a file this process just wrote and
   * hashed while writing), checks it is a float32 matrix, and keeps its rows
   * on the heap (small) or mapped (large).
   *
   * @throws IOException on a checksum mismatch or a malformed file (the caller discards the shard)
   */
  static Opened open(Path npy, String expectedSha256) throws IOException {
    return open(npy, expectedSha256, SEGMENT_BYTES, HEAP_BYTES);
  }

  /** As {@link #open(Path, String)} with other segment and heap limits (tests reach the mapped paths with small files). */
  static Opened open(Path npy, String expectedSha256, long segmentBytes, long heapBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, 12L + Npy.MAX_HEADER_BYTES));
      readFully(ch, start, 0);
      start.flip();
      Npy.Header h;
      try {
        h = Npy.header(start, size, Long.MAX_VALUE / 2, npy.toString());
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (!h.dtype().equals("<f4") || h.shape().length != 2) {
        throw new IOException("expected a float32 matrix, found dtype " + h.dtype() + " with " + h.shape().length + " dimensions");
      }
      int rows = h.shape()[0];
      int cols = h.shape()[1];
      MessageDigest md = sha256();
      if (h.dataBytes() <= heapBytes || cols == 0) {
        // small: the whole file in one read, hashed, copied onto the heap
        ByteBuffer all = ByteBuffer.allocate((int) size);
        readFully(ch, all, 0);
        all.flip();
        md.update(all.duplicate());
        check(md, expectedSha256);
        float[] flat = new float[Math.multiplyExact(rows, cols)];
        all.position(h.dataOffset());
        all.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(flat);
        return new Opened(new ShardRows(rows, cols, flat, null, 0), h);
      }
      // large: mapped in segments of whole rows, hashed through the same mappings (so the pages the
      // checksum touched are the ones rows are later read from), never copied onto the heap
      long rowBytes = 4L * cols;
      int perSegment = (int) Math.max(1, Math.min(Integer.MAX_VALUE / rowBytes, segmentBytes / rowBytes));
      int n = (int) ((rows + (long) perSegment - 1) / perSegment);
      md.update(start.duplicate().limit(h.dataOffset()));
      FloatBuffer[] segs = new FloatBuffer[n];
      for (int s = 0; s < n; s++) {
        long first = (long) s * perSegment;
        long count = Math.min(perSegment, rows - first);
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset() + first * rowBytes, count * rowBytes);
        if (expectedSha256 != null) md.update(m.duplicate());
        segs[s] = m.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      }
      long tail = size - h.dataOffset() - h.dataBytes();
      if (tail > 0 && expectedSha256 != null) {
        ByteBuffer t = ByteBuffer.allocate((int) Math.min(tail, Integer.MAX_VALUE - 8));
        readFully(ch, t, h.dataOffset() + h.dataBytes());
        t.flip();
        md.update(t);
      }
      check(md, expectedSha256);
      return new Opened(new ShardRows(rows, cols, null, segs, perSegment), h);
    }
  }

  private static void check(MessageDigest md, String expectedSha256) throws IOException {
    if (expectedSha256 != null && !HexFormat.of().formatHex(md.digest()).equals(expectedSha256)) throw new IOException("checksum mismatch");
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) break;
      p += r;
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
