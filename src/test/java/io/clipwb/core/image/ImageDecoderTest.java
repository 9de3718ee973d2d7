package io.clipwb.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clipwb.core.io.Npy;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ImageDecoder} against PIL 9.4's {@code Image.open(f).convert("RGB")}: committed fixtures
 * whose expected pixels PIL itself wrote ({@code pil/make_fixtures.py}), images made here with
 * ImageIO for the PNG layouts, and the failure cases.
 */
class ImageDecoderTest {
  @TempDir Path tmp;

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = ImageDecoderTest.class.getResourceAsStream("pil/" + name)) {
      if (in == null) throw new IllegalStateException("missing test resource pil/" + name);
      return in.readAllBytes();
    }
  }

  private static byte[] npyBytes(String name) throws Exception {
    Npy.NpyArray a = Npy.parse(resource(name), name);
    byte[] b = new byte[a.data().remaining()];
    a.data().duplicate().get(b);
    return b;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub440.jpg", "sub411.jpg", "ycck.jpg", "rgb420.jpg", "rgb444_progressive.jpg", "rgb422.jpg", "gray.jpg", "cmyk.jpg",
      "exif_orientation6.jpg", "palette.png", "palette_trns.png", "rgba.png", "la.png", "gray16.png",
      "onebit.png", "gray.png", "rgb.gif", "rgb.bmp", "rgb16.png"})
  @Tag("reference")
  void matchesPilConvertRgb(String name) throws Exception {
    RgbImage im = ImageDecoder.decode(resource(name), name, false);
    Npy.NpyArray ref = Npy.parse(resource(name + ".rgb.npy"), name);
    assertEquals(ref.shape()[0], im.height());
    assertEquals(ref.shape()[1], im.width());
    assertArrayEquals(npyBytes(name + ".rgb.npy"), im.rgb(), name + " differs from PIL");
  }

  @Test
  void exifOrientationOnlyOnRequest() throws Exception {
    byte[] jpg = resource("exif_orientation6.jpg");
    RgbImage stored = ImageDecoder.decode(jpg, "o6", false);
    RgbImage upright = ImageDecoder.decode(jpg, "o6", true);
    assertEquals(23, stored.width());
    assertEquals(17, upright.width());
    assertEquals(23, upright.height());
    assertArrayEquals(npyBytes("exif_orientation6.jpg.transposed.npy"), upright.rgb(), "differs from ImageOps.exif_transpose");
  }

  @Test
  void allEightOrientationsInvertCorrectly() {
    RgbImage im = RgbImage.blank(3, 2);
    for (int i = 0; i < im.rgb().length; i++) im.rgb()[i] = (byte) i;
    // orientation o then its inverse restores the image; 1..4 keep the size, 5..8 swap it
    int[] inverse = {0, 1, 2, 3, 4, 5, 8, 7, 6};
    for (int o = 1; o <= 8; o++) {
      RgbImage t = ExifOrientation.apply(im, o);
      assertEquals(o >= 5 ? 2 : 3, t.width(), "orientation " + o);
      assertArrayEquals(im.rgb(), ExifOrientation.apply(t, inverse[o]).rgb(), "orientation " + o);
    }
    // 6: rotate 90 degrees clockwise: the bottom-left pixel comes first
    assertEquals(im.get(0, 1, 0), ExifOrientation.apply(im, 6).get(0, 0, 0));
  }

  private Path writePng(BufferedImage bi, String name) throws Exception {
    Path p = tmp.resolve(name);
    assertTrue(ImageIO.write(bi, "png", p.toFile()));
    return p;
  }

  @Test
  void palettePngMapsIndicesThroughThePalette() throws Exception {
    byte[] r = {0, (byte) 255, 10, 20};
    byte[] g = {0, 0, (byte) 200, 30};
    byte[] b = {0, 0, 5, (byte) 250};
    byte[] a = {(byte) 255, (byte) 255, 0, (byte) 128};
    BufferedImage bi = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(2, 4, r, g, b, a));
    for (int x = 0; x < 4; x++) bi.getRaster().setSample(x, 0, 0, x);
    RgbImage im = ImageDecoder.decode(writePng(bi, "p.png"));
    // transparency is ignored: the palette colour stays, no compositing on white or black
    assertArrayEquals(new byte[] {0, 0, 0, (byte) 255, 0, 0, 10, (byte) 200, 5, 20, 30, (byte) 250}, im.rgb());
  }

  @Test
  void rgbaPngDropsAlphaWithoutCompositing() throws Exception {
    BufferedImage bi = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    bi.setRGB(0, 0, 0x00FF8040); // fully transparent orange
    bi.setRGB(1, 0, 0x80102030);
    RgbImage im = ImageDecoder.decode(writePng(bi, "a.png"));
    assertArrayEquals(new byte[] {(byte) 255, (byte) 128, 64, 16, 32, 48}, im.rgb());
  }

  @Test
  void sixteenBitPngs() throws Exception {
    BufferedImage rgb16 = new BufferedImage(new java.awt.image.ComponentColorModel(
        java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), false, false,
        java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT),
        java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_USHORT, 2, 1, 3, null), false, null);
    WritableRaster r = rgb16.getRaster();
    r.setPixel(0, 0, new int[] {0xFFFF, 0x1234, 0x00FF});
    r.setPixel(1, 0, new int[] {0x8000, 0x7FFF, 0x0100});
    RgbImage im = ImageDecoder.decode(writePng(rgb16, "rgb16.png"));
    assertArrayEquals(new byte[] {(byte) 0xFF, 0x12, 0x00, (byte) 0x80, 0x7F, 0x01}, im.rgb(), "PIL keeps the high byte");

    BufferedImage g16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
    g16.getRaster().setPixel(0, 0, new int[] {100});
    g16.getRaster().setPixel(1, 0, new int[] {255});
    g16.getRaster().setPixel(2, 0, new int[] {4000});
    RgbImage g = ImageDecoder.decode(writePng(g16, "g16.png"));
    assertArrayEquals(new byte[] {100, 100, 100, (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255}, g.rgb(),
        "PIL mode I clips to 255");
  }

  @Test
  void grayscalePngAndJpegAreNotGammaShifted() throws Exception {
    BufferedImage bi = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) bi.getRaster().setSample(x, y, 0, 128);
    RgbImage png = ImageDecoder.decode(writePng(bi, "g.png"));
    assertEquals(128, png.get(5, 5, 0));
    assertEquals(128, png.get(5, 5, 2));
    Path jpg = tmp.resolve("g.jpg");
    assertTrue(ImageIO.write(bi, "jpeg", jpg.toFile()));
    RgbImage j = ImageDecoder.decode(jpg);
    assertEquals(128, j.get(5, 5, 1), "a flat grey JPEG decodes to the same grey (no linear→sRGB step)");
  }

  private byte[] randomJpeg() throws Exception {
    BufferedImage bi = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
    Random rnd = new Random(3);
    for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) bi.setRGB(x, y, rnd.nextInt());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(bi, "jpeg", out);
    return out.toByteArray();
  }

  @Test
  void truncatedJpegIsAnError() throws Exception {
    byte[] full = randomJpeg();
    Path p = tmp.resolve("cut.jpg");
    Files.write(p, Arrays.copyOf(full, full.length * 2 / 3));
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(p));
    assertTrue(e.getMessage().startsWith("truncated JPEG"), e.getMessage());
    assertTrue(e.getMessage().contains("cut.jpg"), e.getMessage());
    Files.write(p, Arrays.copyOf(full, 100));
    e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(p));
    assertTrue(e.getMessage().startsWith("truncated JPEG"), e.getMessage());
  }

  @Test
  void truncatedPngIsAnError() throws Exception {
    BufferedImage bi = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Random rnd = new Random(5);
    for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) bi.setRGB(x, y, rnd.nextInt());
    Path full = writePng(bi, "full.png");
    byte[] b = Files.readAllBytes(full);
    Path p = tmp.resolve("cut.png");
    Files.write(p, Arrays.copyOf(b, b.length / 2));
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(p));
    assertTrue(e.getMessage().contains("PNG") && e.getMessage().contains("cut.png"), e.getMessage());
  }

  @Test
  void textFileNamedJpgIsNotAnImage() throws Exception {
    Path p = tmp.resolve("notes.jpg");
    Files.writeString(p, "hello, this is not a picture\n");
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(p));
    assertTrue(e.getMessage().startsWith("not an image: "), e.getMessage());
    assertTrue(e.getMessage().contains("(text, 29 bytes;"), e.getMessage());
    assertTrue(!e.getMessage().contains("hello") && !e.getMessage().contains("picture"), "no content echoed: " + e.getMessage());
  }

  @Test
  void emptyMissingAndWebpFilesSayWhy() throws Exception {
    Path empty = tmp.resolve("empty.png");
    Files.write(empty, new byte[0]);
    assertTrue(assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(empty)).getMessage().contains("empty"));
    Path missing = tmp.resolve("missing.jpg");
    assertTrue(assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(missing)).getMessage().startsWith("file not found"));
    Path webp = tmp.resolve("x.webp");
    Files.write(webp, new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '});
    assertTrue(assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(webp)).getMessage().contains("WebP"));
  }

  @Test
  void cmykFormulaIsPillows() {
    byte[] out = new byte[3];
    ImageDecoder.cmykToRgb(100, 50, 200, 30, out, 0);
    // PIL 9.4: Image.new("CMYK", (1, 1), (100, 50, 200, 30)).convert("RGB") == (137, 181, 49)
    assertArrayEquals(new byte[] {(byte) 137, (byte) 181, 49}, out);
  }
}
