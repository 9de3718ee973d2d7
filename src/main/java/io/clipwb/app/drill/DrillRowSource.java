package io.clipwb.app.drill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Loads the {@link DrillRows} of run folders off the FX thread and keeps the last few in memory,
 * so a second click into the same run (the usual case: bin after bin of one diagram) resolves at
 * once. The loader is a function so the core's row resolver can replace {@link RunFolderRows#load}
 * in one place.
 */
public final class DrillRowSource {
  private static final DrillRowSource SHARED = new DrillRowSource(RunFolderRows::load, 8);

  private final Function<Path, ? extends DrillRows> loader;
  private final int capacity;
  private final ExecutorService executor;
  private final Map<Path, CompletableFuture<DrillRows>> cache;

  /**
   * @param loader reads one run folder (blocking; runs on this source's background thread)
   * @param capacity how many run folders stay loaded (least recently used dropped first)
   */
  public DrillRowSource(Function<Path, ? extends DrillRows> loader, int capacity) {
    this.loader = loader;
    this.capacity = Math.max(1, capacity);
    this.cache = new LinkedHashMap<>(16, 0.75f, true);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "clipwb-drill-rows-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The application-wide source (run folders read with {@link RunFolderRows}, last 8 kept). */
  public static DrillRowSource shared() {
    return SHARED;
  }

  /** The rows of a run folder: cached, or loading in the background. A failed load is not kept. */
  public CompletableFuture<DrillRows> rows(Path runDir) {
    Path key = runDir.toAbsolutePath().normalize();
    synchronized (cache) {
      CompletableFuture<DrillRows> f = cache.get(key);
      if (f != null && !f.isCompletedExceptionally()) return f;
      CompletableFuture<DrillRows> load = new CompletableFuture<>();
      cache.put(key, load);
      executor.execute(() -> {
        try {
          load.complete(loader.apply(key));
        } catch (RuntimeException | Error e) {
          synchronized (cache) {
            cache.remove(key, load); // before completing: a caller that sees the failure never finds it cached
          }
          load.completeExceptionally(e);
        }
      });
      while (cache.size() > capacity) {
        Path eldest = cache.keySet().iterator().next();
        cache.remove(eldest);
      }
      return load;
    }
  }

  /** The requested rows resolved in request order, off the FX thread. */
  public CompletableFuture<List<DrillItem>> resolve(DrillRequest request) {
    int[] rows = request.rows().clone();
    return rows(request.runDir()).thenApplyAsync(r -> {
      List<DrillItem> items = new ArrayList<>(rows.length);
      for (int row : rows) items.add(r.row(row));
      return items;
    }, executor);
  }

  /** How many run folders are loaded or loading (for tests). */
  public int cachedRuns() {
    synchronized (cache) {
      return cache.size();
    }
  }
}
