package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import java.util.Arrays;

/**
 * The 3D Common Corruptions (Kar et al., CVPR 2022; EPFL-VILAB/3DCommonCorruptions,
 * {@code create_3dcc/}) that can be synthesised from one RGB image and its depth map, severities 1–5.
 *
 * <p>Depth enters in the reference's unit: metres / 15.625 (Taskonomy's raw/8000 with raw = 1/512 m),
 * missing pixels filled with the largest valid depth ({@code dataset.py RGBAndDepthDataset}).
 * Outputs are quantised like {@code ToPILImage} (truncation).
 *
 * <p>Faithful ports: near/far focus, fog 3D, colour quantisation, low light, ISO noise. Approximations
 * (documented per method and in {@code docs/corruptions.md}): flash (the reference needs a relit
 * "reshade" render; here a point light at the camera, inverse-square falloff from depth), XY / Z
 * motion blur (the reference renders a 3D Ken Burns video with neural inpainting; here a depth-parallax
 * warp without inpainting), and the video codecs (no H.265 encoder on the JVM: JPEG at matched
 * bit-rate ladders, labelled approximations).
 */
public final class ThreeDCC {
  private ThreeDCC() {}

  /** Taskonomy normalisation of the reference: raw/8000 with raw in 1/512 m → metres/15.625. */
  static final double DEPTH_UNIT_METRES = 8000.0 / 512.0;

  public static RgbImage apply(Corruption c, int s, RgbImage img, DepthMap depth, Rng rng) {
    Corruption.checkSeverity(s);
    return switch (c) {
      case NEAR_FOCUS -> focus(img, depth, s, true);
      case FAR_FOCUS -> focus(img, depth, s, false);
      case FOG_3D -> fog3d(img, depth, s);
      case FLASH -> flash(img, depth, s);
      case COLOR_QUANT -> colorQuant(img, s);
      case LOW_LIGHT -> lowLight(img, s, rng);
      case ISO_NOISE -> isoNoise(img, s, rng);
      case XY_MOTION_BLUR -> xyMotionBlur(img, depth, s, rng);
      case Z_MOTION_BLUR -> zMotionBlur(img, depth, s, rng);
      case BIT_ERROR -> bitError(img, s, rng);
      case H265_ABR -> codecAbr(img, s);
      case H265_CRF -> codecCrf(img, s);
      default -> throw new IllegalArgumentException(c.id() + " is not a 3DCC corruption");
    };
  }

  static float[] normalizedDepth(DepthMap d) {
    float[] m = d.filledMetres();
    float[] out = new float[m.length];
    for (int i = 0; i < m.length; i++) out[i] = (float) (m[i] / DEPTH_UNIT_METRES);
    return out;
  }

  // ---------------------------------------------------------------- depth of field

  /**
   * Near / far focus ({@code create_dof.py defocus_blur_3D}): thin-lens defocus. The depth range is
   * split at its 8 quantiles (9 boundary values q_j); the camera focuses at q_0 (near) or q_7 (far);
   * each boundary gets a Gaussian blur of radius = circle of confusion A·|q_j − f| / q_j with aperture
   * A = severity + 2 (near) or severity + 0.5 (far); every pixel blends the two blur levels of its
   * depth interval with weights 1 − (relative distance)². Gaussian kernels: σ = radius, width
   * int(3σ) rounded up to odd, replicated borders.
   */
  public static RgbImage focus(RgbImage img, DepthMap depth, int s, boolean near) {
    float[] d = normalizedDepth(depth);
    float[] sorted = d.clone();
    Arrays.sort(sorted);
    int nq = 8;
    double[] q = new double[nq + 1];
    for (int j = 0; j <= nq; j++) q[j] = DepthMap.quantileSorted(sorted, j / (double) nq);
    q[0] -= 1e-4;
    q[nq] += 1e-4;
    double aperture = s + 2.0;
    if (!near) aperture = (aperture - 1.5) / 1.0;
    double f = near ? q[0] : q[7];
    FloatImage x = FloatImage.of(img);
    FloatImage[] stack = new FloatImage[nq + 1];
    for (int j = 0; j <= nq; j++) {
      double r = aperture * Math.abs(q[j] - f) / Math.max(q[j], 1e-6);
      if (r < 0.1) {
        stack[j] = x;
      } else {
        int cutoff = (int) (r * 3);
        if (cutoff % 2 == 0) cutoff++;
        stack[j] = CvOps.gaussianKsizeReplicate(x, cutoff, r);
      }
    }
    float[] out = new float[x.data.length];
    for (int i = 0; i < d.length; i++) {
      int idx = searchLeft(q, d[i]);
      idx = Math.max(1, Math.min(nq, idx));
      double ql = q[idx - 1], qr = q[idx];
      double dl = (d[i] - ql) / (qr - ql), dr = (qr - d[i]) / (qr - ql);
      double wl = 1 - dl * dl, wr = 1 - dr * dr;
      double sum = wl + wr;
      for (int k = 0; k < 3; k++) {
        out[i * 3 + k] = (float) ((wl * stack[idx - 1].data[i * 3 + k] + wr * stack[idx].data[i * 3 + k]) / sum);
      }
    }
    return new FloatImage(x.width, x.height, 3, out).toRgbTruncated();
  }

