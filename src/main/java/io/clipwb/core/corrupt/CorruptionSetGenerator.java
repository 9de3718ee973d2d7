package io.clipwb.core.corrupt;

import io.clipwb.core.image.RgbImage;
import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.io.Json;
import io.clipwb.core.io.Sha256;
import io.clipwb.core.util.Cancellation;
import io.clipwb.core.util.Progress;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes corrupted copies of a set of images in the standard layout
 * {@code <out>/<corruption>/<severity>/<class>/<stem>.<ext>} — the layout of the published
 * ImageNet-C and 3DCC sets, so {@code io.clipwb.core.eval.corruption} reads generated and published
 * sets alike.
 *
 * <p>Generated files are cached: {@code <out>/.clipwb-corrupt-cache.json} maps every output to a
 * key of (source path, size, mtime; depth file, size, mtime; corruption; severity; seed; output size
 * and format; generator version). A re-run regenerates only outputs whose key changed or whose file
 * is missing, so evaluations can be re-run cheaply and an interrupted run resumes (the index is
 * saved every 50 sources and at the end; outputs are written atomically).
 *
 * <p>A source that cannot be read (or whose depth map is bad) is reported in
 * {@link Summary#failures()} with the reason, and the other sources are still processed.
 */
public final class CorruptionSetGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(CorruptionSetGenerator.class);
  /** Bumped whenever a generator's output changes, which invalidates cached files. */
  public static final String GENERATOR_VERSION = "1";
  public static final String CACHE_FILE = ".clipwb-corrupt-cache.json";

  /** One input image, its class folder, and optionally its depth map. */
  public record Source(Path image, String className, Path depth) {}

  /**
   * @param size ImageNet-C preprocessing: resize the shorter side to size·256/224 and centre-crop
   *     size x size (224 = the published sets); 0 keeps the image as it is
   * @param format "jpeg" (quality {@code jpegQuality}, as the published ImageNet-C: 85) or "png"
   * @param threads worker threads (≥ 1)
   */
  public record Params(List<Corruption> corruptions, List<Integer> severities, long seed, int size, String format,
      int jpegQuality, DepthMap.Scale depthScale, int threads) {
    public Params {
      if (corruptions.isEmpty()) throw new IllegalArgumentException("no corruptions selected");
      for (int s : severities) Corruption.checkSeverity(s);
      if (!format.equals("jpeg") && !format.equals("png")) throw new IllegalArgumentException("format must be jpeg or png, got " + format);
      if (size < 0) throw new IllegalArgumentException("size must be ≥ 0");
    }

    public static Params defaults(List<Corruption> corruptions) {
      return new Params(corruptions, List.of(1, 2, 3, 4, 5), 0, 224, "jpeg", 85, DepthMap.Scale.MILLIMETRES,
          Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  /** A source that failed, with a reason a user can act on. */
  public record Failure(String source, String reason) {}

  public record Summary(Path out, int sources, long generated, long cached, long skippedNoDepth, List<Failure> failures) {}

  private CorruptionSetGenerator() {}

  public static Summary generate(List<Source> sources, Path out, Params p, Progress progress, Cancellation cancel) {
    java.util.Objects.requireNonNull(progress, "progress (use Progress.NONE)");
    java.util.Objects.requireNonNull(cancel, "cancel (use Cancellation.none())");
    Path cacheFile = out.resolve(CACHE_FILE);
    Map<String, String> cache = new ConcurrentHashMap<>(readCache(cacheFile));
    AtomicLong generated = new AtomicLong(), cached = new AtomicLong(), noDepth = new AtomicLong(), done = new AtomicLong();
    AtomicLong sourcesDone = new AtomicLong();
    List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    long total = (long) sources.size() * p.corruptions().size() * p.severities().size();
    ExecutorService pool = Executors.newFixedThreadPool(p.threads(), io.clipwb.core.util.BackgroundThreads.factory("clipwb-corrupt"));
    // parallelism comes from our workers; OpenCV's own thread pool would only oversubscribe the cores
    int cvThreads = org.bytedeco.opencv.global.opencv_core.getNumThreads();
    if (p.threads() > 1) org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Source src : sources) {
        futures.add(pool.submit(() -> {
          cancel.check();
          try {
            process(src, out, p, cache, generated, cached, noDepth, done, total, progress, cancel);
            if (sourcesDone.incrementAndGet() % 50 == 0) writeCache(cacheFile, cache); // survive a hard kill
          } catch (java.util.concurrent.CancellationException e) {
            throw e;
          } catch (RuntimeException e) {
            LOG.warn("{}: {}", src.image(), e.getMessage());
            failures.add(new Failure(src.image().toString(), e.getMessage()));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof java.util.concurrent.CancellationException ce) throw ce;
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.util.concurrent.CancellationException("interrupted");
        }
      }
    } finally {
      pool.shutdownNow();
      if (p.threads() > 1) org.bytedeco.opencv.global.opencv_core.setNumThreads(cvThreads);
      writeCache(cacheFile, cache);
    }
    return new Summary(out, sources.size(), generated.get(), cached.get(), noDepth.get(), List.copyOf(failures));
  }

  private static void process(Source src, Path out, Params p, Map<String, String> cache, AtomicLong generated,
      AtomicLong cached, AtomicLong noDepth, AtomicLong done, long total, Progress progress, Cancellation cancel) {
    String srcKey = fileKey(src.image()) + "|" + (src.depth() == null ? "-" : fileKey(src.depth()));
    String stem = stem(src.image());
    String ext = p.format().equals("png") ? ".png" : ".jpg";
    RgbImage image = null;
    DepthMap depth = null;
    boolean depthLoaded = false;
    for (Corruption c : p.corruptions()) {
      for (int s : p.severities()) {
        cancel.check();
        Path rel = Path.of(c.id(), Integer.toString(s), src.className(), stem + ext);
        String relKey = rel.toString().replace('\\', '/');
        String key = Sha256.hex(srcKey + "|" + c.id() + "|" + s + "|" + p.seed() + "|" + p.size() + "|" + p.format() + "|"
            + p.jpegQuality() + "|" + p.depthScale().name() + "|" + GENERATOR_VERSION);
        Path target = out.resolve(rel);
        if (key.equals(cache.get(relKey)) && Files.isRegularFile(target)) {
          cached.incrementAndGet();
        } else if (c.needsDepth() && src.depth() == null) {
          noDepth.incrementAndGet();
        } else {
          if (image == null) image = preprocess(CvOps.readImage(src.image()), p.size());
          if (c.needsDepth() && !depthLoaded) {
            DepthMap raw = DepthMap.read(src.depth(), p.depthScale());
            RgbImage original = image;
            depth = preprocessDepth(raw, src, p.size(), original);
            depthLoaded = true;
          }
          RgbImage result = Corruptions.apply(c, s, image, depth, p.seed(), src.className() + "/" + src.image().getFileName());
          byte[] bytes = p.format().equals("png") ? CvOps.encodePng(result) : CvOps.encodeJpeg(result, p.jpegQuality());
          AtomicFiles.write(target, bytes);
          cache.put(relKey, key);
          generated.incrementAndGet();
        }
        progress.update(done.incrementAndGet(), total, "corrupting images");
      }
    }
  }

  /**
   * ImageNet-C's {@code transforms.Resize(256)} + {@code CenterCrop(224)} (torchvision on PIL images:
   * Pillow bilinear with antialiasing, crop offset {@code round((r − size) / 2)}), scaled to
   * {@code size}; 0 = unchanged.
   */
  public static RgbImage preprocess(RgbImage img, int size) {
    if (size == 0) return img;
    int[] r = resizedDims(img.width(), img.height(), size);
    RgbImage resized = PilBox.resizeBilinear(img, r[0], r[1]);
    int x0 = cropOffset(r[0], size), y0 = cropOffset(r[1], size);
    byte[] out = new byte[size * size * 3];
    for (int y = 0; y < size; y++) System.arraycopy(resized.rgb(), ((y + y0) * r[0] + x0) * 3, out, y * size * 3, size * 3);
    return new RgbImage(size, size, out);
  }

  static int cropOffset(int length, int size) {
    return (int) Math.rint((length - size) / 2.0); // Python's round() is half-to-even, like rint
  }

  static int[] resizedDims(int w, int h, int size) {
    int shorter = (int) Math.round(size * 256.0 / 224.0);
    if (w <= h) return new int[] {shorter, Math.max(size, (int) ((long) h * shorter / w))};
    return new int[] {Math.max(size, (int) ((long) w * shorter / h)), shorter};
  }

  private static DepthMap preprocessDepth(DepthMap raw, Source src, int size, RgbImage processed) {
    if (size == 0) return raw;
    // the depth must match the source image before the identical resize + crop is applied to it
    RgbImage original = CvOps.readImage(src.image());
    raw.checkMatches(original);
    int[] r = resizedDims(original.width(), original.height(), size);
    DepthMap resized = raw.resized(r[0], r[1]);
    DepthMap cropped = resized.cropped(cropOffset(r[0], size), cropOffset(r[1], size), size, size);
    if (cropped.validCount() == 0) {
      throw new IllegalArgumentException("depth map " + src.depth() + ": no valid depth inside the centre crop");
    }
    return cropped;
  }

  static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  private static String fileKey(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return p.toAbsolutePath().normalize() + ":" + a.size() + ":" + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> readCache(Path file) {
    if (!Files.isRegularFile(file)) return Map.of();
    try {
      return Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      LOG.warn("ignoring unreadable cache index {}: {}", file, e.getMessage());
      return Map.of();
    }
  }

  private static synchronized void writeCache(Path file, Map<String, String> cache) {
    try {
      AtomicFiles.write(file, Json.mapper().writeValueAsBytes(new TreeMap<>(cache)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write cache index " + file, e);
    }
  }
}
