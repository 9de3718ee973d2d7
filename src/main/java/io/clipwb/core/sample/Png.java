package io.clipwb.core.sample;

import io.clipwb.core.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG encoder for the sample world: 8-bit RGB and 16-bit grayscale (depth maps).
 *
 * <p>Why our own and not {@code javax.imageio}: the generator promises byte-identical files for
 * the same seed, and ImageIO's choice of filters and compression may change between JDK builds.
 * Here every choice is fixed: per-row filter picked by the usual minimum-sum-of-absolute-values
 * heuristic (PNG spec 12.8), zlib level 9, one IDAT chunk, no ancillary chunks (no time stamp).
 */
public final class Png {
  private Png() {}

  /** Encodes an 8-bit RGB image. */
  public static byte[] encodeRgb(RgbImage img) {
    return encode(img.width(), img.height(), 8, 2, img.rgb(), 3);
  }

  /** Encodes a 16-bit single-channel image (values 0..65535, row-major), e.g. depth in millimetres. */
  public static byte[] encodeGray16(int width, int height, int[] values) {
    if (values.length != width * height) throw new IllegalArgumentException("gray16: " + values.length + " values for " + width + "x" + height);
    byte[] raw = new byte[width * height * 2];
    for (int i = 0; i < values.length; i++) {
      int v = Math.max(0, Math.min(65535, values[i]));
      raw[2 * i] = (byte) (v >>> 8);
      raw[2 * i + 1] = (byte) v;
    }
    return encode(width, height, 16, 0, raw, 2);
  }

  private static byte[] encode(int w, int h, int bitDepth, int colourType, byte[] raw, int bpp) {
    int stride = w * bpp;
    byte[] filtered = new byte[h * (stride + 1)];
    byte[][] cand = new byte[5][stride];
    for (int y = 0; y < h; y++) {
      int row = y * stride;
      int best = 0;
      long bestSum = Long.MAX_VALUE;
      for (int f = 0; f < 5; f++) {
        long sum = 0;
        for (int i = 0; i < stride; i++) {
          int x = raw[row + i] & 0xff;
          int a = i >= bpp ? raw[row + i - bpp] & 0xff : 0;
          int b = y > 0 ? raw[row - stride + i] & 0xff : 0;
          int c = (i >= bpp && y > 0) ? raw[row - stride + i - bpp] & 0xff : 0;
          int pred = switch (f) {
            case 0 -> 0;
            case 1 -> a;
            case 2 -> b;
            case 3 -> (a + b) >>> 1;
            default -> paeth(a, b, c);
          };
          byte v = (byte) (x - pred);
          cand[f][i] = v;
          sum += Math.abs((int) v);
        }
        if (sum < bestSum) {
          bestSum = sum;
          best = f;
        }
      }
      int out = y * (stride + 1);
      filtered[out] = (byte) best;
      System.arraycopy(cand[best], 0, filtered, out + 1, stride);
    }
    Deflater deflater = new Deflater(9);
    deflater.setInput(filtered);
    deflater.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream(filtered.length / 2 + 64);
    byte[] buf = new byte[65536];
    while (!deflater.finished()) z.write(buf, 0, deflater.deflate(buf));
    deflater.end();

    ByteArrayOutputStream png = new ByteArrayOutputStream(z.size() + 64);
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, w);
    putInt(ihdr, 4, h);
    ihdr[8] = (byte) bitDepth;
    ihdr[9] = (byte) colourType;
    chunk(png, "IHDR", ihdr);
    chunk(png, "IDAT", z.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) return a;
    return pb <= pc ? b : c;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] len = new byte[4];
    putInt(len, 0, data.length);
    out.writeBytes(len);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.writeBytes(c);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