  /** {@code torch.searchsorted(q, v)} (side left): first index with q[i] >= v. */
  private static int searchLeft(double[] q, double v) {
    int i = 0;
    while (i < q.length && q[i] < v) i++;
    return i;
  }

  // ---------------------------------------------------------------- fog

  /**
   * Fog 3D ({@code create_fog.py fog_3d}): Koschmieder's atmospheric scattering model
   * I = t·J + A·(1 − t) with transmission t = exp(−β·d) for depth d (reference units),
   * β = 4 8 12 16 20 and airlight A = the image's mean intensity.
   */
  public static RgbImage fog3d(RgbImage img, DepthMap depth, int s) {
    double alpha = new double[] {4, 8, 12, 16, 20}[s - 1];
    float[] d = normalizedDepth(depth);
    FloatImage x = FloatImage.of(img);
    double mean = 0;
    for (float v : x.data) mean += v;
    mean /= x.data.length;
    for (int i = 0; i < d.length; i++) {
      float t = (float) Math.exp(-alpha * d[i]);
      for (int k = 0; k < 3; k++) x.data[i * 3 + k] = (float) (t * x.data[i * 3 + k] + mean * (1 - t));
    }
    return x.toRgbTruncated();
  }

  // ---------------------------------------------------------------- flash

  /**
   * Flash ({@code create_flash.py flash}: x + x·shading/k, k = 2.4 1.4 .9 .6 .4, clipped). The
   * reference's shading is a re-rendered "reshade" image of a light at the camera; without a mesh
   * we use the physical model behind it: a point light at the camera centre, irradiance falling off
   * as 1/d², normalised so that the nearest 5 % of the scene receives full intensity (APPROXIMATION:
   * no surface-orientation term, no shadows).
   */
  public static RgbImage flash(RgbImage img, DepthMap depth, int s) {
    double k = new double[] {2.4, 1.4, 0.9, 0.6, 0.4}[s - 1];
    float[] d = depth.filledMetres();
    double dNear = Math.max(1e-3, depth.quantile(0.05));
    FloatImage x = FloatImage.of(img);
    for (int i = 0; i < d.length; i++) {
      double r = dNear / Math.max(1e-3, d[i]);
      double shade = Math.min(1.0, r * r);
      for (int c = 0; c < 3; c++) {
        float v = x.data[i * 3 + c];
        x.data[i * 3 + c] = (float) Math.min(1.0, v + v * shade / k);
      }
    }
    return x.toRgbTruncated();
  }

  // ---------------------------------------------------------------- non-3D

  /** Colour quantisation ({@code create_non3d.py color_quant}): PIL posterize to 6 − severity bits per channel. */
  public static RgbImage colorQuant(RgbImage img, int s) {
    int bits = 6 - s;
    int mask = ~((1 << (8 - bits)) - 1) & 0xff;
    byte[] in = img.rgb(), out = new byte[in.length];
    for (int i = 0; i < in.length; i++) out[i] = (byte) ((in[i] & 0xff) & mask);
    return new RgbImage(img.width(), img.height(), out);
  }

  /**
   * ISO noise ({@code create_non3d.py iso_noise}): photon shot noise at a fixed 25 photons full scale
   * (ISO does not change photon noise), then read-out noise N(0, (0.7·c)²) with c = .08 .12 .18 .26 .38
   * (higher ISO amplifies electronic noise); quantised to 8 bits between the stages as in the reference.
   */
  public static RgbImage isoNoise(RgbImage img, int s, Rng rng) {
    double cg = 0.7 * new double[] {.08, .12, 0.18, 0.26, 0.38}[s - 1];
    return poissonGaussian(FloatImage.of(img), 25, cg, rng);
  }

