package io.clipwb.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes image files to 8-bit RGB exactly as PIL 9.4's {@code Image.open(p).convert("RGB")} does,
 * the first step of OpenAI CLIP's preprocessing ({@code clip/clip.py _transform}, whose
 * {@code _convert_image_to_rgb} calls {@code convert("RGB")}).
 *
 * <p>Why not {@code ImageIO.read(...).getRGB(...)}: the JDK colour-manages (grey JPEGs come out
 * brighter through a linear-to-sRGB step, embedded ICC profiles are applied, CMYK JPEGs are refused)
 * where PIL copies the raw samples. This class therefore reads raw rasters and does PIL's own mode
 * conversions:
 *
 * <ul>
 *   <li>JPEG: the raw decoded components ({@code ImageReader.readRaster}, libjpeg's IDCT and fancy
 *       upsampling), then libjpeg's integer YCbCr→RGB ({@code jdcolor.c}); the colour space is chosen
 *       by libjpeg's rules (JFIF / Adobe transform / component ids). 4-component JPEGs are CMYK or
 *       YCCK; PIL always reads them as Adobe-inverted CMYK ({@code rawmode "CMYK;I"}) and converts
 *       with {@code cmyk2rgb} ({@code Convert.c}: {@code 255 - k - c * (255 - k) / 255}, integer).
 *   <li>PNG: palette → palette colours; alpha is dropped, never composited; 16-bit RGB(A) and grey+alpha
 *       keep the high byte; 16-bit grey is PIL mode {@code I} whose conversion clips at 255; 1/2/4-bit
 *       grey is scaled to 0..255.
 *   <li>GIF, BMP, TIFF through ImageIO with the same raw rules (first frame only). WebP has no
 *       decoder in the JDK and is reported as unsupported.
 * </ul>
 *
 * <p>EXIF orientation: PIL's {@code open + convert} does not apply it, and neither does CLIP's
 * reference preprocessing, so {@link #decode(Path)} keeps the stored pixel order. {@link
 * #decode(Path, boolean)} with {@code applyExifOrientation = true} rotates/mirrors like Pillow's
 * {@code ImageOps.exif_transpose} (for photos shown to people, or models trained on upright images).
 *
 * <p>Differences to libjpeg-turbo (PIL's JPEG decoder) are measured in
 * {@code docs/preprocessing-and-tokenizers.md}. Thread-safe: every call uses its own reader.
 */
public final class ImageDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

  private ImageDecoder() {}

  /**
   * Decodes like PIL's {@code Image.open(file).convert("RGB")} (no EXIF rotation).
   *
   * @throws ImageDecodeException with a reason a user understands (truncated, unsupported format, ...)
   */
  public static RgbImage decode(Path file) throws ImageDecodeException {
    return decode(file, false);
  }

  /**
   * Decodes like PIL's {@code convert("RGB")}; with {@code applyExifOrientation} the EXIF orientation
   * tag (JPEG APP1, PNG eXIf) is applied afterwards like {@code ImageOps.exif_transpose}.
   */
  public static RgbImage decode(Path file, boolean applyExifOrientation) throws ImageDecodeException {
    byte[] bytes;
    if (Files.isDirectory(file)) throw new ImageDecodeException("not an image: " + file + " is a folder");
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // a FIFO or device would block the reader or never end
      throw new ImageDecodeException("not an image: " + file + " is not a regular file (a pipe, socket or device)");
    }
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ImageDecodeException("file not found: " + file, e);
    } catch (IOException e) {
      throw new ImageDecodeException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      throw new ImageDecodeException("file too large to decode: " + file);
    }
    return decode(bytes, file.toString(), applyExifOrientation);
  }

  /** Decodes an image held in memory; {@code name} appears in error messages. */
  public static RgbImage decode(byte[] bytes, String name, boolean applyExifOrientation)
      throws ImageDecodeException {
    if (bytes.length == 0) throw new ImageDecodeException("not an image: " + name + " is empty");
    String format = sniff(bytes);
    if (format == null) {
      throw new ImageDecodeException("not an image: " + name + " (" + describeStart(bytes) + "; expected JPEG, PNG, GIF, BMP or TIFF)");
    }
    try {
      RgbImage image;
      int orientation = 1;
      switch (format) {
        case "jpeg" -> {
          JpegInfo info = JpegInfo.parse(bytes, name);
          image = decodeJpeg(bytes, name, info);
          orientation = ExifOrientation.read(info.exif());
        }
        case "webp" -> throw new ImageDecodeException(
            "unsupported image format: " + name + " is WebP, which the JDK cannot decode (convert it to PNG or JPEG)");
        default -> {
          image = decodeOther(bytes, name, format);
          if (format.equals("png")) orientation = ExifOrientation.read(pngExif(bytes));
        }
      }
      return applyExifOrientation ? ExifOrientation.apply(image, orientation) : image;
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(describeFailure(format, name, e), e);
    } catch (OutOfMemoryError e) {
      throw new ImageDecodeException("image too large to decode in memory: " + name);
    }
  }

  // ---------------------------------------------------------------- JPEG

  private static RgbImage decodeJpeg(byte[] bytes, String name, JpegInfo info) throws IOException, ImageDecodeException {
    if (info.precision() != 8) {
      throw new ImageDecodeException("unsupported JPEG: " + name + " has " + info.precision()
          + "-bit samples (PIL reads 8-bit JPEG only)");
    }
    if (info.arithmetic()) {
      throw new ImageDecodeException("unsupported JPEG: " + name + " uses arithmetic coding, which the JDK cannot decode");
    }
    JpegInfo.ColorSpace cs = info.colorSpace();
    if (cs == JpegInfo.ColorSpace.UNKNOWN) {
      throw new ImageDecodeException("unsupported JPEG: " + name + " has " + info.components() + " components");
    }
    if (info.width() <= 0 || info.height() <= 0) {
      throw new ImageDecodeException("corrupt JPEG: " + name + " declares size " + info.width() + "x" + info.height());
    }
    Raster raster = readRaster(bytes, name, "jpeg");
    int w = raster.getWidth();
    int h = raster.getHeight();
    int bands = raster.getNumBands();
    if (bands != info.components()) {
      throw new ImageDecodeException("unsupported JPEG: " + name + ": decoder returned " + bands
          + " bands for " + info.components() + " components");
    }
    byte[] out = new byte[w * h * 3];
    if (raster.getDataBuffer() instanceof DataBufferByte db && raster.getSampleModel() instanceof ComponentSampleModel sm
        && db.getNumBanks() == 1 && raster.getMinX() == 0 && raster.getMinY() == 0
        && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
      convertInterleaved(db.getData(), db.getOffset(), sm.getPixelStride(), sm.getScanlineStride(), sm.getBandOffsets(), w, h, cs, out);
      return new RgbImage(w, h, out);
    }
    int[] px = new int[bands];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.getPixel(x, y, px);
        convertPixel(cs, px[0], px[1], px[2], bands > 3 ? px[3] : 0, out, (y * w + x) * 3);
      }
    }
    return new RgbImage(w, h, out);
  }

  /** The fast path over the JPEG reader's byte-interleaved raster. */
  private static void convertInterleaved(byte[] d, int base, int ps, int ss, int[] off, int w, int h,
      JpegInfo.ColorSpace cs, byte[] out) {
    int o0 = off[0];
    int o1 = off.length > 1 ? off[1] : 0;
    int o2 = off.length > 2 ? off[2] : 0;
    int o3 = off.length > 3 ? off[3] : 0;
    int o = 0;
    for (int y = 0; y < h; y++) {
      int p = base + y * ss;
      switch (cs) {
        case GRAY -> {
          for (int x = 0; x < w; x++, p += ps, o += 3) out[o] = out[o + 1] = out[o + 2] = d[p + o0];
        }
        case RGB -> {
          for (int x = 0; x < w; x++, p += ps, o += 3) {
            out[o] = d[p + o0];
            out[o + 1] = d[p + o1];
            out[o + 2] = d[p + o2];
          }
        }
        case YCBCR -> {
          for (int x = 0; x < w; x++, p += ps, o += 3) YCC.toRgb(d[p + o0] & 0xff, d[p + o1] & 0xff, d[p + o2] & 0xff, out, o);
        }
        default -> {
          for (int x = 0; x < w; x++, p += ps, o += 3) {
            convertPixel(cs, d[p + o0] & 0xff, d[p + o1] & 0xff, d[p + o2] & 0xff, d[p + o3] & 0xff, out, o);
          }
        }
      }
    }
  }

  private static void convertPixel(JpegInfo.ColorSpace cs, int a, int b, int c, int k, byte[] out, int o) {
    switch (cs) {
      case GRAY -> { out[o] = out[o + 1] = out[o + 2] = (byte) a; }
      case RGB -> { out[o] = (byte) a; out[o + 1] = (byte) b; out[o + 2] = (byte) c; }
      case YCBCR -> YCC.toRgb(a, b, c, out, o);
      case CMYK -> cmykInvertedToRgb(a, b, c, k, out, o);
      case YCCK -> {
        // libjpeg ycck_cmyk_convert: C,M,Y = 255 - RGB(YCC); K as coded. Then PIL inverts all four
        // ("CMYK;I"), so the CMYK PIL sees is (R, G, B, 255 - K).
        YCC.toRgb(a, b, c, out, o);
        cmykToRgb(out[o] & 0xff, out[o + 1] & 0xff, out[o + 2] & 0xff, 255 - k, out, o);
      }
      default -> throw new IllegalStateException("colour space " + cs);
    }
  }

  /** PIL reads CMYK JPEGs with rawmode "CMYK;I" (inverted, Adobe convention), then cmyk2rgb. */
  private static void cmykInvertedToRgb(int c, int m, int y, int k, byte[] out, int o) {
    cmykToRgb(255 - c, 255 - m, 255 - y, 255 - k, out, o);
  }

  /** Pillow 9.4 {@code Convert.c cmyk2rgb}: {@code CLIP8(nk - MULDIV255(c, nk))} with nk = 255 - k. */
  static void cmykToRgb(int c, int m, int y, int k, byte[] out, int o) {
    int nk = 255 - k;
    out[o] = (byte) clip8(nk - mulDiv255(c, nk));
    out[o + 1] = (byte) clip8(nk - mulDiv255(m, nk));
    out[o + 2] = (byte) clip8(nk - mulDiv255(y, nk));
  }

  private static int mulDiv255(int a, int b) {
    int tmp = a * b + 128;
    return ((tmp >> 8) + tmp) >> 8;
  }

  private static int clip8(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }

  /** libjpeg's {@code jdcolor.c} YCbCr→RGB: 16-bit fixed-point tables, rounded, range-limited. */
  static final class YCC {
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
      final int scaleBits = 16;
      final int half = 1 << (scaleBits - 1);
      for (int i = 0, x = -128; i <= 255; i++, x++) {
        CR_R[i] = (fix(1.40200) * x + half) >> scaleBits;
        CB_B[i] = (fix(1.77200) * x + half) >> scaleBits;
        CR_G[i] = -fix(0.71414) * x;
        CB_G[i] = -fix(0.34414) * x + half;
      }
    }

    private static int fix(double v) {
      return (int) (v * (1L << 16) + 0.5);
    }

    static void toRgb(int y, int cb, int cr, byte[] out, int o) {
      out[o] = (byte) clip8(y + CR_R[cr]);
      out[o + 1] = (byte) clip8(y + ((CB_G[cb] + CR_G[cr]) >> 16));
      out[o + 2] = (byte) clip8(y + CB_B[cb]);
    }

    private YCC() {}
  }

  // ---------------------------------------------------------------- PNG, GIF, BMP, TIFF

  private static RgbImage decodeOther(byte[] bytes, String name, String format) throws IOException, ImageDecodeException {
    BufferedImage bi = readImage(bytes, name, format);
    Raster raster = bi.getRaster();
    ColorModel cm = bi.getColorModel();
    int w = raster.getWidth();
    int h = raster.getHeight();
    byte[] out = new byte[w * h * 3];
    if (cm instanceof IndexColorModel icm) {
      // PIL mode "P" (and "1"/"L;2"/"L;4" grey, which the JDK expresses as a grey palette)
      int size = icm.getMapSize();
      byte[] rs = new byte[size];
      byte[] gs = new byte[size];
      byte[] bs = new byte[size];
      icm.getReds(rs);
      icm.getGreens(gs);
      icm.getBlues(bs);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int i = raster.getSample(x, y, 0);
          int o = (y * w + x) * 3;
          if (i < size) {
            out[o] = rs[i];
            out[o + 1] = gs[i];
            out[o + 2] = bs[i];
          }
        }
      }
      return new RgbImage(w, h, out);
    }
    int colours = cm.getNumColorComponents();
    int bits = cm.getComponentSize(0);
    boolean sameBits = true;
    for (int c = 0; c < cm.getNumComponents(); c++) sameBits &= cm.getComponentSize(c) == bits;
    if ((colours != 1 && colours != 3) || !sameBits || (bits != 8 && bits != 16)) {
      // Rare layouts (packed 5-6-5 BMP, CMYK TIFF): let the colour model convert.
      LOG.debug("{}: generic colour conversion for {} components of {} bits", name, colours, bits);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int argb = bi.getRGB(x, y);
          int o = (y * w + x) * 3;
          out[o] = (byte) (argb >> 16);
          out[o + 1] = (byte) (argb >> 8);
          out[o + 2] = (byte) argb;
        }
      }
      return new RgbImage(w, h, out);
    }
    // 16-bit grey without alpha is PIL mode "I" (rawmode I;16B) whose convert("RGB") clips at 255;
    // every other 16-bit PNG layout is unpacked to 8 bits by keeping the high byte.
    boolean clipGrey16 = bits == 16 && colours == 1 && !cm.hasAlpha() && format.equals("png");
    int[] px = new int[raster.getNumBands()];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.getPixel(x, y, px);
        int o = (y * w + x) * 3;
        if (colours == 1) {
          int v = bits == 8 ? px[0] : clipGrey16 ? Math.min(px[0], 255) : px[0] >> 8;
          out[o] = out[o + 1] = out[o + 2] = (byte) v;
        } else {
          int shift = bits == 16 ? 8 : 0;
          out[o] = (byte) (px[0] >> shift);
          out[o + 1] = (byte) (px[1] >> shift);
          out[o + 2] = (byte) (px[2] >> shift);
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  // ---------------------------------------------------------------- ImageIO plumbing

  private static ImageReader reader(String format, String name) throws ImageDecodeException {
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
    if (!it.hasNext()) {
      throw new ImageDecodeException("unsupported image format: " + name + " is " + format.toUpperCase()
          + ", for which no decoder is installed");
    }
    return it.next();
  }

  private static Raster readRaster(byte[] bytes, String name, String format) throws IOException, ImageDecodeException {
    return read(bytes, name, format, r -> r.readRaster(0, null));
  }

  private static BufferedImage readImage(byte[] bytes, String name, String format) throws IOException, ImageDecodeException {
    return read(bytes, name, format, r -> r.read(0, null));
  }

  /** One decoder pass: size checked before decoding, reader warnings turned into errors. */
  private interface ReadStep<T> {
    T read(ImageReader reader) throws IOException;
  }

  private static <T> T read(byte[] bytes, String name, String format, ReadStep<T> step) throws IOException, ImageDecodeException {
    ImageReader reader = reader(format, name);
    List<String> warnings = new ArrayList<>();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      reader.addIIOReadWarningListener(collect(warnings));
      checkSize(reader, name);
      T out = step.read(reader);
      checkWarnings(warnings, name, format);
      return out;
    } finally {
      reader.dispose();
    }
  }

  /**
   * PIL refuses images above {@code 2 * Image.MAX_IMAGE_PIXELS} (178,956,970 pixels) as decompression
   * bombs; so does this decoder, before allocating anything.
   */
  static final long MAX_PIXELS = 2L * 89_478_485L;

  private static void checkSize(ImageReader reader, String name) throws IOException, ImageDecodeException {
    long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
    if (pixels > MAX_PIXELS) {
      throw new ImageDecodeException("image too large: " + name + " is " + reader.getWidth(0) + "x" + reader.getHeight(0)
          + " pixels, above PIL's decompression-bomb limit of " + MAX_PIXELS);
    }
  }

  private static IIOReadWarningListener collect(List<String> warnings) {
    return (source, warning) -> warnings.add(warning);
  }

  /**
   * PIL refuses a file whose data end before the decoder is done ("image file is truncated"); libjpeg
   * reports that as a warning ("Premature end of JPEG file") and pads with grey, so it is turned into
   * an error here. Other libjpeg warnings (extraneous bytes, ...) are tolerated like PIL does.
   */
  private static void checkWarnings(List<String> warnings, String name, String format) throws ImageDecodeException {
    for (String w : warnings) {
      String lw = w.toLowerCase(java.util.Locale.ROOT);
      if (lw.contains("premature end")) {
        throw new ImageDecodeException("truncated " + format.toUpperCase() + ": " + name + " (" + w + ")");
      }
      LOG.debug("{}: decoder warning: {}", name, w);
    }
  }

  private static String describeFailure(String format, String name, Exception e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable c = e.getCause();
    boolean eof = e instanceof java.io.EOFException || c instanceof java.io.EOFException
        || msg.toLowerCase(java.util.Locale.ROOT).contains("premature") || msg.contains("EOF");
    String f = format.toUpperCase();
    if (eof) return "truncated " + f + ": " + name + " (" + msg + ")";
    if (c != null && c.getMessage() != null && !c.getMessage().equals(msg)) msg += ": " + c.getMessage();
    return "corrupt " + f + ": " + name + " (" + msg + ")";
  }

  // ---------------------------------------------------------------- format sniffing

  static String sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) return "jpeg";
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "png";
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') return "gif";
    if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') return "bmp";
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W'
        && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return "webp";
    if (b.length >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
        || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) return "tiff";
    return null;
  }

  /**
   * What kind of file the bytes are, without quoting any of them: the reason is written to run
   * manifests and logs, and a path that was not meant to be read (a password file, a key) must not
   * leak through it.
   */
  private static String describeStart(byte[] b) {
    String kind;
    if (b.length >= 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') kind = "a PDF document";
    else if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) kind = "a ZIP archive";
    else if (b.length >= 6 && (b[0] & 0xff) == 0x93 && b[1] == 'N' && b[2] == 'U') kind = "a NumPy array";
    else if (looksLikeText(b)) kind = "text";
    else kind = "binary data of an unknown kind";
    return kind + ", " + b.length + " bytes";
  }

  private static boolean looksLikeText(byte[] b) {
    int n = Math.min(b.length, 512);
    for (int i = 0; i < n; i++) {
      int v = b[i] & 0xff;
      if (v < 9 || (v > 13 && v < 32 && v != 27) || v == 127) return false;
    }
    return true;
  }

  /** The payload of a PNG eXIf chunk (before IDAT), or null. */
  private static byte[] pngExif(byte[] b) {
    int p = 8;
    while (p + 8 <= b.length) {
      long len = ((long) (b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
      String type = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
      if (type.equals("eXIf") && p + 8 + len <= b.length) return java.util.Arrays.copyOfRange(b, p + 8, p + 8 + (int) len);
      if (type.equals("IDAT") || type.equals("IEND")) return null;
      p += 12 + (int) Math.min(len, Integer.MAX_VALUE - 12);
    }
    return null;
  }
}
