package io.clipwb.core.model.safetensors;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader on files written byte by byte here, as the format's README describes them. */
class SafetensorsFileTest {
  @TempDir Path dir;

  private static byte[] file(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    return b.array();
  }

  private static byte[] le(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) b.putFloat(f);
    return b.array();
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private byte[] sample() {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(le(1f, -2f, 3.5f, 0.25f, 5f, 6f));
    // F16: 1.0 = 0x3c00, -2.0 = 0xc000, 65504 = 0x7bff, smallest subnormal 0x0001
    data.writeBytes(new byte[] {0x00, 0x3c, 0x00, (byte) 0xc0, (byte) 0xff, 0x7b, 0x01, 0x00});
    // BF16: 1.0 = 0x3f80, -3.0 = 0xc040
    data.writeBytes(new byte[] {(byte) 0x80, 0x3f, 0x40, (byte) 0xc0});
    data.writeBytes(le(7f));
    String header = "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
        + "\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[24,32]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[32,36]},"
        + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[36,40]}}   ";
    return file(header, data.toByteArray());
  }

  @Test
  void readsF32F16Bf16() throws Exception {
    Path p = write("ok.safetensors", sample());
    try (SafetensorsFile f = SafetensorsFile.open(p)) {
      assertEquals("pt", f.metadata().get("format"));
      assertEquals(Arrays.asList("w", "h", "b", "s"), f.tensors().keySet().stream().toList());
      assertArrayEquals(new float[] {1f, -2f, 3.5f, 0.25f, 5f, 6f}, f.floats("w", 2, 3));
      assertArrayEquals(new float[] {1f, -2f, 65504f, (float) Math.pow(2, -24)}, f.floats("h", 4));
      assertArrayEquals(new float[] {1f, -3f}, f.floats("b", -1));
      assertArrayEquals(new float[] {7f}, f.floats("s"));
      assertEquals(6 + 4 + 2 + 1, f.parameterCount());
    }
  }

  @Test
  void missingTensorAndWrongShapeNameFileTensorAndShape() throws Exception {
    Path p = write("ok.safetensors", sample());
    try (SafetensorsFile f = SafetensorsFile.open(p)) {
      SafetensorsException e = assertThrows(SafetensorsException.class, () -> f.require("visual.proj", 768, 512));
      assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("'visual.proj'")
          && e.getMessage().contains("768 x 512"), e.getMessage());
      e = assertThrows(SafetensorsException.class, () -> f.require("w", 3, 2));
      assertTrue(e.getMessage().contains("'w' has shape 2 x 3, expected 3 x 2"), e.getMessage());
    }
  }

  @Test
  void truncatedFile() throws Exception {
    byte[] ok = sample();
    Path p = write("cut.safetensors", Arrays.copyOf(ok, ok.length - 3));
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(p));
    assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("'s'") && e.getMessage().contains("truncated"),
        e.getMessage());
    Path q = write("tiny.safetensors", new byte[] {1, 2, 3});
    assertTrue(assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(q)).getMessage().contains("truncated"));
    Path r = write("head.safetensors", Arrays.copyOf(ok, 40));
    assertTrue(assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(r)).getMessage().contains("truncated"));
  }

  @Test
  void headerLyingAboutOffsets() throws Exception {
    byte[] data = le(1f, 2f, 3f, 4f);
    Path size = write("size.safetensors", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", data));
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(size));
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("lies"), e.getMessage());
    Path overlap = write("overlap.safetensors", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", data));
    e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(overlap));
    assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
    Path past = write("past.safetensors", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[4,20]}}", data));
    e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(past));
    assertTrue(e.getMessage().contains("past the end"), e.getMessage());
    Path json = write("json.safetensors", file("{\"a\":", data));
    assertTrue(assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(json)).getMessage().contains("not valid JSON"));
    Path dtype = write("dtype.safetensors", file("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", data));
    assertTrue(assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(dtype)).getMessage().contains("F8_E4M3"));
  }

  @Test
  void halfToFloatCoversSpecialValues() {
    assertEquals(Float.POSITIVE_INFINITY, SafetensorsFile.halfToFloat((short) 0x7c00));
    assertTrue(Float.isNaN(SafetensorsFile.halfToFloat((short) 0x7e00)));
    assertEquals(-0f, SafetensorsFile.halfToFloat((short) 0x8000));
    assertEquals(0.333251953125f, SafetensorsFile.halfToFloat((short) 0x3555));
  }
}