  /**
   * Low light ({@code create_non3d.py low_light}): exposure reduction as MATLAB {@code imadjust}
   * from [min, max] to [0, c] with gamma 2, c = .6 .5 .4 .3 .2, then the sensor noise of a dark
   * image (Poisson at 120 photons full scale + N(0, 0.018²), the reference's severity-3 setting).
   */
  public static RgbImage lowLight(RgbImage img, int s, Rng rng) {
    double c = new double[] {.60, .50, 0.40, 0.30, 0.20}[s - 1];
    FloatImage x = FloatImage.of(img);
    float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
    for (float v : x.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float range = max - min;
    for (int i = 0; i < x.data.length; i++) {
      double u = range == 0 ? 0 : (x.data[i] - min) / range;
      x.data[i] = (float) (u * u * c);
    }
    return poissonGaussian(x, 10 * 12, 0.1 * 0.18, rng);
  }

  private static RgbImage poissonGaussian(FloatImage x, double photons, double sigma, Rng rng) {
    byte[] out = new byte[x.data.length];
    for (int i = 0; i < x.data.length; i++) {
      double v = rng.poisson(Math.max(0, x.data[i]) * photons) / photons;
      int q = (int) (Math.min(1, Math.max(0, v)) * 255); // uint8 between stages
      double w = q / 255.0 + rng.normal(0, sigma);
      out[i] = (byte) (int) (Math.min(1, Math.max(0, w)) * 255);
    }
    return new RgbImage(x.width, x.height, out);
  }

  // ---------------------------------------------------------------- camera motion

  /**
   * XY motion blur ({@code motion_video/create_motion.py}): the exposure-average of the first
   * 20/30/40/50/60 of 60 frames of a sideways camera move. Reference: 3D Ken Burns novel views with
   * an end shift of u ∈ ±[50, 75), v ∈ [−75, 75) pixels (at 512 px). APPROXIMATION: each frame is a
   * backward warp where a pixel at depth Z moves by t·(u, v)·Z_ref/Z (parallax of a translating
   * pinhole camera, Z_ref = median depth, factor capped at 3), no occlusion handling or inpainting.
   */
  public static RgbImage xyMotionBlur(RgbImage img, DepthMap depth, int s, Rng rng) {
    int frames = new int[] {20, 30, 40, 50, 60}[s - 1];
    double u = rng.nextBoolean() ? rng.randint(-75, -50) : rng.randint(50, 75);
    double v = rng.randint(-75, 75);
    double px = img.width() / 512.0;
    float[] z = depth.filledMetres();
    double zref = depth.quantile(0.5);
    FloatImage x = FloatImage.of(img);
    int w = x.width, h = x.height;
    float[] acc = new float[x.data.length];
    float[] par = new float[z.length];
    for (int i = 0; i < z.length; i++) par[i] = (float) Math.min(3.0, zref / Math.max(1e-3, z[i]));
    for (int f = 0; f < frames; f++) {
      double t = f / 59.0;
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          int i = y * w + xx;
          double sx = xx - t * u * px * par[i], sy = y - t * v * px * par[i];
          bilinearAdd(x, sx, sy, acc, i * 3);
        }
      }
    }
    for (int i = 0; i < acc.length; i++) acc[i] /= frames;
    return new FloatImage(w, h, 3, acc).toRgbTruncated();
  }

  /**
   * Z motion blur: the average of the first 20/25/30/35/38 of 60 frames of a forward camera move
   * (reference: Ken Burns zoom into a crop of 0.5–0.6 of the frame, centre shifted by ±30 px).
   * APPROXIMATION: the camera advances so that depth Z_ref (median) is magnified by m(t) =
   * 1/(1 − t·(1 − scale)); a point at depth Z is magnified by Z/(Z − Δz) with Δz = Z_ref·(1 − 1/m),
   * around the moving centre; backward warp without inpainting.
   */
  public static RgbImage zMotionBlur(RgbImage img, DepthMap depth, int s, Rng rng) {
    int frames = new int[] {20, 25, 30, 35, 38}[s - 1];
    double u = rng.randint(-30, 30), v = rng.randint(-30, 30);
    double scale = (rng.nextDouble() * 0.1 + 0.5 + rng.nextDouble() * 0.1 + 0.5) / 2;
    double px = img.width() / 512.0;
    float[] z = depth.filledMetres();
    double zref = depth.quantile(0.5);
    FloatImage x = FloatImage.of(img);
    int w = x.width, h = x.height;
    double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
    float[] acc = new float[x.data.length];
    for (int f = 0; f < frames; f++) {
      double t = f / 59.0;
      double m = 1 / (1 - t * (1 - scale));
      double dz = zref * (1 - 1 / m);
      double ccx = cx + t * u * px, ccy = cy + t * v * px;
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          int i = y * w + xx;
          double zi = Math.max(1e-3, z[i]);
          double mag = zi / Math.max(0.1 * zi, zi - dz);
          double sx = ccx + (xx - cx) / mag, sy = ccy + (y - cy) / mag;
          bilinearAdd(x, sx, sy, acc, i * 3);
        }
      }
    }
    for (int i = 0; i < acc.length; i++) acc[i] /= frames;
    return new FloatImage(w, h, 3, acc).toRgbTruncated();
  }

  private static void bilinearAdd(FloatImage img, double sx, double sy, float[] acc, int o) {
    int w = img.width, h = img.height;
    sx = Math.max(0, Math.min(w - 1, sx));
    sy = Math.max(0, Math.min(h - 1, sy));
    int x0 = (int) sx, y0 = (int) sy;
    int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
    float fx = (float) (sx - x0), fy = (float) (sy - y0);
    int a = (y0 * w + x0) * 3, b = (y0 * w + x1) * 3, c = (y1 * w + x0) * 3, d = (y1 * w + x1) * 3;
    for (int k = 0; k < 3; k++) {
      float v0 = img.data[a + k] + fx * (img.data[b + k] - img.data[a + k]);
      float v1 = img.data[c + k] + fx * (img.data[d + k] - img.data[c + k]);
      acc[o + k] += v0 + fy * (v1 - v0);
    }
  }

  // ---------------------------------------------------------------- video codecs (approximations)

  /**
   * Bit error ({@code video_distortions.py bit_error}: ffmpeg's {@code noise} bitstream filter on an
   * H.265 stream, one byte in c = 100000 50000 30000 20000 10000 replaced). APPROXIMATION: the image
   * is JPEG-coded (quality 90, a restart marker every MCU row so damage stays local, as slices do in
   * video) and entropy-coded bytes are replaced with probability 20/c (a still frame has far fewer
   * bytes than the reference's 120-frame clip, over which errors accumulate). Marker bytes are never
   * hit; an undecodable result is redrawn (at most 5 times) before falling back to the clean coding.
   */
  public static RgbImage bitError(RgbImage img, int s, Rng rng) {
    double p = 20.0 / new double[] {100000, 50000, 30000, 20000, 10000}[s - 1];
    int mcusPerRow = (img.width() + 15) / 16;
    byte[] clean = CvOps.encodeJpeg(img, 90, mcusPerRow);
    int sos = startOfScan(clean);
    for (int attempt = 0; attempt < 5; attempt++) {
      byte[] b = clean.clone();
      for (int i = sos; i < b.length - 2; i++) {
        if ((b[i] & 0xff) == 0xff || (b[i - 1] & 0xff) == 0xff) continue;
        if (rng.nextDouble() < p) b[i] = (byte) rng.randint(0, 255); // never 0xFF: no fake markers
      }
      try {
        RgbImage out = CvOps.decode(b, "bit-error stream");
        if (out.width() == img.width() && out.height() == img.height()) return out;
      } catch (IllegalArgumentException e) {
        // undecodable: draw again
      }
    }
    return CvOps.decode(clean, "bit-error stream");
  }

  /** Offset of the first entropy-coded byte (after the SOS segment). */
  private static int startOfScan(byte[] jpg) {
    for (int i = 2; i < jpg.length - 4; i++) {
      if ((jpg[i] & 0xff) == 0xff && (jpg[i + 1] & 0xff) == 0xDA) {
        int len = ((jpg[i + 2] & 0xff) << 8) | (jpg[i + 3] & 0xff);
        return i + 2 + len;
      }
    }
    throw new IllegalStateException("JPEG without a scan");
  }

  /**
   * H.265 ABR ({@code h265_abr}: the source bit rate divided by 2 4 8 16 32). APPROXIMATION (no
   * H.265 encoder on the JVM): the "source" is the image JPEG-coded at quality 95; the output is the
   * highest-quality JPEG whose size is at most source/divisor (binary search over quality 1..95).
   */
  public static RgbImage codecAbr(RgbImage img, int s) {
    int div = new int[] {2, 4, 8, 16, 32}[s - 1];
    long target = CvOps.encodeJpeg(img, 95).length / div;
    int lo = 1, hi = 95;
    byte[] best = CvOps.encodeJpeg(img, 1);
    while (lo <= hi) {
      int mid = (lo + hi) / 2;
      byte[] b = CvOps.encodeJpeg(img, mid);
      if (b.length <= target) {
        best = b;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return CvOps.decode(best, "ABR coding");
  }

  /**
   * H.265 CRF ({@code h265_crf}: constant rate factor 24 26 32 39 41). APPROXIMATION: a JPEG whose
   * quantiser step follows H.265's 2^((QP−4)/6) law relative to CRF 24 ≙ JPEG quality 60: quality
   * 60, 50, 25, 11, 9.
   */
  public static RgbImage codecCrf(RgbImage img, int s) {
    int crf = new int[] {24, 26, 32, 39, 41}[s - 1];
    double scalePercent = 80.0 * Math.pow(2, (crf - 24) / 6.0); // IJG scale at quality 60 is 80 %
    int q = scalePercent <= 100 ? (int) Math.round((200 - scalePercent) / 2) : (int) Math.round(5000 / scalePercent);
    q = Math.max(1, Math.min(95, q));
    return CvOps.decode(CvOps.encodeJpeg(img, q), "CRF coding");
  }
}
