package io.clipwb.app.drill;

import io.clipwb.core.image.ImageDecodeException;
import io.clipwb.core.image.ImageDecoder;
import io.clipwb.core.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes thumbnails in the background and keeps a bounded cache of them, so a grid over tens of
 * thousands of images never decodes on the FX thread and never holds more than a fixed budget.
 *
 * <p>Why the core decoder instead of JavaFX's background {@code Image} loading: it honours EXIF
 * orientation ({@link ImageDecoder#decode(Path, boolean)}), reads what the evaluation read, and
 * gives a reason a user understands when a file is broken. Decoding runs on two named daemon
 * threads, newest request first (what just scrolled into view). Requests carry a "still wanted"
 * check (a cell's generation counter): a request whose cells all scrolled away is dropped before
 * decoding, and a result is handed to the FX thread only if its cell still shows the same item.
 * A failure is remembered with its reason and never retried while remembered.
 */
public final class ThumbnailService {
  private static final Logger LOG = LoggerFactory.getLogger(ThumbnailService.class);
  private static final ThumbnailService SHARED = new ThumbnailService(128, 2_000, 64L << 20);
  private static final int MAX_FAILURES = 10_000;

  /** A decoded thumbnail, or the reason there is none. */
  public record Thumbnail(Image image, String error) {
    /** Whether the image decoded. */
    public boolean ok() {
      return image != null;
    }
  }

  private record Waiter(BooleanSupplier stillWanted, Consumer<Thumbnail> onFx) {}

  private final int maxPx;
  private final int capacity;
  private final long maxBytes;
  private final ThreadPoolExecutor executor;
  private final LinkedHashMap<Path, Thumbnail> cache = new LinkedHashMap<>(256, 0.75f, true);
  private final LinkedHashMap<Path, String> failures = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<Path, List<Waiter>> pending = new HashMap<>();
  private long bytes;
  private final AtomicInteger decodes = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();

  /**
   * @param maxPx the longer side of a thumbnail (smaller images are not enlarged)
   * @param capacity the most thumbnails kept
   * @param maxBytes the most pixel bytes kept (4 per pixel)
   */
  public ThumbnailService(int maxPx, int capacity, long maxBytes) {
    this.maxPx = maxPx;
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    AtomicInteger n = new AtomicInteger();
    LinkedBlockingDeque<Runnable> lifo = new LinkedBlockingDeque<>() {
      @Override
      public boolean offer(Runnable r) {
        return offerFirst(r);
      }
    };
    this.executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, lifo, r -> {
      Thread t = new Thread(r, "clipwb-thumbnail-" + n.incrementAndGet());
      t.setDaemon(true);
      t.setPriority(Thread.NORM_PRIORITY - 1);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
  }

  /** The application-wide service: 128-px thumbnails, at most 2,000 of them and 64 MiB of pixels. */
  public static ThumbnailService shared() {
    return SHARED;
  }

  /** The thumbnail size (longer side, pixels). */
  public int maxPx() {
    return maxPx;
  }

  /** The cached thumbnail or remembered failure of an image, or null when neither is known. */
  public Thumbnail cached(Path image) {
    synchronized (this) {
      Thumbnail t = cache.get(image);
      if (t != null) return t;
      String e = failures.get(image);
      return e == null ? null : new Thumbnail(null, e);
    }
  }

  /**
   * Asks for a thumbnail. When it is cached (or known broken) {@code onFx} runs at once on the
   * calling (FX) thread; otherwise the image is decoded in the background and {@code onFx} runs
   * later on the FX thread, provided {@code stillWanted} is then still true.
   *
   * @param stillWanted read on a decoding thread and on the FX thread: must be thread-safe and cheap
   */
  public void request(Path image, BooleanSupplier stillWanted, Consumer<Thumbnail> onFx) {
    Thumbnail known = cached(image);
    if (known != null) {
      onFx.accept(known);
      return;
    }
    synchronized (this) {
      List<Waiter> w = pending.get(image);
      if (w != null) {
        w.add(new Waiter(stillWanted, onFx));
        return;
      }
      w = new ArrayList<>(2);
      w.add(new Waiter(stillWanted, onFx));
      pending.put(image, w);
    }
    executor.execute(() -> decodeFor(image));
  }

  private void decodeFor(Path image) {
    synchronized (this) {
      List<Waiter> w = pending.get(image);
      if (w == null) return;
      w.removeIf(x -> !x.stillWanted().getAsBoolean());
      if (w.isEmpty()) {
        pending.remove(image);
        skipped.incrementAndGet();
        return;
      }
    }
    Thumbnail t;
    try {
      decodes.incrementAndGet();
      RgbImage rgb = ImageDecoder.decode(image, true);
      t = new Thumbnail(toFx(rgb, maxPx), null);
    } catch (ImageDecodeException e) {
      t = new Thumbnail(null, e.getMessage());
    } catch (RuntimeException | OutOfMemoryError e) {
      LOG.warn("thumbnail of {} failed", image, e);
      t = new Thumbnail(null, "cannot show " + image + ": " + e);
    }
    List<Waiter> waiters;
    synchronized (this) {
      waiters = pending.remove(image);
      remember(image, t);
    }
    if (waiters == null || waiters.isEmpty()) return;
    Thumbnail result = t;
    Platform.runLater(() -> {
      for (Waiter x : waiters) {
        if (x.stillWanted().getAsBoolean()) x.onFx().accept(result);
      }
    });
  }

  private void remember(Path image, Thumbnail t) {
    if (!t.ok()) {
      failures.put(image, t.error());
      if (failures.size() > MAX_FAILURES) failures.remove(failures.keySet().iterator().next());
      return;
    }
    Thumbnail old = cache.put(image, t);
    if (old != null && old.ok()) bytes -= pixelBytes(old.image());
    bytes += pixelBytes(t.image());
    Iterator<Map.Entry<Path, Thumbnail>> it = cache.entrySet().iterator();
    while ((cache.size() > capacity || bytes > maxBytes) && it.hasNext()) {
      Map.Entry<Path, Thumbnail> e = it.next();
      if (e.getKey().equals(image)) continue;
      bytes -= pixelBytes(e.getValue().image());
      it.remove();
    }
  }

  private static long pixelBytes(Image im) {
    return 4L * (long) im.getWidth() * (long) im.getHeight();
  }

  /**
   * Decodes an image at up to {@code maxSide} pixels (the detail view), in the background, EXIF
   * orientation applied; fails with the decoder's reason. Not cached.
   */
  public CompletableFuture<Image> full(Path image, int maxSide) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return toFx(ImageDecoder.decode(image, true), maxSide);
      } catch (ImageDecodeException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }, executor);
  }

  /** The image scaled to fit {@code maxSide} (box filter, never enlarged) as a JavaFX image. */
  static WritableImage toFx(RgbImage rgb, int maxSide) {
    double s = Math.min(1.0, maxSide / (double) Math.max(rgb.width(), rgb.height()));
    int w = Math.max(1, (int) Math.round(rgb.width() * s));
    int h = Math.max(1, (int) Math.round(rgb.height() * s));
    int[] argb = scale(rgb, w, h);
    WritableImage out = new WritableImage(w, h);
    out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), argb, 0, w);
    return out;
  }

  /** Area-average (box) downscale to w x h as opaque ARGB ints; a plain copy when the size is equal. */
  static int[] scale(RgbImage src, int w, int h) {
    int sw = src.width();
    int sh = src.height();
    byte[] p = src.rgb();
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      int y0 = (int) ((long) y * sh / h);
      int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * sh / h));
      for (int x = 0; x < w; x++) {
        int x0 = (int) ((long) x * sw / w);
        int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * sw / w));
        long r = 0;
        long g = 0;
        long b = 0;
        for (int yy = y0; yy < y1; yy++) {
          int i = (yy * sw + x0) * 3;
          for (int xx = x0; xx < x1; xx++, i += 3) {
            r += p[i] & 0xff;
            g += p[i + 1] & 0xff;
            b += p[i + 2] & 0xff;
          }
        }
        long n = (long) (y1 - y0) * (x1 - x0);
        out[y * w + x] = 0xff000000 | (int) ((r + n / 2) / n) << 16 | (int) ((g + n / 2) / n) << 8 | (int) ((b + n / 2) / n);
      }
    }
    return out;
  }

  /** How many thumbnails are cached. */
  public synchronized int size() {
    return cache.size();
  }

  /** Pixel bytes held by the cache. */
  public synchronized long bytes() {
    return bytes;
  }

  /** How many decodes ran (thumbnails, successful or not), for tests and benchmarks. */
  public int decodes() {
    return decodes.get();
  }

  /** How many requests were dropped before decoding because their cells had scrolled away. */
  public int skipped() {
    return skipped.get();
  }

  /** How many failures are remembered. */
  public synchronized int failures() {
    return failures.size();
  }
}
