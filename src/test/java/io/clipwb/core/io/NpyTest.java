package io.clipwb.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code .npy} reader and writer against files NumPy itself wrote (bytes of {@code np.save},
 * NumPy 2.x, pasted as Base64), and every malformed header a user's file may have: the message must
 * name the file and the fault.
 */
class NpyTest {
  @TempDir Path tmp;

  // np.save(b, np.array([[1.5, -2.0, 0.25], [3.0, 4.0, -0.5]], dtype='<f4'))
  static final String F4_2X3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAAwAAAgD4AAEBAAACAQAAAAL8=";
  // np.save(b, np.array([7, -1, 2**40], dtype='<i8'))
  static final String I8_3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoHAAAAAAAAAP//////////AAAAAAABAAA=";
  // np.save(b, np.array([1, 2, 3], dtype='<i8')): labels are written as int64, NumPy's default
  static final String I8_123 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAAAAAAAAAIAAAAAAAAAAwAAAAAAAAA=";
  // np.save(b, np.array([1, 2, 3], dtype='<i4'))
  static final String I4_3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAAAAgAAAAMAAAA=";

  @Test
  void readsWhatNumpyWrote() {
    Npy.NpyArray f = Npy.parse(Base64.getDecoder().decode(F4_2X3), "f4.npy");
    assertEquals("<f4", f.dtype());
    assertArrayEquals(new int[] {2, 3}, f.shape());
    assertArrayEquals(new float[] {1.5f, -2f, 0.25f}, f.asFloatMatrix()[0]);
    assertArrayEquals(new float[] {3f, 4f, -0.5f}, f.asFloatMatrix()[1]);
    Npy.NpyArray l = Npy.parse(Base64.getDecoder().decode(I8_3), "i8.npy");
    assertArrayEquals(new double[] {7, -1, Math.pow(2, 40)}, l.asDoubles());
    assertArrayEquals(new int[] {1, 2, 3}, Npy.parse(Base64.getDecoder().decode(I4_3), "i4.npy").asIntVector());
  }

  @Test
  void writesWhatNumpyWrites() {
    // same dtype, shape and values give the same bytes as np.save (header padding included)
    assertArrayEquals(Base64.getDecoder().decode(F4_2X3), Npy.encode(new float[][] {{1.5f, -2f, 0.25f}, {3f, 4f, -0.5f}}));
    assertArrayEquals(Base64.getDecoder().decode(I8_123), Npy.encode(new int[] {1, 2, 3}));
  }

  @Test
  void roundTripsThroughAFile() {
    double[][] m = {{1, Double.NaN}, {-0.0, 1e300}};
    Npy.write(tmp.resolve("m.npy"), m);
    Npy.NpyArray a = Npy.read(tmp.resolve("m.npy"));
    assertArrayEquals(new int[] {2, 2}, a.shape());
    assertArrayEquals(m[0], a.asMatrix()[0]);
    assertArrayEquals(m[1], a.asMatrix()[1]);
  }

  /** A version-1.0 file with the given header dict (padded as NumPy pads it) and data bytes. */
  static byte[] npy(String dict, byte[] data) {
    String h = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) h.length()).array());
    out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  static String header(String descr, String fortran, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': (" + shape + "), }";
  }

  @Test
  void aHandBuiltHeaderParses() {
    Npy.NpyArray a = Npy.parse(npy(header("<i4", "False", "2,"), new byte[] {5, 0, 0, 0, 6, 0, 0, 0}), "h.npy");
    assertArrayEquals(new int[] {5, 6}, a.asIntVector());
    assertEquals(0, Npy.parse(npy(header("<f8", "False", "0, 3"), new byte[0]), "empty.npy").size());
    assertEquals(1, Npy.parse(npy(header("<f8", "False", ""), new byte[8]), "scalar.npy").size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad magic            | NOTNPY    | is not a .npy file (bad magic)",
      "magic only           | MAGIC     | truncated .npy header",
      "header cut short     | SHORT     | truncated .npy header",
      "unknown version      | VERSION9  | unsupported .npy version 9",
      "no shape key         | NOSHAPE   | malformed .npy header",
      "negative dimension   | NEGATIVE  | negative dimension -3",
      "absurd dimension     | HUGE      | is too large",
      "absurd product       | PRODUCT   | more than one array can hold",
      "text in the shape    | TEXT      | malformed .npy shape",
      "unknown dtype        | COMPLEX   | unsupported dtype <c8",
      "big-endian dtype     | BIGENDIAN | big-endian dtype >f4",
      "fortran order        | FORTRAN   | Fortran-order arrays are not supported",
      "data cut short       | DATA      | truncated data: shape [4] needs 16 bytes, file has 8",
      "12-digit dimension   | TERA      | header field 'shape' (1000000000000,): dimension 1000000000000 is too large (the limit is 2147483647)",
      "negative, field named| NEGATIVE  | header field 'shape' (-3,): negative dimension -3 (expected 0 to 2147483647)",
      "product, limit named | PRODUCT   | the limit is 2147483583 bytes",
      "absurd header length | HEADERLEN | header length 1073741824 is over the limit of 1048576 bytes"})
  void malformedFilesAreRejectedNamingFileAndFault(String what, String kind, String message) {
    byte[] bytes = switch (kind) {
      case "NOTNPY" -> "PK\u0003\u0004 not a numpy file".getBytes(StandardCharsets.ISO_8859_1);
      case "MAGIC" -> new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1};
      case "SHORT" -> Arrays.copyOf(npy(header("<f4", "False", "2,"), new byte[8]), 30);
      case "VERSION9" -> {
        byte[] b = npy(header("<f4", "False", "2,"), new byte[8]);
        b[6] = 9;
        yield b;
      }
      case "NOSHAPE" -> npy("{'descr': '<f4', 'fortran_order': False, }", new byte[8]);
      case "NEGATIVE" -> npy(header("<f4", "False", "-3,"), new byte[8]);
      case "TERA" -> npy(header("<f4", "False", "1000000000000,"), new byte[8]);
      case "HEADERLEN" -> {
        byte[] b = npy(header("<f4", "False", "2,"), new byte[8]);
        b[6] = 2;
        byte[] c = new byte[b.length + 2];
        System.arraycopy(b, 0, c, 0, 8);
        c[8] = 0; c[9] = 0; c[10] = 0; c[11] = 0x40;
        System.arraycopy(b, 10, c, 12, b.length - 10);
        yield c;
      }
      case "HUGE" -> npy(header("<f4", "False", "99999999999999999999,"), new byte[8]);
      case "PRODUCT" -> npy(header("<f8", "False", "100000, 100000"), new byte[8]);
      case "TEXT" -> npy(header("<f4", "False", "n,"), new byte[8]);
      case "COMPLEX" -> npy(header("<c8", "False", "1,"), new byte[8]);
      case "BIGENDIAN" -> npy(header(">f4", "False", "2,"), new byte[8]);
      case "FORTRAN" -> npy(header("<f8", "True", "2, 3"), new byte[48]);
      case "DATA" -> npy(header("<f4", "False", "4,"), new byte[8]);
      default -> throw new IllegalStateException(kind);
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.parse(bytes, "bad.npy"), what);
    assertTrue(e.getMessage().contains("bad.npy"), e.getMessage());
    assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
  }

  @Test
  void aMissingFileNamesThePath() {
    Path f = tmp.resolve("none.npy");
    Exception e = assertThrows(java.io.UncheckedIOException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(Files.notExists(f));
  }
}
